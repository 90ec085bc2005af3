package io.sluice.pipeline.signals.pii;

import java.util.Set;

/**
 * Replaces the spans of chosen {@link PiiKind}s with their type-tagged placeholders
 * ({@code <EMAIL>}, {@code <PHONE>}, {@code <IP>}, ...). Spans of other kinds are left as they are.
 */
public final class PiiRedactor {

    private PiiRedactor() {}

    /**
     * The text with every span in {@code matches} whose kind is in {@code kinds} replaced; the text
     * itself when nothing is replaced. {@code matches} must come from scanning {@code text}.
     */
    public static String redact(String text, PiiMatches matches, Set<PiiKind> kinds) {
        return redact(text, matches, kinds, false);
    }

    /**
     * As {@link #redact(String, PiiMatches, Set)}; with {@code keepPrivateIps}, IP addresses in
     * private and reserved ranges ({@link PiiMatches#isPrivateIp}) stay as they are.
     */
    public static String redact(String text, PiiMatches matches, Set<PiiKind> kinds, boolean keepPrivateIps) {
        StringBuilder sb = null;
        int copied = 0;
        for (int i = 0; i < matches.size(); i++) {
            PiiKind kind = matches.kind(i);
            if (!kinds.contains(kind) || keepPrivateIps && matches.isPrivateIp(i)) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, copied, matches.start(i)).append(kind.placeholder());
            copied = matches.end(i);
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }
}
