package io.sluice.pipeline.signals.quality;

/**
 * The keep/drop verdict of one of the field's rule families (Gopher quality, Gopher repetition, C4,
 * FineWeb), taken from already computed signals.
 *
 * <p>Pattern every family follows (see {@code GopherQuality} for a complete example):
 * <ul>
 *   <li>one class is both the {@code TextSignalFamily} that computes the values the rules read and
 *       the {@code QualityFilter} that decides, so names, thresholds and rules live together;</li>
 *   <li>its thresholds are a nested immutable record {@code Thresholds} with a {@code DEFAULTS}
 *       constant holding datatrove's defaults;</li>
 *   <li>{@link #verdict} checks rules in datatrove's order and returns the first failing rule's reason
 *       name, so the reason matches datatrove's even when several rules fail;</li>
 *   <li>a threshold of 0 or NaN disables its rule, as {@code None} or {@code 0} does in datatrove
 *       (whose checks read {@code if self.threshold and value > self.threshold});</li>
 *   <li>the family also emits {@code <family>.keep} (1.0 / 0.0) under the default thresholds, so a
 *       policy can route on the reference verdict without code.</li>
 * </ul>
 *
 * @param <T> the family's thresholds type
 */
public interface QualityFilter<T> {

    /**
     * The key of this family in verdict outputs, as in the reference decisions: {@code gopher_qual},
     * {@code gopher_rep}, {@code c4}, {@code fineweb}.
     */
    String filterName();

    /** datatrove's default thresholds for this family. */
    T defaultThresholds();

    /** Decides from {@code signals} under {@code thresholds}; the first failing rule names the drop. */
    FilterVerdict verdict(SignalLookup signals, T thresholds);

    /** Decides under {@link #defaultThresholds()}. */
    default FilterVerdict verdict(SignalLookup signals) {
        return verdict(signals, defaultThresholds());
    }

    /**
     * True when a maximum threshold is enabled and exceeded; datatrove's {@code if t and v > t}.
     * NaN or 0 disables the rule.
     */
    static boolean above(double value, double max) {
        return enabled(max) && value > max;
    }

    /** True when a minimum threshold is enabled and not reached; datatrove's {@code if t and v < t}. */
    static boolean below(double value, double min) {
        return enabled(min) && value < min;
    }

    /** Python truthiness of a threshold: 0 and NaN (our None) disable a rule. */
    static boolean enabled(double threshold) {
        return threshold != 0.0 && !Double.isNaN(threshold);
    }
}
