package io.sluice.pipeline.signals.quality;

import java.util.Arrays;

/**
 * A set of substrings of one text, held as offsets: which lines have been seen before, without a
 * {@code substring} per line. The caller supplies each range's hash ({@link RangeHashes}, computed
 * once per document for every family that needs one) and the set compares the chars of candidates. Open addressing over parallel int arrays; {@link #reset} is O(1) through
 * a generation stamp, so one instance serves every document a thread scores.
 */
final class LineSet {

    private String text;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] hashes = new int[64];
    private int[] generation = new int[64];
    private int current = 1;
    private int size;

    /** Empties the set and makes it hold ranges of {@code text}. */
    void reset(String text) {
        this.text = text;
        this.size = 0;
        if (++current == Integer.MAX_VALUE) {
            Arrays.fill(generation, 0);
            current = 1;
        }
    }

    /**
     * Adds {@code text[from, to)}, whose {@link RangeHashes#hash} is {@code rangeHash}; false when an
     * equal string is already in the set.
     */
    boolean add(int from, int to, long rangeHash) {
        final int h = (int) SlotTable.mix(rangeHash);
        if ((size + 1) * 2 > starts.length) {
            grow();
        }
        int mask = starts.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            if (generation[slot] != current) {
                generation[slot] = current;
                starts[slot] = from;
                ends[slot] = to;
                hashes[slot] = h;
                size++;
                return true;
            }
            if (hashes[slot] == h && ends[slot] - starts[slot] == to - from
                    && text.regionMatches(starts[slot], text, from, to - from)) {
                return false;
            }
        }
    }

    private void grow() {
        int[] oldStarts = starts;
        int[] oldEnds = ends;
        int[] oldHashes = hashes;
        int[] oldGeneration = generation;
        int capacity = oldStarts.length * 2;
        starts = new int[capacity];
        ends = new int[capacity];
        hashes = new int[capacity];
        generation = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldStarts.length; i++) {
            if (oldGeneration[i] == current) {
                int slot = oldHashes[i] & mask;
                while (generation[slot] == current) {
                    slot = (slot + 1) & mask;
                }
                generation[slot] = current;
                starts[slot] = oldStarts[i];
                ends[slot] = oldEnds[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
