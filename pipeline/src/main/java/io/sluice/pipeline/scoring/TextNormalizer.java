package io.sluice.pipeline.scoring;

import java.text.Normalizer;

/**
 * Puts text into the one form every signal, hash and output is computed on:
 * <ul>
 *   <li>line ends are LF: CRLF and lone CR become {@code \n}, and so do vertical tab and form feed,
 *       which separate lines (page breaks in extracted PDFs) and would glue words together if
 *       stripped;</li>
 *   <li>other C0 controls (NUL, ESC, ...) are removed; {@code \t} and {@code \n} are kept;</li>
 *   <li>unpaired UTF-16 surrogates become U+FFFD, since they cannot be encoded as UTF-8 and would
 *       otherwise fail or silently change later, at serialization;</li>
 *   <li>Unicode NFC, so that "é" typed as one or two code points hashes and counts the same.</li>
 * </ul>
 * Most text needs none of this, so one scan decides; text that is clean and below U+0300 (where no
 * character can change under NFC) is returned as the same instance without allocating.
 * Stateless and thread-safe.
 */
public final class TextNormalizer {

    /** The first code point whose NFC quick-check is not "yes"; nothing below it can change. */
    private static final char FIRST_NFC_SENSITIVE = '\u0300';

    /** Normalizes {@code text}; returns the same instance when it is already normal. */
    public String normalize(String text) {
        final int n = text.length();
        boolean needsCleaning = false;
        char max = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\n' && c != '\t') {
                    needsCleaning = true;
                    break;
                }
            } else if (Character.isSurrogate(c)) {
                // Pairs (emoji, supplementary ideographs) are fine; only lone halves need cleaning.
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    max = c;
                } else {
                    needsCleaning = true;
                    break;
                }
            } else if (c > max) {
                max = c;
            }
        }
        String cleaned = text;
        if (needsCleaning) {
            cleaned = clean(text);
        } else if (max < FIRST_NFC_SENSITIVE) {
            return text;
        }
        if (Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)) {
            return cleaned;
        }
        return Normalizer.normalize(cleaned, Normalizer.Form.NFC);
    }

    private static String clean(String text) {
        final int n = text.length();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                switch (c) {
                    case '\n':
                    case '\t':
                        sb.append(c);
                        break;
                    case '\r':
                        sb.append('\n');
                        if (i + 1 < n && text.charAt(i + 1) == '\n') {
                            i++;
                        }
                        break;
                    case '\u000B':
                    case '\f':
                        sb.append('\n');
                        break;
                    default:
                        // Other C0 controls carry no text; drop them.
                        break;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    sb.append(c).append(text.charAt(++i));
                } else {
                    sb.append('\uFFFD');
                }
            } else if (Character.isLowSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
