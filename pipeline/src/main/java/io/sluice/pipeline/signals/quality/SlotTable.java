package io.sluice.pipeline.signals.quality;

import java.util.Arrays;

/**
 * An open-addressing multiset of elements identified by an int reference (a position in the caller's
 * data) and a 64-bit hash, with the caller deciding equality on hash matches. Lets the repetition
 * family count lines, paragraphs and n-grams as ranges of one char array, without building a string
 * per element. Reused across documents; not thread-safe.
 */
final class SlotTable {

    /** Exact equality of two elements, asked only when their hashes match. */
    interface Equality {
        boolean same(int refA, int refB);
    }

    private long[] hashes = new long[64];
    private int[] refs = new int[64];
    private int[] counts = new int[64];
    /**
     * Slot {@code i} is occupied when {@code stamps[i] == generation}: emptying the table is one
     * increment instead of a fill, and the repetition family empties it eleven times per document.
     */
    private int[] stamps = new int[64];
    private int generation = 1;
    private int mask;
    /** 64 - log2(capacity): the slot is the top bits of the hash times a Fibonacci constant. */
    private int shift;
    /** Count of the element after the last {@link #add}. */
    int lastCount;

    /** Empties the table, sized for about {@code expected} distinct elements. */
    void reset(int expected) {
        int cap = 16;
        while (cap < expected * 2) {
            cap <<= 1;
        }
        if (refs.length < cap) {
            hashes = new long[cap];
            refs = new int[cap];
            counts = new int[cap];
            stamps = new int[cap];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /**
     * Adds one occurrence. Returns the reference of the first equal element already present (and
     * counts this occurrence on it), or -1 if the element is new (then stored under {@code ref}).
     */
    int add(long hash, int ref, Equality eq) {
        // Polynomial hashes have weak low bits (they depend on few bits of each char); the high
        // bits of a multiplication mix all of them, which keeps probe sequences short.
        int i = (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
        while (true) {
            if (stamps[i] != generation) {
                stamps[i] = generation;
                refs[i] = ref;
                hashes[i] = hash;
                counts[i] = 1;
                lastCount = 1;
                return -1;
            }
            int r = refs[i];
            if (hashes[i] == hash && eq.same(r, ref)) {
                lastCount = ++counts[i];
                return r;
            }
            i = (i + 1) & mask;
        }
    }
}
