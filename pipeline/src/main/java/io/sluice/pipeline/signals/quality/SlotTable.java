package io.sluice.pipeline.signals.quality;

import java.util.Arrays;

/**
 * Open-addressing slots for counting elements identified by a 64-bit hash and an int reference (a
 * position in the caller's data): lines, paragraphs, tokens and n-grams counted as ranges of one
 * array, without a string per element. Reused across documents; not thread-safe.
 *
 * <p>Each slot is one {@code long}: a 32-bit fingerprint of the hash over the element's reference,
 * so a probe touches one cache line (long documents make tables larger than the L1 cache, and the
 * repetition family probes about ten times per token). A fingerprint match is only a candidate:
 * the caller decides equality. The table only stores; the caller probes with its own loop
 * ({@link #first}, {@link #next}), which keeps every probe loop monomorphic and inlined.
 */
final class SlotTable {

    /** 0 marks an empty slot; fingerprints are never 0. */
    long[] slots = new long[64];
    /** Occurrences of the element in each slot, for callers that count. */
    int[] counts = new int[64];
    private int mask;
    /** 64 - log2(capacity): the slot index is the top bits of the mixed hash. */
    private int shift;

    /** Empties the table, sized for at most {@code expected} distinct elements (load ≤ 1/2). */
    void reset(int expected) {
        int cap = 16;
        while (cap < expected * 2) {
            cap <<= 1;
        }
        if (slots.length < cap) {
            slots = new long[cap];
            counts = new int[cap];
        } else {
            // Clearing only the slots in use: a few hundred longs for a typical document.
            Arrays.fill(slots, 0, cap, 0L);
        }
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /**
     * Mixes a hash: polynomial hashes have weak low bits, and both the slot index (top bits) and the
     * fingerprint (low bits) must depend on every input char. One xor-shift, one multiply by the
     * golden ratio and a fold of the high half into the low: murmur3's two-multiply finalizer, used
     * before, cost the repetition family ~1 µs more per document (InterleavedBuildsMain, dev corpus)
     * and a probe needs no better spread, since every candidate's chars are compared anyway.
     */
    static long mix(long hash) {
        long h = (hash ^ (hash >>> 32)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** The fingerprint half of a slot for the mixed hash {@code mixed}: never 0, the empty mark. */
    static long fingerprint(long mixed) {
        return (mixed << 32) | (1L << 32);
    }

    /** The first slot to probe for the mixed hash {@code mixed}. */
    int first(long mixed) {
        return (int) (mixed >>> shift);
    }

    /** The slot probed after {@code slot}. */
    int next(int slot) {
        return (slot + 1) & mask;
    }

    /** True when slot content {@code slot} holds an element with fingerprint {@code fp}. */
    static boolean matches(long slot, long fp) {
        return (slot & 0xFFFFFFFF00000000L) == fp;
    }

    /** The reference stored in slot content {@code slot}. */
    static int ref(long slot) {
        return (int) slot;
    }

    /** Stores a new element in the empty slot {@code index}, with a count of one. */
    void put(int index, long fp, int ref) {
        slots[index] = fp | (ref & 0xFFFFFFFFL);
        counts[index] = 1;
    }
}
