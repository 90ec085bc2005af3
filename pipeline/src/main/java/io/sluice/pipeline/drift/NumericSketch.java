package io.sluice.pipeline.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The distribution of one numeric dimension in one window: a KLL quantile sketch plus exact count,
 * sum and sum of squares (so the reference's standard deviation, which normalizes the Wasserstein
 * distance, is exact rather than read off the sketch). Mergeable; NaN values are skipped.
 *
 * <p>K = {@value #K}: normalized rank error ~0.8% (DataSketches' table), a few tens of KiB per sketch
 * at most; whylogs uses 1024, which costs more memory than a per-window sketch needs.
 */
public final class NumericSketch {
    public static final int K = 400;

    private KllDoublesSketch kll;
    private double sum;
    private double sumSq;

    public NumericSketch() {
        this.kll = KllDoublesSketch.newHeapInstance(K);
    }

    private NumericSketch(KllDoublesSketch kll, double sum, double sumSq) {
        this.kll = kll;
        this.sum = sum;
        this.sumSq = sumSq;
    }

    public void add(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        kll.update(value);
        sum += value;
        sumSq += value * value;
    }

    public void merge(NumericSketch other) {
        if (other.kll.isEmpty()) {
            return;
        }
        kll.merge(other.kll);
        sum += other.sum;
        sumSq += other.sumSq;
    }

    public long count() {
        return kll.getN();
    }

    public boolean isEmpty() {
        return kll.isEmpty();
    }

    public KllDoublesSketch kll() {
        return kll;
    }

    public double mean() {
        return count() == 0 ? Double.NaN : sum / count();
    }

    /** Population standard deviation. */
    public double std() {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        double m = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - m * m));
    }

    /** The value at normalized rank {@code rank} (0..1), inclusive criterion. */
    public double quantile(double rank) {
        return kll.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
    }

    /** P(X &lt;= x) for each split point. */
    public double[] cdf(double[] splitPoints) {
        return kll.getCDF(splitPoints, QuantileSearchCriteria.INCLUSIVE);
    }

    public byte[] sketchBytes() {
        return kll.toByteArray();
    }

    void write(DataOutput out) throws IOException {
        byte[] bytes = kll.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
        out.writeDouble(sum);
        out.writeDouble(sumSq);
    }

    static NumericSketch read(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        // heapify, not wrap: the sketch is updated and merged after a restore.
        KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(bytes));
        return new NumericSketch(kll, in.readDouble(), in.readDouble());
    }

    /** Rebuilds a sketch from serialized KLL bytes and moments (a pinned reference read from a file). */
    public static NumericSketch of(byte[] kllBytes, double mean, double std) {
        KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(kllBytes));
        long n = kll.getN();
        return new NumericSketch(kll, mean * n, (std * std + mean * mean) * n);
    }

    public NumericSketch copy() {
        return new NumericSketch(KllDoublesSketch.heapify(Memory.wrap(kll.toByteArray())), sum, sumSq);
    }
}
