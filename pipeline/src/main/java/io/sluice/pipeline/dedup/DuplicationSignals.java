package io.sluice.pipeline.dedup;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.SignalFamily;
import io.sluice.pipeline.signals.SignalInput;
import java.util.List;

/**
 * Duplication ({@code dup.*}): what deduplication, which runs across records before scoring, found
 * for this one. All 0 for the first copy of a text, and for records that were not deduplicated
 * ({@code dedup.enabled=false}, the default, or {@code sluice score} without {@code --dedup}).
 */
public final class DuplicationSignals implements SignalFamily {
    public static final String FAMILY = "dup";
    /** 1 when an earlier record had the same text (up to whitespace). */
    public static final String EXACT = "dup.exact";
    /** 1 when, without being exact, the record shares at least one MinHash LSH band with an earlier one. */
    public static final String NEAR = "dup.near";
    /** How many of the 14 bands earlier records already had (14 for an exact copy). */
    public static final String BAND_MATCHES = "dup.band_matches";
    private static final List<String> NAMES = List.of(EXACT, NEAR, BAND_MATCHES);

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(SignalInput input, SignalCollector out) {
        Duplication d = input.context().duplication();
        out.put(EXACT, d.exact() ? 1.0 : 0.0);
        out.put(NEAR, !d.exact() && d.bandMatches() > 0 ? 1.0 : 0.0);
        out.put(BAND_MATCHES, d.bandMatches());
    }
}
