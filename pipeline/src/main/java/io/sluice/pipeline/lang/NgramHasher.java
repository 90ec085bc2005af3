package io.sluice.pipeline.lang;

/**
 * Hashes the character 1- to 4-grams of a text prefix into buckets of a fixed-size table: the
 * features of the language model, shared by the identifier and the trainer so that both see exactly
 * the same features.
 *
 * <p>Letters are lower-cased; every run of non-letters (digits, punctuation, white space) becomes one
 * space, which marks word boundaries, so {@code " th"} and {@code "he "} are features but numbers and
 * markup are not. Hashing instead of a vocabulary keeps the model a flat byte array with no lookup
 * structure: one multiply-and-shift per n-gram, at the price of collisions, which naive Bayes over
 * thousands of features tolerates.
 */
final class NgramHasher {

    /** The longest n-gram. */
    static final int MAX_N = 4;

    private NgramHasher() {
    }

    /** Receives the bucket of every n-gram, in text order. */
    interface BucketSink {
        /** Takes one bucket; returns false to stop hashing (the caller has seen enough). */
        boolean accept(int bucket);
    }

    /**
     * Hashes the n-grams of the first {@code maxChars} chars of {@code text} into buckets in
     * {@code [0, 2^bits)}.
     *
     * @return the number of n-grams emitted (up to and including the one the sink stopped at)
     */
    static int forEach(CharSequence text, int maxChars, int bits, BucketSink sink) {
        return forEach(text, 0, Math.min(text.length(), maxChars), bits, sink);
    }

    /** Hashes the n-grams of {@code text[from, end)}; {@code from} is taken to start a word. */
    static int forEach(CharSequence text, int from, int end, int bits, BucketSink sink) {
        int shift = 64 - bits;
        // The last three code points before the current one, most recent first; space at the start.
        int c1 = ' ';
        int c2 = ' ';
        int c3 = ' ';
        int emitted = 0;
        boolean lastWasSpace = true;
        for (int i = from; i <= end; ) {
            int c;
            if (i == end) {
                c = ' '; // close the last word so its final n-grams carry the boundary
                i++;
            } else {
                int cp = Character.codePointAt(text, i);
                if (cp == ESC) {
                    i = skipEscapeSequence(text, i, end);
                    c = ' ';
                } else {
                    i += Character.charCount(cp);
                    c = Character.isLetter(cp) ? Character.toLowerCase(cp) : ' ';
                }
            }
            if (c == ' ') {
                if (lastWasSpace) {
                    continue;
                }
                lastWasSpace = true;
            } else {
                lastWasSpace = false;
                emitted++;
                if (!sink.accept(bucket(c, shift))) {
                    return emitted;
                }
            }
            // n-grams ending at c; each longer gram extends the previous hash by one earlier char.
            long h = c;
            h = h * 0x9E3779B97F4A7C15L + c1;
            boolean more = sink.accept(bucket(h + 2, shift));
            h = h * 0x9E3779B97F4A7C15L + c2;
            more &= sink.accept(bucket(h + 3, shift));
            h = h * 0x9E3779B97F4A7C15L + c3;
            more &= sink.accept(bucket(h + 4, shift));
            emitted += 3;
            if (!more) {
                return emitted;
            }
            c3 = c2;
            c2 = c1;
            c1 = c;
        }
        return emitted;
    }

    static final char ESC = '\u001B';

    /**
     * Where the terminal escape sequence that starts at {@code text[i] == ESC} ends: a CSI sequence
     * ({@code ESC [ params final}, e.g. the colour codes {@code ESC[1;36m} that terminal-formatted
     * text is full of) up to and including its final byte, any other escape with the char after it.
     * Their letters ({@code m}, {@code H}, {@code K}) are control, not language.
     */
    static int skipEscapeSequence(CharSequence text, int i, int end) {
        i++;
        if (i < end && text.charAt(i) == '[') {
            i++;
            while (i < end) {
                char c = text.charAt(i++);
                if (c >= 0x40 && c <= 0x7E) {
                    break;
                }
            }
            return i;
        }
        return Math.min(i + 1, end);
    }

    private static int bucket(long h, int shift) {
        // Murmur3's 64-bit finalizer: every input bit affects the top bits taken as the bucket.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> shift);
    }
}
