package io.sluice.pipeline.drift;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the drift monitor keeps about one event-time window: record count, late records
 * counted into it, one {@link CategoryCounts} per categorical and one {@link NumericSketch} per
 * numeric dimension, and a few exemplar ids per accepted slice (for FILL_GAP requests).
 *
 * <p>Mergeable and serializable, so each parallel subtask aggregates its share of a window and one
 * task merges the partials: counts add up exactly whatever the parallelism, quantiles agree within
 * the sketch's rank error. Plain Java, shared by the stream job and {@code sluice drift}.
 */
public final class WindowAggregate {
    /** Categorical dimensions above this many distinct values switch to a frequent-items sketch. */
    public static final int MAX_EXACT_CATEGORIES = 256;
    /** Exemplar ids kept per accepted slice, and slices that keep them. */
    static final int EXEMPLARS_PER_SLICE = 3;
    static final int MAX_EXEMPLAR_SLICES = 256;

    private final DriftDimensions dims;
    private final long start;
    private final long end;
    private long count;
    private long lateCount;
    private final CategoryCounts[] categories;
    private final NumericSketch[] numerics;
    private final int acceptedSliceIndex;
    private final Map<String, List<String>> exemplars = new HashMap<>();

    public WindowAggregate(DriftDimensions dims, long start, long end) {
        this.dims = dims;
        this.start = start;
        this.end = end;
        this.categories = new CategoryCounts[dims.categorical().size()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = new CategoryCounts(MAX_EXACT_CATEGORIES);
        }
        this.numerics = new NumericSketch[dims.numeric().size()];
        for (int i = 0; i < numerics.length; i++) {
            numerics[i] = new NumericSketch();
        }
        this.acceptedSliceIndex = dims.categoricalIndex(DriftDimensions.ACCEPTED_SLICE);
    }

    /**
     * Adds one record.
     *
     * @param id     the record id (kept as an exemplar of its accepted slice)
     * @param cats   one value per categorical dimension; null where the record has none
     * @param values one value per numeric dimension; NaN where the record has none
     */
    public void add(String id, String[] cats, double[] values) {
        count++;
        for (int i = 0; i < categories.length; i++) {
            if (cats[i] != null) {
                categories[i].add(cats[i]);
            }
        }
        for (int i = 0; i < numerics.length; i++) {
            numerics[i].add(values[i]);
        }
        if (acceptedSliceIndex >= 0 && cats[acceptedSliceIndex] != null && id != null) {
            List<String> ids = exemplars.get(cats[acceptedSliceIndex]);
            if (ids == null && exemplars.size() < MAX_EXEMPLAR_SLICES) {
                ids = new ArrayList<>(EXEMPLARS_PER_SLICE);
                exemplars.put(cats[acceptedSliceIndex], ids);
            }
            if (ids != null && ids.size() < EXEMPLARS_PER_SLICE) {
                ids.add(id);
            }
        }
    }

    /** Counts records that arrived after their own window had fired; they are reported with this one. */
    public void addLate(long n) {
        lateCount += n;
    }

    /** Adds {@code other} (a partial of the same window, or another window for a baseline) into this. */
    public void merge(WindowAggregate other) {
        count += other.count;
        lateCount += other.lateCount;
        for (int i = 0; i < categories.length; i++) {
            categories[i].merge(other.categories[i]);
        }
        for (int i = 0; i < numerics.length; i++) {
            numerics[i].merge(other.numerics[i]);
        }
        other.exemplars.forEach((slice, ids) -> {
            List<String> mine = exemplars.get(slice);
            if (mine == null && exemplars.size() < MAX_EXEMPLAR_SLICES) {
                mine = new ArrayList<>(EXEMPLARS_PER_SLICE);
                exemplars.put(slice, mine);
            }
            for (int j = 0; mine != null && j < ids.size() && mine.size() < EXEMPLARS_PER_SLICE; j++) {
                mine.add(ids.get(j));
            }
        });
    }

    public DriftDimensions dimensions() {
        return dims;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long count() {
        return count;
    }

    public long lateCount() {
        return lateCount;
    }

    public CategoryCounts categorical(int i) {
        return categories[i];
    }

    public NumericSketch numeric(int i) {
        return numerics[i];
    }

    /** Up to {@value #EXEMPLARS_PER_SLICE} ids of accepted records of {@code slice}. */
    public List<String> exemplars(String slice) {
        return exemplars.getOrDefault(slice, List.of());
    }

    /** Replaces one categorical dimension (a pinned reference built from snapshots). */
    void setCategorical(int i, CategoryCounts counts) {
        categories[i] = counts;
    }

    void setNumeric(int i, NumericSketch sketch) {
        numerics[i] = sketch;
    }

    void setCount(long n) {
        count = n;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1); // format version
            out.writeLong(start);
            out.writeLong(end);
            out.writeLong(count);
            out.writeLong(lateCount);
            out.writeInt(categories.length);
            for (CategoryCounts c : categories) {
                c.write(out);
            }
            out.writeInt(numerics.length);
            for (NumericSketch n : numerics) {
                n.write(out);
            }
            out.writeInt(exemplars.size());
            for (Map.Entry<String, List<String>> e : exemplars.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (String id : e.getValue()) {
                    out.writeUTF(id);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an aggregate written by {@link #toBytes}.
     *
     * @throws IllegalStateException if it was written for other dimensions (a changed configuration
     *                               restored from an old checkpoint)
     */
    public static WindowAggregate fromBytes(DriftDimensions dims, byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readByte();
            if (version != 1) {
                throw new IllegalStateException("unknown drift aggregate format " + version);
            }
            WindowAggregate a = new WindowAggregate(dims, in.readLong(), in.readLong());
            a.count = in.readLong();
            a.lateCount = in.readLong();
            int nc = in.readInt();
            if (nc != a.categories.length) {
                throw new IllegalStateException("drift aggregate has " + nc + " categorical dimensions, the job "
                        + "now has " + a.categories.length + "; changing drift dimensions needs a fresh start");
            }
            for (int i = 0; i < nc; i++) {
                a.categories[i] = CategoryCounts.read(in, MAX_EXACT_CATEGORIES);
            }
            int nn = in.readInt();
            if (nn != a.numerics.length) {
                throw new IllegalStateException("drift aggregate has " + nn + " numeric dimensions, the job now has "
                        + a.numerics.length + "; changing drift dimensions needs a fresh start");
            }
            for (int i = 0; i < nn; i++) {
                a.numerics[i] = NumericSketch.read(in);
            }
            int ne = in.readInt();
            for (int i = 0; i < ne; i++) {
                String slice = in.readUTF();
                int k = in.readInt();
                List<String> ids = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    ids.add(in.readUTF());
                }
                a.exemplars.put(slice, ids);
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy with other window bounds (baselines merge copies so kept windows stay intact). */
    public WindowAggregate copy(long newStart, long newEnd) {
        WindowAggregate c = new WindowAggregate(dims, newStart, newEnd);
        c.merge(this);
        return c;
    }
}
