package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;

/**
 * A signal family that also reproduces one of the field's document filters (C4, FineWeb, Gopher):
 * besides its signals it gives a keep/drop {@link FilterVerdict} with datatrove's reason names.
 *
 * <p>Signals and verdict come from one pass ({@link #evaluate}), since the verdict is a function of
 * values the family computes anyway; {@link #compute} is that pass with the verdict dropped.
 */
public interface FilterFamily extends TextSignalFamily {

    /** The key of this filter in datatrove-style outputs, e.g. {@code c4} or {@code fineweb}. */
    String filterName();

    /** Computes the signals into {@code out} and returns the verdict under this family's settings. */
    FilterVerdict evaluate(String text, SignalCollector out);

    /** The verdict alone, for tests and notebooks; signals are computed and discarded. */
    default FilterVerdict verdict(String text) {
        return evaluate(text, (name, value) -> { });
    }

    @Override
    default void compute(String text, SignalCollector out) {
        evaluate(text, out);
    }
}
