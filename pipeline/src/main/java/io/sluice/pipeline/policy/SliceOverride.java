package io.sluice.pipeline.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-slice adjustment of a policy: in slices matching the pattern, the rules whose codes are in
 * {@code disabledCodes} do not apply, and those in {@code replacements} apply in the given form (a
 * quality check with a slice's own threshold). When several overrides match a slice and name the same
 * code, the last one written wins.
 *
 * <p>The pattern has the slice's three segments, {@code kind/language/domain}; each segment is a
 * literal, {@code *} (anything), or for the domain {@code *.example.org} (the host and its
 * subdomains). The typical use is a rule that does not make sense for a slice, e.g. whitespace word
 * counts for languages written without spaces.
 *
 * @param kind          {@code synthetic}, {@code scraped} or {@code *}
 * @param language      a language code or {@code *}
 * @param domain        a domain, {@code *.suffix} or {@code *}
 * @param disabledCodes rule codes switched off in matching slices
 * @param replacements  rule code to the rule that applies instead in matching slices (same code, kinds
 *                      and route; another threshold)
 */
public record SliceOverride(String kind, String language, String domain, Set<String> disabledCodes,
                            Map<String, Rule> replacements) {

    public SliceOverride {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(domain, "domain");
        disabledCodes = Set.copyOf(disabledCodes);
        replacements = Map.copyOf(replacements);
    }

    /** An override that only disables rules. */
    public SliceOverride(String kind, String language, String domain, Set<String> disabledCodes) {
        this(kind, language, domain, disabledCodes, Map.of());
    }

    /** The pattern as written, {@code kind/language/domain}. */
    public String pattern() {
        return kind + "/" + language + "/" + domain;
    }

    /** True when the slice key {@code kind/language/domain} matches this pattern. */
    public boolean matches(String slice) {
        int first = slice.indexOf('/');
        int second = first < 0 ? -1 : slice.indexOf('/', first + 1);
        if (second < 0) {
            return false;
        }
        return segmentMatches(kind, slice, 0, first)
                && segmentMatches(language, slice, first + 1, second)
                && segmentMatches(domain, slice, second + 1, slice.length());
    }

    private static boolean segmentMatches(String pattern, String s, int from, int to) {
        if (pattern.equals("*")) {
            return true;
        }
        int len = to - from;
        if (pattern.startsWith("*.")) {
            // "*.example.org" matches "example.org" and any subdomain of it.
            String bare = pattern.substring(2);
            if (len == bare.length()) {
                return s.regionMatches(from, bare, 0, len);
            }
            int suffix = pattern.length() - 1;
            return len > suffix && s.regionMatches(to - suffix, pattern, 1, suffix);
        }
        return len == pattern.length() && s.regionMatches(from, pattern, 0, len);
    }
}
