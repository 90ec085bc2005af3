package io.sluice.pipeline.signals;

/**
 * Receives the values a {@link SignalFamily} computes for one record.
 *
 * <p>A functional interface rather than a map so that a family writes straight into whatever the
 * caller keeps (the scorer's result map, a benchmark's sink) without an intermediate copy.
 */
@FunctionalInterface
public interface SignalCollector {

    /**
     * Records one signal value.
     *
     * @param name  the full signal name, {@code family.signal}, one of the family's {@link SignalFamily#signalNames()}
     * @param value the value; families emit finite values (ratios over an empty denominator are 0)
     */
    void put(String name, double value);
}
