package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import java.util.List;

/**
 * Presents a family written as "signals, then a verdict from those signals" (the Gopher families:
 * {@link TextSignalFamily} + {@link QualityFilter}) as a one-pass {@link FilterFamily}, so the
 * reference profile can run every rule family the same way. The verdict uses the family's default
 * thresholds, as datatrove's reference does.
 *
 * <p>The values of the current document are kept by position: a family emits its declared names in
 * order, exactly once, so the verdict's lookups find their value without a map or boxing (this runs
 * for every document of a backfill). Thread-confined, like the family.
 */
final class VerdictAdapter<F extends TextSignalFamily & QualityFilter<T>, T> implements FilterFamily {
    private final F family;
    private final String[] names;
    private final double[] values;
    private int emitted;
    private final SignalCollector record;
    private final SignalLookup lookup;

    VerdictAdapter(F family) {
        this.family = family;
        this.names = family.signalNames().toArray(String[]::new);
        this.values = new double[names.length];
        this.record = (name, value) -> values[emitted++] = value;
        this.lookup = this::valueOf;
    }

    @Override
    public String name() {
        return family.name();
    }

    @Override
    public List<String> signalNames() {
        return family.signalNames();
    }

    @Override
    public String filterName() {
        return family.filterName();
    }

    @Override
    public FilterVerdict evaluate(String text, SignalCollector out) {
        emitted = 0;
        family.compute(text, record);
        if (emitted != names.length) {
            throw new IllegalStateException(family.name() + " emitted " + emitted + " signals, declared "
                    + names.length);
        }
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], values[i]);
        }
        return family.verdict(lookup);
    }

    private double valueOf(String name) {
        // The verdict asks with the family's own name constants: identity finds them first.
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return values[i];
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("no signal '" + name + "' in family " + family.name());
    }
}
