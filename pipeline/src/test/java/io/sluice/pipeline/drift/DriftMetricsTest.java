package io.sluice.pipeline.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMetricsTest {

    @Test
    void psiIsZeroForIdenticalSharesAndMatchesTheTextbookValue() {
        double[] q = {0.5, 0.3, 0.2};
        assertThat(DriftMetrics.psi(q, q)).isEqualTo(0.0);
        double[] p = {0.3, 0.3, 0.4};
        double expected = (0.3 - 0.5) * Math.log(0.3 / 0.5) + (0.4 - 0.2) * Math.log(0.4 / 0.2);
        assertThat(DriftMetrics.psi(q, p)).isCloseTo(expected, within(1e-3));
    }

    @Test
    void psiOfAnEmptyBinIsBoundedByTheEpsilon() {
        double psi = DriftMetrics.psi(new double[] {1.0, 0.0}, new double[] {0.5, 0.5});
        assertThat(psi).isFinite().isGreaterThan(2.0).isLessThan(10.0);
    }

    @Test
    void jensenShannonDistanceInBaseTwoSpansZeroToOne() {
        assertThat(DriftMetrics.jsDistanceLog2(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1.0, within(1e-12));
        assertThat(DriftMetrics.jsDistanceLog2(new double[] {0.5, 0.5}, new double[] {0.5, 0.5})).isEqualTo(0.0);
        double d = DriftMetrics.jsDistanceLog2(new double[] {0.9, 0.1}, new double[] {0.5, 0.5});
        assertThat(d).isBetween(0.2, 0.4);
    }

    @Test
    void chiSquareSeesAShiftInLargeSamplesButNotNoiseInTinyOnes() {
        assertThat(DriftMetrics.chiSquareP(new long[] {5000, 5000}, new long[] {400, 600})).isLessThan(1e-6);
        // 60% vs 50% on 10 records is what chance does: no evidence.
        assertThat(DriftMetrics.chiSquareP(new long[] {5000, 5000}, new long[] {4, 6})).isGreaterThan(0.3);
        assertThat(DriftMetrics.chiSquareP(new long[] {100, 0}, new long[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void ksAndWassersteinSeparateShiftedFromSameDistributions() {
        Random r = new Random(7);
        NumericSketch ref = new NumericSketch();
        NumericSketch same = new NumericSketch();
        NumericSketch shifted = new NumericSketch();
        for (int i = 0; i < 5000; i++) {
            ref.add(r.nextGaussian());
            same.add(r.nextGaussian());
            shifted.add(r.nextGaussian() + 0.5);
        }
        double dSame = DriftMetrics.ksStatistic(ref, same);
        double dShift = DriftMetrics.ksStatistic(ref, shifted);
        assertThat(DriftMetrics.ksPValue(dSame, 5000, 5000)).isGreaterThan(0.001);
        assertThat(DriftMetrics.ksPValue(dShift, 5000, 5000)).isLessThan(1e-10);
        assertThat(DriftMetrics.wassersteinNormalized(ref, shifted)).isCloseTo(0.5, within(0.05));
        assertThat(DriftMetrics.wassersteinNormalized(ref, same)).isLessThan(0.05);
    }
}
