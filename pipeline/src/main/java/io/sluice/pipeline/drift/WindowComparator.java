package io.sluice.pipeline.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares each dimension of a window with the same dimension of a reference aggregate.
 *
 * <p>Categorical dimensions are compared over the union of both sides' categories (for sketched
 * dimensions, their heavy hitters plus {@link CategoryCounts#OTHER}). Numeric dimensions are binned
 * at the reference's deciles so PSI and chi-square-style reasoning apply to them too, and get KS and
 * normalized Wasserstein on the sketches themselves.
 */
public final class WindowComparator {
    /** Contributions named in an alert. */
    static final int TOP = 3;
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final double[] REPORTED_QUANTILES = {0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
    private static final String[] REPORTED_NAMES = {"p10", "p25", "p50", "p75", "p90", "p99"};

    private WindowComparator() {}

    /** One comparison per dimension, categorical first, in configuration order. */
    public static List<Comparison> compare(WindowAggregate reference, WindowAggregate current) {
        DriftDimensions dims = current.dimensions();
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < dims.categorical().size(); i++) {
            out.add(categorical(dims.categorical().get(i), reference.categorical(i), current.categorical(i)));
        }
        for (int i = 0; i < dims.numeric().size(); i++) {
            out.add(numeric(dims.numeric().get(i), reference.numeric(i), current.numeric(i)));
        }
        return out;
    }

    static Comparison categorical(String dimension, CategoryCounts reference, CategoryCounts current) {
        Map<String, Long> ref = reference.counts();
        Map<String, Long> cur = current.counts();
        Set<String> keys = new LinkedHashSet<>(ref.keySet());
        keys.addAll(cur.keySet());
        int k = keys.size();
        String[] names = keys.toArray(String[]::new);
        long[] rc = new long[k];
        long[] cc = new long[k];
        for (int i = 0; i < k; i++) {
            rc[i] = ref.getOrDefault(names[i], 0L);
            cc[i] = cur.getOrDefault(names[i], 0L);
        }
        long nRef = reference.total();
        long nCur = current.total();
        double[] q = shares(rc, nRef);
        double[] p = shares(cc, nCur);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (nRef == 0 || nCur == 0 || k == 0) {
            return new Comparison(dimension, false, nCur, nRef, 0, 1, metrics, List.of());
        }
        double psi = DriftMetrics.psi(q, p);
        double chiP = DriftMetrics.chiSquareP(rc, cc);
        metrics.put("psi", psi);
        metrics.put("js_distance_log2", DriftMetrics.jsDistanceLog2(q, p));
        metrics.put("chi_square_p", chiP);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -DriftMetrics.psiTerm(q[i], p[i], k)));
        List<Comparison.Contribution> top = new ArrayList<>();
        for (int j = 0; j < Math.min(TOP, k); j++) {
            int i = order.get(j);
            top.add(new Comparison.Contribution(dimension + "=" + names[i], q[i], p[i]));
        }
        return new Comparison(dimension, false, nCur, nRef, psi, chiP, metrics, top);
    }

    static Comparison numeric(String dimension, NumericSketch reference, NumericSketch current) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        long nRef = reference.count();
        long nCur = current.count();
        if (nRef == 0 || nCur == 0) {
            return new Comparison(dimension, true, nCur, nRef, 0, 1, metrics, List.of());
        }
        double[] edges = distinct(reference.kll().getQuantiles(DECILES));
        double[] q = binShares(reference.cdf(edges));
        double[] p = binShares(current.cdf(edges));
        double psi = DriftMetrics.psi(q, p);
        double ks = DriftMetrics.ksStatistic(reference, current);
        double ksP = DriftMetrics.ksPValue(ks, nRef, nCur);
        metrics.put("psi", psi);
        metrics.put("js_distance_log2", DriftMetrics.jsDistanceLog2(q, p));
        metrics.put("ks", ks);
        metrics.put("ks_p", ksP);
        metrics.put("wasserstein_norm", DriftMetrics.wassersteinNormalized(reference, current));
        double[] qr = reference.kll().getQuantiles(REPORTED_QUANTILES);
        double[] qc = current.kll().getQuantiles(REPORTED_QUANTILES);
        double spread = Math.max(reference.std(), 1e-12);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < qr.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(qc[i] - qr[i]) / spread));
        List<Comparison.Contribution> top = new ArrayList<>();
        for (int j = 0; j < TOP; j++) {
            int i = order.get(j);
            top.add(new Comparison.Contribution(REPORTED_NAMES[i], qr[i], qc[i]));
        }
        return new Comparison(dimension, true, nCur, nRef, psi, ksP, metrics, top);
    }

    private static double[] shares(long[] counts, long total) {
        double[] s = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = total == 0 ? 0 : (double) counts[i] / total;
        }
        return s;
    }

    /** Edges without repeats: a reference with many equal values (ratios of 1.0) has fewer bins. */
    private static double[] distinct(double[] edges) {
        return java.util.Arrays.stream(edges).distinct().sorted().toArray();
    }

    /** Bin shares from CDF values at the edges: (−∞,e1], (e1,e2], …, (ek,∞). */
    private static double[] binShares(double[] cdf) {
        // getCDF returns one more value than split points: the last is 1.0.
        double[] s = new double[cdf.length];
        double prev = 0;
        for (int i = 0; i < cdf.length; i++) {
            s[i] = Math.max(0, cdf[i] - prev);
            prev = cdf[i];
        }
        return s;
    }
}
