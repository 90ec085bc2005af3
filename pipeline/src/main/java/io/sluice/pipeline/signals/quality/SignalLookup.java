package io.sluice.pipeline.signals.quality;

import java.util.Map;

/**
 * Read access to the signal values of one document, by full signal name.
 *
 * <p>Verdicts read signals through this rather than recomputing them, so the same decision can be
 * taken from a freshly scored record, from the signal map an output record carries, or (in tests)
 * from hand-picked values at a threshold.
 */
@FunctionalInterface
public interface SignalLookup {

    /**
     * The value of {@code signal}.
     *
     * @throws IllegalArgumentException if the document has no such signal
     */
    double get(String signal);

    /** A lookup over a map such as {@code ScoringResult.signals()}. */
    static SignalLookup of(Map<String, Double> signals) {
        return name -> {
            Double value = signals.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no signal '" + name + "' among " + signals.keySet());
            }
            return value;
        };
    }
}
