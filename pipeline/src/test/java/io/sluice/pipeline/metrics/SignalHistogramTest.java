package io.sluice.pipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.flink.metrics.HistogramStatistics;
import org.junit.jupiter.api.Test;

class SignalHistogramTest {

    @Test
    void quantilesOfFractionsKeepTheirDecimals() {
        SignalHistogram h = new SignalHistogram(1000);
        for (int i = 0; i <= 100; i++) {
            h.record(i / 100.0);
        }
        HistogramStatistics s = h.getStatistics();
        assertThat(s.size()).isEqualTo(101);
        assertThat(s.getQuantile(0.5)).isCloseTo(0.50, within(1e-12));
        assertThat(s.getQuantile(0.95)).isCloseTo(0.95, within(1e-12));
        assertThat(s.getQuantile(0.999)).isCloseTo(0.999, within(1e-12));
        assertThat(s.getMean()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void summarizesOnlyTheLastWindowButCountsEverything() {
        SignalHistogram h = new SignalHistogram(10);
        for (int i = 0; i < 25; i++) {
            h.record(i);
        }
        assertThat(h.getCount()).isEqualTo(25);
        HistogramStatistics s = h.getStatistics();
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.getMin()).isEqualTo(15);
        assertThat(s.getMax()).isEqualTo(24);
        assertThat(s.getQuantile(0.5)).isEqualTo(19.5);
    }

    @Test
    void leavesOutSignalsThatDoNotApply() {
        SignalHistogram h = new SignalHistogram(10);
        h.record(Double.NaN);
        h.record(3.0);
        assertThat(h.getCount()).isEqualTo(1);
        assertThat(h.getStatistics().getQuantile(0.5)).isEqualTo(3.0);
        assertThat(new SignalHistogram(10).getStatistics().getQuantile(0.5)).isNaN();
    }
}
