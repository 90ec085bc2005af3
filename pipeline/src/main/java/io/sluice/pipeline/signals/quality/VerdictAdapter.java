package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Presents a family written as "signals, then a verdict from those signals" (the Gopher families:
 * {@link TextSignalFamily} + {@link QualityFilter}) as a one-pass {@link FilterFamily}, so the
 * reference profile can run every rule family the same way. The verdict uses the family's default
 * thresholds, as datatrove's reference does.
 */
final class VerdictAdapter<F extends TextSignalFamily & QualityFilter<T>, T> implements FilterFamily {
    private final F family;
    private final Map<String, Double> scratch = new HashMap<>();

    VerdictAdapter(F family) {
        this.family = family;
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
        scratch.clear();
        family.compute(text, (name, value) -> {
            scratch.put(name, value);
            out.put(name, value);
        });
        return family.verdict(SignalLookup.of(scratch));
    }
}
