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
 * Most text needs none of this, so one scan decides: text that is clean and whose every character
 * is NFC-stable (below U+0300, or a character that neither changes under NFC nor combines with the
 * one before it, which covers Greek, Cyrillic, CJK and typographic punctuation) is returned as the
 * same instance without allocating or asking {@link Normalizer}. Thread-safe.
 */
public final class TextNormalizer {

    /** The first code point whose NFC quick-check is not "yes"; nothing below it can change. */
    private static final char FIRST_NFC_SENSITIVE = '\u0300';

    private static final byte UNKNOWN = 0;
    private static final byte STABLE = 1;
    private static final byte UNSTABLE = 2;
    /**
     * Per BMP char, whether it is NFC-stable (see {@link #isStable}), filled in as chars are first
     * seen. Racing threads may both compute a char; they store the same value, so no lock is needed.
     */
    private static final byte[] STABILITY = new byte[0x10000];

    /** Normalizes {@code text}; returns the same instance when it is already normal. */
    public String normalize(String text) {
        final int n = text.length();
        boolean needsCleaning = false;
        boolean allStable = true;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                // Read on: when every other char is stable, the cleaned text needs no Normalizer either
                // (cleaning only drops controls and writes \n and U+FFFD, both stable).
                needsCleaning |= c != '\n' && c != '\t';
            } else if (Character.isSurrogate(c)) {
                // Pairs (emoji, supplementary ideographs) are fine; only lone halves need cleaning.
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    allStable = false; // supplementary characters: left to the Normalizer
                } else {
                    needsCleaning = true; // a lone half: U+FFFD
                }
            } else if (c >= FIRST_NFC_SENSITIVE && allStable) {
                allStable = isStable(c);
            }
        }
        String cleaned = needsCleaning ? clean(text) : text;
        if (allStable) {
            return cleaned;
        }
        if (Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)) {
            return cleaned;
        }
        return Normalizer.normalize(cleaned, Normalizer.Form.NFC);
    }

    /**
     * True when a text made of NFC-normalized characters stays unchanged under NFC with {@code c} in
     * it: {@code c} is NFC alone (no singleton or excluded decomposition), has canonical combining
     * class 0 (every character with another is a mark), and composes with no character before it
     * (those, NFC_QC=Maybe, are all marks, plus the Hangul vowel and trailing jamo).
     */
    static boolean isStable(char c) {
        byte known = STABILITY[c];
        if (known != UNKNOWN) {
            return known == STABLE;
        }
        boolean stable;
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.SURROGATE:
                stable = false;
                break;
            default:
                stable = !(c >= '\u1100' && c <= '\u11FF')
                        && Normalizer.isNormalized(String.valueOf(c), Normalizer.Form.NFC);
        }
        STABILITY[c] = stable ? STABLE : UNSTABLE;
        return stable;
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
