package io.sluice.pipeline.functions;

/**
 * One subtask's aggregate of one window, on its way to the task that merges a window's partials.
 * A Flink POJO (public fields, no-arg constructor) so it crosses the network without Kryo; the
 * aggregate itself is {@link io.sluice.pipeline.drift.WindowAggregate#toBytes()}.
 */
public class DriftPartial {
    public long windowStart;
    public long windowEnd;
    /** Records in the partial plus late records it reports; 0 means it only carries late counts. */
    public long count;
    public byte[] aggregate;

    public DriftPartial() {}

    public DriftPartial(long windowStart, long windowEnd, long count, byte[] aggregate) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.count = count;
        this.aggregate = aggregate;
    }

    @Override
    public String toString() {
        return "DriftPartial{[" + windowStart + ", " + windowEnd + "), " + count + " records}";
    }
}
