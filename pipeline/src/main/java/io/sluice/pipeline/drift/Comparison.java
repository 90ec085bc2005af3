package io.sluice.pipeline.drift;

import java.util.List;
import java.util.Map;

/**
 * One dimension of one window compared with its reference.
 *
 * @param dimension    the dimension name
 * @param numeric      whether it is a numeric dimension (bins are reference deciles)
 * @param count        records with a value in the window
 * @param referenceCount records with a value in the reference
 * @param psi          PSI (natural log, ε-smoothed): the effect size alerts trigger on
 * @param significance p-value of the matching test (chi-square for categorical, KS for numeric)
 * @param metrics      every metric computed, by name (psi, js_distance_log2, chi_square_p, ks, ks_p,
 *                     wasserstein_norm)
 * @param top          what moved most, largest contribution first
 */
public record Comparison(String dimension, boolean numeric, long count, long referenceCount, double psi,
                         double significance, Map<String, Double> metrics, List<Contribution> top) {

    /**
     * One category or quantile that moved.
     *
     * @param name      {@code lang=ru}, or {@code p90} for a quantile
     * @param reference the reference share (categorical) or value (numeric)
     * @param current   the current share or value
     */
    public record Contribution(String name, double reference, double current) {}
}
