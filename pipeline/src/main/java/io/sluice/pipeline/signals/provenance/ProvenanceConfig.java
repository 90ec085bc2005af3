package io.sluice.pipeline.signals.provenance;

import io.sluice.avro.SourceKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists the {@code provenance} family checks records against, from the policy's {@code provenance:}
 * section. Empty allow lists allow everything; entries are compared case-insensitively. Domain
 * entries match the URL host, any subdomain of it, or the host's registrable domain.
 *
 * @param required       record fields that must be present, per source kind (see {@link #FIELDS})
 * @param licenseAllow   licences accepted for scraped records; empty: any
 * @param domainDeny     hosts or registrable domains whose records fail
 * @param domainAllow    hosts or registrable domains scraped records must come from; empty: any
 * @param generatorAllow generator models accepted for synthetic records; empty: any
 */
public record ProvenanceConfig(Map<SourceKind, Set<String>> required, Set<String> licenseAllow,
                               Set<String> domainDeny, Set<String> domainAllow, Set<String> generatorAllow) {

    /** Field names usable in {@code required}. */
    public static final List<String> FIELDS = List.of("url", "license", "fetch_time", "generator_model", "prompt",
            "requested_language");

    /** No lists, nothing required. */
    public static final ProvenanceConfig NONE = new ProvenanceConfig(Map.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public ProvenanceConfig {
        EnumMap<SourceKind, Set<String>> req = new EnumMap<>(SourceKind.class);
        required.forEach((k, v) -> req.put(k, Set.copyOf(v)));
        required = Map.copyOf(req);
        licenseAllow = lower(licenseAllow);
        domainDeny = lower(domainDeny);
        domainAllow = lower(domainAllow);
        generatorAllow = lower(generatorAllow);
    }

    private static Set<String> lower(Set<String> s) {
        return s.stream().map(x -> x.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
