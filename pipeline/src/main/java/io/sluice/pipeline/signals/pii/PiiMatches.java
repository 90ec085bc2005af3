package io.sluice.pipeline.signals.pii;

import java.util.Arrays;

/**
 * The spans {@link PiiScanner} found in one text, sorted by start and non-overlapping, held in
 * primitive arrays so that a scan of a clean document allocates nothing. Reused between scans by
 * the scanner that owns it: read it before the next scan. Never put matched values in logs or
 * exception messages; {@link #toString()} prints kinds and offsets only.
 */
public final class PiiMatches {
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private PiiKind[] kinds = new PiiKind[8];
    /** Per span: an IP address in a private, loopback, link-local, reserved or documentation range. */
    private boolean[] privateIp = new boolean[8];
    private final int[] counts = new int[PiiKind.values().length];
    private final int[] privateCounts = new int[PiiKind.values().length];
    private int privateIps;
    private int size;

    void clear() {
        size = 0;
        privateIps = 0;
        Arrays.fill(counts, 0);
        Arrays.fill(privateCounts, 0);
    }

    void add(int start, int end, PiiKind kind) {
        add(start, end, kind, false);
    }

    /** Adds a span; {@code isPrivateIp} marks an IP address that identifies no one outside its network. */
    void add(int start, int end, PiiKind kind, boolean isPrivateIp) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
            privateIp = Arrays.copyOf(privateIp, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        kinds[size] = kind;
        privateIp[size] = isPrivateIp;
        size++;
        counts[kind.ordinal()]++;
        if (isPrivateIp) {
            privateCounts[kind.ordinal()]++;
            privateIps++;
        }
    }

    /** Sorts spans by start; emails are found in a separate pass, so the two lists interleave. */
    void sort() {
        for (int i = 1; i < size; i++) {
            int s = starts[i];
            int e = ends[i];
            PiiKind k = kinds[i];
            boolean p = privateIp[i];
            int j = i - 1;
            while (j >= 0 && starts[j] > s) {
                starts[j + 1] = starts[j];
                ends[j + 1] = ends[j];
                kinds[j + 1] = kinds[j];
                privateIp[j + 1] = privateIp[j];
                j--;
            }
            starts[j + 1] = s;
            ends[j + 1] = e;
            kinds[j + 1] = k;
            privateIp[j + 1] = p;
        }
    }

    /** Number of spans. */
    public int size() {
        return size;
    }

    /** Start offset (inclusive) of span {@code i}. */
    public int start(int i) {
        return starts[i];
    }

    /** End offset (exclusive) of span {@code i}. */
    public int end(int i) {
        return ends[i];
    }

    /** Kind of span {@code i}. */
    public PiiKind kind(int i) {
        return kinds[i];
    }

    /** Number of spans of {@code kind}. */
    public int count(PiiKind kind) {
        return counts[kind.ordinal()];
    }

    /** True when span {@code i} is an IP address in a private or reserved range (see {@link #privateIps()}). */
    public boolean isPrivateIp(int i) {
        return privateIp[i];
    }

    /** Number of spans of {@code kind} that are not private IP addresses (all of them for other kinds). */
    public int publicCount(PiiKind kind) {
        return counts[kind.ordinal()] - privateCounts[kind.ordinal()];
    }

    /** Number of IPv4/IPv6 spans in private, loopback, link-local, reserved or documentation ranges. */
    public int privateIps() {
        return privateIps;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PiiMatches[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(kinds[i].key()).append('@').append(starts[i]).append('-')
                    .append(ends[i]);
        }
        return sb.append(']').toString();
    }
}
