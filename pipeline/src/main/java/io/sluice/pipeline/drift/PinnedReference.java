package io.sluice.pipeline.drift;

import io.sluice.avro.DistributionSnapshot;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** A fixed reference: snapshots of a known-good period, loaded once; it keeps no state of its own. */
public final class PinnedReference implements DriftReference {
    private final WindowAggregate reference;
    private final String origin;

    public PinnedReference(WindowAggregate reference, String origin) {
        this.reference = reference;
        this.origin = origin;
    }

    /**
     * A reference merged from snapshots (e.g. every snapshot line of an earlier {@code sluice drift} run
     * over a known-good period). Dimensions without snapshots stay empty and are not judged.
     *
     * @throws IllegalArgumentException if no snapshot matches any configured dimension
     */
    public static PinnedReference fromSnapshots(DriftDimensions dims, List<DistributionSnapshot> snapshots,
            String origin) {
        WindowAggregate agg = new WindowAggregate(dims, 0, 0);
        int used = 0;
        for (DistributionSnapshot s : snapshots) {
            String dim = s.getDimension();
            int c = dims.categorical().indexOf(dim);
            int n = dims.numeric().indexOf(dim);
            if (c >= 0) {
                // Snapshot categories are exact counts, or heavy hitters plus __other__ for a sketched
                // dimension, which is all a comparison of that dimension uses.
                CategoryCounts counts = CategoryCounts.of(s.getCategories(), WindowAggregate.MAX_EXACT_CATEGORIES);
                agg.categorical(c).merge(counts);
                used++;
            } else if (n >= 0 && s.getSketch() != null && "kll_doubles".equals(s.getSketchKind())) {
                Map<String, Double> q = s.getQuantiles();
                agg.numeric(n).merge(NumericSketch.of(bytes(s.getSketch()), q.getOrDefault("mean", 0.0),
                        q.getOrDefault("std", 0.0)));
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("the reference " + origin + " has no snapshot of any tracked "
                    + "dimension " + dims.categorical() + " " + dims.numeric());
        }
        return new PinnedReference(agg, origin);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    @Override
    public WindowAggregate current() {
        return reference;
    }

    @Override
    public void observe(WindowAggregate window) {
        // pinned: never moves
    }

    @Override
    public String describe() {
        return "pinned reference " + origin;
    }

    @Override
    public void write(DataOutput out) {
        // Reloaded from its origin on restore, so a checkpoint does not carry a copy.
    }

    @Override
    public void read(DataInput in, DriftDimensions dims) {
    }
}
