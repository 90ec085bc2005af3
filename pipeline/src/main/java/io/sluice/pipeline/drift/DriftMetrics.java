package io.sluice.pipeline.drift;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.datasketches.quantilescommon.KolmogorovSmirnov;

/**
 * The distance and test statistics drift is judged by. Stateless; every function takes the
 * reference first and the current window second.
 *
 * <ul>
 *   <li><b>PSI</b>: {@code Σ (p−q)·ln(p/q)}, natural log (the convention behind the usual 0.1 / 0.25
 *       bands), each share smoothed as {@code (share + ε) / (1 + k·ε)} with ε = {@value #PSI_EPSILON}
 *       so an empty bin costs a bounded amount instead of infinity.</li>
 *   <li><b>Jensen–Shannon distance</b>: the square root of the JS divergence in <b>log base 2</b>,
 *       so it lies in [0, 1] (Evidently's natural-log variant tops out at √ln2 ≈ 0.83).</li>
 *   <li><b>Chi-square</b>: the 2×k homogeneity test of the two count vectors, categories with an
 *       expected count under 5 pooled so the χ² approximation holds; returns the p-value.</li>
 *   <li><b>KS</b>: the largest CDF gap between the two KLL sketches (DataSketches), p-value from the
 *       asymptotic two-sample distribution; the sketch's own rank error (~0.8%) makes it slightly
 *       optimistic on very large windows, which is why it gates rather than triggers.</li>
 *   <li><b>Wasserstein-1</b> between the sketches' quantile functions, divided by the reference's
 *       standard deviation, so 0.1 means "the mass moved a tenth of a typical spread".</li>
 * </ul>
 */
public final class DriftMetrics {
    /** Added to every share before PSI, then shares are renormalized. */
    public static final double PSI_EPSILON = 1e-4;
    /** Below this expected count a chi-square cell is pooled into an "other" cell. */
    static final double MIN_EXPECTED = 5.0;
    /** Quantile grid for Wasserstein: midpoints of 100 equal rank steps. */
    private static final double[] RANK_GRID = new double[100];

    static {
        for (int i = 0; i < RANK_GRID.length; i++) {
            RANK_GRID[i] = (i + 0.5) / RANK_GRID.length;
        }
    }

    private DriftMetrics() {}

    /** Population stability index of {@code current} against {@code reference} (shares summing to 1). */
    public static double psi(double[] reference, double[] current) {
        int k = reference.length;
        double norm = 1 + k * PSI_EPSILON;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double q = (reference[i] + PSI_EPSILON) / norm;
            double p = (current[i] + PSI_EPSILON) / norm;
            sum += (p - q) * Math.log(p / q);
        }
        return sum;
    }

    /** One bin's PSI term, for ranking which categories moved most. */
    public static double psiTerm(double reference, double current, int k) {
        double norm = 1 + k * PSI_EPSILON;
        double q = (reference + PSI_EPSILON) / norm;
        double p = (current + PSI_EPSILON) / norm;
        return (p - q) * Math.log(p / q);
    }

    /** Jensen–Shannon distance, log base 2, in [0, 1]. */
    public static double jsDistanceLog2(double[] reference, double[] current) {
        double js = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = current[i];
            double q = reference[i];
            double m = (p + q) / 2;
            if (p > 0) {
                js += 0.5 * p * log2(p / m);
            }
            if (q > 0) {
                js += 0.5 * q * log2(q / m);
            }
        }
        return Math.sqrt(Math.max(0, Math.min(1, js)));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * p-value of the chi-square test that both count vectors come from one distribution. 1 when there
     * is nothing to test (fewer than two usable cells, or an empty side).
     */
    public static double chiSquareP(long[] reference, long[] current) {
        long nRef = 0;
        long nCur = 0;
        for (int i = 0; i < reference.length; i++) {
            nRef += reference[i];
            nCur += current[i];
        }
        if (nRef == 0 || nCur == 0) {
            return 1.0;
        }
        double total = nRef + nCur;
        List<long[]> cells = new ArrayList<>();
        long[] pooled = new long[2];
        for (int i = 0; i < reference.length; i++) {
            long col = reference[i] + current[i];
            if (col == 0) {
                continue;
            }
            double minExpected = col * Math.min(nRef, nCur) / total;
            if (minExpected < MIN_EXPECTED) {
                pooled[0] += reference[i];
                pooled[1] += current[i];
            } else {
                cells.add(new long[] {reference[i], current[i]});
            }
        }
        if (pooled[0] + pooled[1] > 0) {
            cells.add(pooled);
        }
        if (cells.size() < 2) {
            return 1.0;
        }
        double stat = 0;
        for (long[] c : cells) {
            double col = c[0] + c[1];
            double eRef = col * nRef / total;
            double eCur = col * nCur / total;
            stat += (c[0] - eRef) * (c[0] - eRef) / eRef + (c[1] - eCur) * (c[1] - eCur) / eCur;
        }
        return 1.0 - new ChiSquaredDistribution(null, cells.size() - 1).cumulativeProbability(stat);
    }

    /** Largest gap between the two sketches' CDFs. */
    public static double ksStatistic(NumericSketch reference, NumericSketch current) {
        if (reference.isEmpty() || current.isEmpty()) {
            return 0;
        }
        return KolmogorovSmirnov.computeKSDelta(reference.kll(), current.kll());
    }

    /** Two-sample KS p-value for statistic {@code d} at sizes {@code n} and {@code m}. */
    public static double ksPValue(double d, long n, long m) {
        if (n == 0 || m == 0 || d <= 0) {
            return 1.0;
        }
        // Asymptotic Kolmogorov distribution with the effective size nm/(n+m).
        double en = Math.sqrt((double) n * m / (n + m));
        double lambda = (en + 0.12 + 0.11 / en) * d;
        return Math.max(0, Math.min(1, kolmogorovQ(lambda)));
    }

    /** Q_KS(λ) = 2 Σ (−1)^{j−1} e^{−2j²λ²} (Numerical Recipes' probks). */
    private static double kolmogorovQ(double lambda) {
        if (lambda < 1e-3) {
            return 1.0;
        }
        double sum = 0;
        double sign = 1;
        double prev = 0;
        for (int j = 1; j <= 100; j++) {
            double term = sign * 2 * Math.exp(-2 * j * j * lambda * lambda);
            sum += term;
            if (Math.abs(term) <= 1e-10 * prev || Math.abs(term) <= 1e-12 * sum) {
                return sum;
            }
            sign = -sign;
            prev = Math.abs(term);
        }
        return 1.0; // did not converge: only for tiny λ, where the answer is 1
    }

    /** W1 between the two distributions, over the reference's standard deviation; 0 when it has none. */
    public static double wassersteinNormalized(NumericSketch reference, NumericSketch current) {
        if (reference.isEmpty() || current.isEmpty()) {
            return 0;
        }
        double[] qr = reference.kll().getQuantiles(RANK_GRID);
        double[] qc = current.kll().getQuantiles(RANK_GRID);
        double w = 0;
        for (int i = 0; i < RANK_GRID.length; i++) {
            w += Math.abs(qc[i] - qr[i]);
        }
        w /= RANK_GRID.length;
        double spread = reference.std();
        return spread > 0 ? w / spread : (w > 0 ? Double.POSITIVE_INFINITY : 0);
    }
}
