package io.sluice.pipeline.signals;

import java.util.List;

/**
 * A group of related signals computed together in one pass over a record, e.g. {@code text} (text
 * statistics) or {@code record} (field checks). Later families (Gopher, C4, FineWeb, PII, ...) plug in
 * by implementing this interface and being listed in {@link SignalRegistry#standard()}.
 *
 * <p>Contract, relied on by policy validation and by consumers comparing signals across records:
 * <ul>
 *   <li>every call to {@link #compute} emits every name in {@link #signalNames()}, exactly once, in
 *       that order, so every record carries the same signal set;</li>
 *   <li>names are {@code <name()>.<signal>}, lower snake case;</li>
 *   <li>implementations are stateless or thread-confined; the scorer calls them from one thread.</li>
 * </ul>
 * Changing what a signal means requires bumping {@link SignalRegistry#SIGNALS_VERSION}.
 */
public interface SignalFamily {

    /** The family name, the prefix of all its signal names (e.g. {@code text}). */
    String name();

    /** The full names of the signals this family emits, in emission order. */
    List<String> signalNames();

    /** Computes this family's signals for one record and hands each to {@code out}. */
    void compute(SignalInput input, SignalCollector out);
}
