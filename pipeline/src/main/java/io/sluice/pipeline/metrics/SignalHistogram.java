package io.sluice.pipeline.metrics;

import java.util.Arrays;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink {@link Histogram} of a signal's values over the last {@code window} records.
 *
 * <p>Why not Flink's {@code DescriptiveStatisticsHistogram}: Flink histograms take {@code long}
 * values, and most signals are fractions in [0, 1]. This one keeps doubles ({@link #record}) and
 * reports quantiles as doubles, which is what the Prometheus reporter exports (a summary with
 * quantiles 0.5 … 0.999 and a count); {@link HistogramStatistics}'s {@code long} min and max are
 * rounded. Written from the stream's one task thread and read from the reporter's, hence the lock;
 * uncontended, it costs a few nanoseconds per record.
 */
public final class SignalHistogram implements Histogram {
    private final double[] window;
    private long count;

    public SignalHistogram(int window) {
        if (window <= 0) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        this.window = new double[window];
    }

    /** Adds one value; NaN (a signal that does not apply) is left out. */
    public synchronized void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        window[(int) (count % window.length)] = value;
        count++;
    }

    @Override
    public void update(long value) {
        record(value);
    }

    /** Values recorded since start, not only those in the window. */
    @Override
    public synchronized long getCount() {
        return count;
    }

    @Override
    public HistogramStatistics getStatistics() {
        double[] values;
        synchronized (this) {
            values = Arrays.copyOf(window, (int) Math.min(count, window.length));
        }
        Arrays.sort(values);
        return new Statistics(values);
    }

    /** Quantiles of a sorted snapshot, interpolated between closest ranks (R-7, as numpy's default). */
    static final class Statistics extends HistogramStatistics {
        private final double[] sorted;

        Statistics(double[] sorted) {
            this.sorted = sorted;
        }

        @Override
        public double getQuantile(double quantile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            double position = quantile * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }

        @Override
        public long[] getValues() {
            long[] rounded = new long[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                rounded[i] = Math.round(sorted[i]);
            }
            return rounded;
        }

        @Override
        public int size() {
            return sorted.length;
        }

        @Override
        public double getMean() {
            return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
        }

        @Override
        public double getStdDev() {
            if (sorted.length < 2) {
                return 0.0;
            }
            double mean = getMean();
            double squares = 0;
            for (double v : sorted) {
                squares += (v - mean) * (v - mean);
            }
            return Math.sqrt(squares / (sorted.length - 1));
        }

        @Override
        public long getMax() {
            return sorted.length == 0 ? 0 : Math.round(sorted[sorted.length - 1]);
        }

        @Override
        public long getMin() {
            return sorted.length == 0 ? 0 : Math.round(sorted[0]);
        }
    }
}
