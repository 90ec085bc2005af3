package io.sluice.pipeline.scoring;

import io.sluice.avro.SourceKind;
import java.util.Locale;

/**
 * Builds slice keys, {@code <source kind>/<language>/<domain>}, e.g. {@code scraped/de/heise.de} or
 * {@code synthetic/en/qa}. Slices are the unit of per-slice policy, drift and target mix, so the same
 * record must always land in the same slice: components are trimmed and lower-cased, a missing
 * language is {@code und} (ISO 639 "undetermined"), a missing domain is {@code general}, a leading
 * {@code www.} is dropped from hosts, and {@code /} inside a component becomes {@code _} so a key
 * always has exactly three segments.
 */
public final class SliceKey {

    /** Language segment when the record has none. */
    public static final String UNKNOWN_LANGUAGE = "und";
    /** Domain segment when the record has none. */
    public static final String GENERAL_DOMAIN = "general";

    /** Lower-case kind names, indexed by ordinal, so building a key does not lower-case each time. */
    private static final String[] KIND_NAMES = new String[SourceKind.values().length];

    static {
        for (SourceKind kind : SourceKind.values()) {
            KIND_NAMES[kind.ordinal()] = kind.name().toLowerCase(Locale.ROOT);
        }
    }

    private SliceKey() {
    }

    /**
     * The slice key of a record.
     *
     * @param kind     the source kind
     * @param language the language code, or null
     * @param domain   the URL host for scraped records, the task type or requested slice for synthetic
     *                 ones, or null
     */
    public static String of(SourceKind kind, String language, String domain) {
        String lang = component(language, UNKNOWN_LANGUAGE);
        String dom = component(domain, GENERAL_DOMAIN);
        if (dom.startsWith("www.") && dom.length() > 4) {
            dom = dom.substring(4);
        }
        return KIND_NAMES[kind.ordinal()] + "/" + lang + "/" + dom;
    }

    private static String component(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return fallback;
        }
        return v.toLowerCase(Locale.ROOT).replace('/', '_');
    }
}
