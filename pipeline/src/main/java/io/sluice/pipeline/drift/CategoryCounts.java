package io.sluice.pipeline.drift;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Counts of one categorical dimension in one window; mergeable.
 *
 * <p>Exact while the dimension has at most {@code maxExact} distinct values (languages, routes,
 * slices of a sane policy), so low-cardinality dimensions give identical counts at any parallelism.
 * Past that (crawl hosts, say) it switches to a DataSketches frequent-items sketch, whose memory is
 * bounded and which still merges; then only the heavy hitters are named and the rest is
 * {@link #OTHER}, which is what a drift comparison of a long tail can use anyway.
 */
public final class CategoryCounts {
    /** Bucket for everything not named: the tail of a sketched dimension. */
    public static final String OTHER = "__other__";

    /** Frequent-items map size (power of two); ~0.35% of the stream is the worst-case count error at 1024. */
    static final int SKETCH_MAP_SIZE = 1024;

    private final int maxExact;
    private HashMap<String, long[]> exact = new HashMap<>();
    private ItemsSketch<String> sketch;
    private long total;

    public CategoryCounts(int maxExact) {
        this.maxExact = maxExact;
    }

    public void add(String value) {
        total++;
        if (sketch != null) {
            sketch.update(value);
            return;
        }
        long[] c = exact.get(value);
        if (c == null) {
            if (exact.size() >= maxExact) {
                toSketch();
                sketch.update(value);
                return;
            }
            exact.put(value, new long[] {1});
        } else {
            c[0]++;
        }
    }

    private void toSketch() {
        sketch = new ItemsSketch<>(SKETCH_MAP_SIZE);
        exact.forEach((k, v) -> sketch.update(k, v[0]));
        exact = null;
    }

    /** Adds {@code other}'s counts to these. */
    public void merge(CategoryCounts other) {
        total += other.total;
        if (other.sketch != null && sketch == null) {
            toSketch();
        }
        if (sketch != null) {
            if (other.sketch != null) {
                sketch.merge(other.sketch);
            } else {
                other.exact.forEach((k, v) -> sketch.update(k, v[0]));
            }
            return;
        }
        other.exact.forEach((k, v) -> exact.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        if (exact.size() > maxExact) {
            toSketch();
        }
    }

    public long total() {
        return total;
    }

    public boolean isSketched() {
        return sketch != null;
    }

    /**
     * Counts by category: exact, or for a sketched dimension the estimated counts of the frequent items
     * (no false negatives) with the remainder under {@link #OTHER}. Largest first.
     */
    public Map<String, Long> counts() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        if (sketch == null) {
            exact.forEach((k, v) -> entries.add(Map.entry(k, v[0])));
        } else {
            long named = 0;
            for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                entries.add(Map.entry(row.getItem(), row.getEstimate()));
                named += row.getEstimate();
            }
            if (total > named) {
                entries.add(Map.entry(OTHER, total - named));
            }
        }
        entries.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The serialized frequent-items sketch, or null while counts are exact. */
    public byte[] sketchBytes() {
        return sketch == null ? null : sketch.toByteArray(new ArrayOfStringsSerDe());
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(total);
        if (sketch == null) {
            out.writeBoolean(false);
            out.writeInt(exact.size());
            for (Map.Entry<String, long[]> e : exact.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue()[0]);
            }
        } else {
            out.writeBoolean(true);
            byte[] bytes = sketchBytes();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static CategoryCounts read(DataInput in, int maxExact) throws IOException {
        CategoryCounts c = new CategoryCounts(maxExact);
        c.total = in.readLong();
        if (in.readBoolean()) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            c.sketch = ItemsSketch.getInstance(Memory.wrap(bytes), new ArrayOfStringsSerDe());
            c.exact = null;
        } else {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                c.exact.put(in.readUTF(), new long[] {in.readLong()});
            }
        }
        return c;
    }

    /** Builds counts from a map (a pinned reference read from a file). */
    public static CategoryCounts of(Map<String, Long> counts, int maxExact) {
        CategoryCounts c = new CategoryCounts(Math.max(maxExact, counts.size()));
        counts.forEach((k, v) -> {
            c.exact.put(k, new long[] {v});
            c.total += v;
        });
        return c;
    }

    /** A copy (the trailing baseline merges copies, never the windows it keeps). */
    public CategoryCounts copy() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            write(new DataOutputStream(bytes));
            return read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), maxExact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
