package io.sluice.pipeline.drift;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a scored record's drift dimensions into reusable arrays, the same way for the stream
 * (curated records) and for {@code sluice drift} (scoring results), so both count the same thing.
 */
public final class DriftFeatures {
    private static final String NO_REASON = "none";
    /** Lower-case names by ordinal, so a record does not allocate them. */
    private static final String[] KIND_NAMES = lowerNames(SourceKind.values());
    private static final String[] ROUTE_NAMES = lowerNames(Route.values());

    private final DriftDimensions dims;
    private final int[] kinds;
    /** Reused per record: one value per categorical / numeric dimension. */
    public final String[] categories;
    public final double[] numerics;

    public DriftFeatures(DriftDimensions dims) {
        this.dims = dims;
        this.kinds = new int[dims.categorical().size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = List.of(DriftDimensions.LANG, DriftDimensions.SOURCE_KIND, DriftDimensions.SOURCE,
                    DriftDimensions.SLICE, DriftDimensions.ROUTE, DriftDimensions.REASON,
                    DriftDimensions.ACCEPTED_SLICE).indexOf(dims.categorical().get(i));
        }
        this.categories = new String[kinds.length];
        this.numerics = new double[dims.numeric().size()];
    }

    /**
     * Fills {@link #categories} and {@link #numerics} for one record.
     *
     * @param slice   {@code kind/language/domain}; the language is read from it, so records without one
     *                count as {@code und}, as in their slice
     * @param source  crawl host or generator model; null counts as {@code unknown}
     */
    public void extract(SourceKind kind, String slice, String source, Route route, List<ReasonCode> reasons,
            Map<String, Double> signals) {
        for (int i = 0; i < kinds.length; i++) {
            categories[i] = switch (kinds[i]) {
                case 0 -> language(slice);
                case 1 -> KIND_NAMES[kind.ordinal()];
                case 2 -> source == null ? "unknown" : source;
                case 3 -> slice;
                case 4 -> ROUTE_NAMES[route.ordinal()];
                case 5 -> reasons == null || reasons.isEmpty() ? NO_REASON : reasons.get(0).getCode();
                case 6 -> route == Route.ACCEPTED ? slice : null;
                default -> throw new IllegalStateException("unknown dimension kind " + kinds[i]);
            };
        }
        for (int i = 0; i < numerics.length; i++) {
            Double v = signals.get(dims.numeric().get(i));
            numerics[i] = v == null ? Double.NaN : v;
        }
    }

    private static String[] lowerNames(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (Enum<?> v : values) {
            out[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return out;
    }

    static String language(String slice) {
        int a = slice.indexOf('/');
        int b = a < 0 ? -1 : slice.indexOf('/', a + 1);
        return b < 0 ? "und" : slice.substring(a + 1, b);
    }
}
