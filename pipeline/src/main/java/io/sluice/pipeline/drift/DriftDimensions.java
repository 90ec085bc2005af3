package io.sluice.pipeline.drift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which dimensions of the stream the drift monitor tracks, in a fixed order that every aggregate of
 * a job shares (aggregates are merged position by position).
 *
 * <p>Categorical dimensions are named by what they read from a curated record:
 * {@value #LANG}, {@value #SOURCE_KIND}, {@value #SOURCE} (crawl host or generator model),
 * {@value #SLICE}, {@value #ROUTE}, {@value #REASON} (first reason code, {@code none} when accepted
 * without one) and {@value #ACCEPTED_SLICE} (the slice of accepted records only, which the target mix
 * compares with). Numeric dimensions are signal names, e.g. {@code text.char_count}.
 *
 * @param categorical categorical dimension names
 * @param numeric     signal names tracked as distributions
 */
public record DriftDimensions(List<String> categorical, List<String> numeric) implements Serializable {
    public static final String LANG = "lang";
    public static final String SOURCE_KIND = "source_kind";
    public static final String SOURCE = "source";
    public static final String SLICE = "slice";
    public static final String ROUTE = "route";
    public static final String REASON = "reason";
    public static final String ACCEPTED_SLICE = "accepted_slice";

    /** Every categorical name the feature extractor knows. */
    public static final Set<String> KNOWN_CATEGORICAL = Set.of(LANG, SOURCE_KIND, SOURCE, SLICE, ROUTE, REASON,
            ACCEPTED_SLICE);

    public DriftDimensions {
        categorical = List.copyOf(categorical);
        numeric = List.copyOf(numeric);
        List<String> unknown = new ArrayList<>();
        for (String c : categorical) {
            if (!KNOWN_CATEGORICAL.contains(c)) {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown categorical drift dimensions " + unknown + " (known: "
                    + KNOWN_CATEGORICAL + ")");
        }
        if (categorical.isEmpty() && numeric.isEmpty()) {
            throw new IllegalArgumentException("drift needs at least one dimension");
        }
    }

    /** Language, source kind, source, slice, route, reason, accepted slice; length, letter ratio and word length. */
    public static DriftDimensions defaults() {
        return new DriftDimensions(List.of(LANG, SOURCE_KIND, SOURCE, SLICE, ROUTE, REASON, ACCEPTED_SLICE),
                List.of("text.char_count", "text.alpha_char_ratio", "text.mean_word_length"));
    }

    /** Position of a categorical dimension, or -1. */
    public int categoricalIndex(String name) {
        return categorical.indexOf(name);
    }
}
