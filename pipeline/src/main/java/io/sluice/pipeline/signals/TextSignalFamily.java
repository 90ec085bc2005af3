package io.sluice.pipeline.signals;

/**
 * A {@link SignalFamily} that needs only the normalized text, which is most of them. Implementing
 * {@link #compute(String, SignalCollector)} also makes the family usable on bare strings (benchmarks,
 * notebooks) without building a {@link SignalInput}.
 */
public interface TextSignalFamily extends SignalFamily {

    /** Computes this family's signals for a normalized text. */
    void compute(String normalizedText, SignalCollector out);

    @Override
    default void compute(SignalInput input, SignalCollector out) {
        compute(input.text(), out);
    }
}
