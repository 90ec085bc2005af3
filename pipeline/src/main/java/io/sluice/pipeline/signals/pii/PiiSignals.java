package io.sluice.pipeline.signals.pii;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pii} family: how many of each {@link PiiKind} a text contains ({@code pii.email},
 * {@code pii.phone}, {@code pii.ipv4}, {@code pii.ipv6}, {@code pii.card}, {@code pii.iban},
 * {@code pii.ssn}, {@code pii.secret}), how many of the IPs are private or reserved
 * ({@code pii.ip_private}) and how many of each family are not ({@code pii.ipv4_public},
 * {@code pii.ipv6_public}: what a policy that leaves private addresses alone decides on), and the
 * total ({@code pii.total}). Spans are not signals; the scorer
 * rescans a text whose policy asks for redaction (see {@link PiiRedactor}). Matched values never
 * leave the scanner except through redaction.
 */
public final class PiiSignals implements TextSignalFamily {

    public static final String FAMILY = "pii";
    public static final String IP_PRIVATE = "pii.ip_private";
    public static final String IPV4_PUBLIC = "pii.ipv4_public";
    public static final String IPV6_PUBLIC = "pii.ipv6_public";
    public static final String TOTAL = "pii.total";

    private static final PiiKind[] KINDS = PiiKind.values();
    private static final String[] KIND_SIGNALS = new String[KINDS.length];
    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (PiiKind k : KINDS) {
            KIND_SIGNALS[k.ordinal()] = k.signal();
            names.add(k.signal());
        }
        names.add(IP_PRIVATE);
        names.add(IPV4_PUBLIC);
        names.add(IPV6_PUBLIC);
        names.add(TOTAL);
        NAMES = List.copyOf(names);
    }

    private final PiiScanner scanner = new PiiScanner();
    /** The text of the last scan, by identity, so that redaction can reuse its matches. */
    private String scanned;

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(String text, SignalCollector out) {
        PiiMatches m = scanner.scan(text);
        scanned = text;
        for (PiiKind k : KINDS) {
            out.put(KIND_SIGNALS[k.ordinal()], m.count(k));
        }
        out.put(IP_PRIVATE, m.privateIps());
        out.put(IPV4_PUBLIC, m.publicCount(PiiKind.IPV4));
        out.put(IPV6_PUBLIC, m.publicCount(PiiKind.IPV6));
        out.put(TOTAL, m.size());
    }

    /**
     * The matches in {@code text}: those of the last {@link #compute} when it was given this very
     * instance (the scorer redacts the text it has just scored, and a second scan would double the
     * family's cost), else a fresh scan. Valid until the next call of either method.
     */
    public PiiMatches matches(String text) {
        if (text != scanned) {
            scanner.scan(text);
            scanned = text;
        }
        return scanner.lastMatches();
    }
}
