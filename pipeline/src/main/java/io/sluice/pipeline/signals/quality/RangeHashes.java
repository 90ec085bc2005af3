package io.sluice.pipeline.signals.quality;

/**
 * Polynomial hashes of every prefix of a char array, so that the hash of any range is O(1): the
 * repetition family hashes every line, paragraph, token and n-gram of a document as ranges, and
 * FineWeb every line, without a string per element. Reused across documents; not thread-safe.
 *
 * <p>Equal ranges have equal hashes; unequal ranges collide with probability ~2^-64 per pair, but
 * callers still compare the chars of a match (a table keyed by the hash decides nothing alone).
 */
final class RangeHashes {

    private static final long BASE = 0x9E3779B97F4A7C15L;
    private static final long BASE2 = BASE * BASE;
    private static final long BASE3 = BASE2 * BASE;
    private static final long BASE4 = BASE3 * BASE;

    /** {@code prefix[k]}: hash of the first k chars. */
    private long[] prefix = new long[4096];
    /** {@code powers[k]} = BASE^k, computed once per instance as documents grow longer. */
    private long[] powers = {1L};

    /** Hashes every prefix of {@code c[0, length)}; earlier hashes are forgotten. */
    void load(char[] c, int length) {
        if (prefix.length < length + 1) {
            prefix = new long[Math.max(length + 1, prefix.length * 2)];
        }
        if (powers.length < length + 1) {
            growPowers(length + 1);
        }
        final long[] p = prefix;
        p[0] = 0;
        long h = 0;
        int k = 0;
        // Four chars per step: the next block depends on the previous one through a single multiply
        // and add (h * BASE^4 + t4), not one per char, so the multiplies of a block overlap instead of
        // waiting on each other. Same values as the one-char recurrence h = h * BASE + c.
        for (; k + 4 <= length; k += 4) {
            final long c0 = c[k];
            final long t2 = c0 * BASE + c[k + 1];
            final long t3 = t2 * BASE + c[k + 2];
            final long t4 = t3 * BASE + c[k + 3];
            p[k + 1] = h * BASE + c0;
            p[k + 2] = h * BASE2 + t2;
            p[k + 3] = h * BASE3 + t3;
            h = h * BASE4 + t4;
            p[k + 4] = h;
        }
        for (; k < length; k++) {
            h = h * BASE + c[k];
            p[k + 1] = h;
        }
    }

    private void growPowers(int needed) {
        long[] grown = new long[Math.max(needed, powers.length * 2)];
        System.arraycopy(powers, 0, grown, 0, powers.length);
        for (int k = powers.length; k < grown.length; k++) {
            grown[k] = grown[k - 1] * BASE;
        }
        powers = grown;
    }

    /** Hash of {@code [s, e)} of the array last loaded, its length mixed in. */
    long hash(int s, int e) {
        return (prefix[e] - prefix[s] * powers[e - s]) * 31 + (e - s);
    }
}
