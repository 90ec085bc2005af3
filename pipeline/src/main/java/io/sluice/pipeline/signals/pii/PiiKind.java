package io.sluice.pipeline.signals.pii;

import java.util.Locale;

/**
 * The kinds of personal data and secrets {@link PiiScanner} finds. Each kind has a signal
 * {@code pii.<key>} (count of matches) and a type-tagged placeholder used by {@link PiiRedactor}.
 * IPv4 and IPv6 share the placeholder {@code <IP>}: a reader of redacted text gains nothing from
 * knowing the address family, and one tag keeps downstream tokenizers' vocabulary small.
 */
public enum PiiKind {
    EMAIL("<EMAIL>"),
    PHONE("<PHONE>"),
    IPV4("<IP>"),
    IPV6("<IP>"),
    CARD("<CARD>"),
    IBAN("<IBAN>"),
    SSN("<SSN>"),
    SECRET("<SECRET>");

    private static final PiiKind[] VALUES = values();

    private final String placeholder;
    private final String key;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    /** The replacement text, e.g. {@code <EMAIL>}. */
    public String placeholder() {
        return placeholder;
    }

    /** Lower-case name used in signal names, policy keys and the score output, e.g. {@code email}. */
    public String key() {
        return key;
    }

    /** The count signal, e.g. {@code pii.email}. */
    public String signal() {
        return PiiSignals.FAMILY + "." + key;
    }

    /** The kind whose {@link #key()} is {@code key}, or null. */
    public static PiiKind byKey(String key) {
        for (PiiKind k : VALUES) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
