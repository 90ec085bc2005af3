package io.sluice.pipeline.signals.provenance;

import com.google.common.net.InternetDomainName;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.HttpUrls;
import io.sluice.pipeline.signals.RecordContext;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.SignalFamily;
import io.sluice.pipeline.signals.SignalInput;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code provenance} family: where a record came from, checked against {@link ProvenanceConfig}.
 * <ul>
 *   <li>{@code provenance.missing_required}: how many required fields of its source kind are absent;</li>
 *   <li>{@code provenance.license_denied}: 1 if a licence allow list is set and the record's licence is
 *       present and not on it (absence is a matter for {@code required});</li>
 *   <li>{@code provenance.domain_denied}: 1 if the URL host, a parent of it or its registrable domain
 *       (public suffix list, via Guava's {@link InternetDomainName}) is on the deny list;</li>
 *   <li>{@code provenance.domain_not_allowed}: 1 if a domain allow list is set and a scraped record's
 *       host matches none of it;</li>
 *   <li>{@code provenance.generator_not_allowed}: 1 if a generator allow list is set and a synthetic
 *       record's generator model is not on it;</li>
 *   <li>{@code provenance.lineage_depth}: synthetic generations between the record and real data (0
 *       when unknown or scraped); the policy's limit guards against model collapse;</li>
 *   <li>{@code provenance.age_days}: days from the record's event time to scoring time (0 if in the future).</li>
 * </ul>
 * Limits are thresholds in policy rules rather than configuration here, so they are versioned with
 * the policy and show up in reasons.
 */
public final class ProvenanceSignals implements SignalFamily {

    public static final String FAMILY = "provenance";
    public static final String MISSING_REQUIRED = "provenance.missing_required";
    public static final String LICENSE_DENIED = "provenance.license_denied";
    public static final String DOMAIN_DENIED = "provenance.domain_denied";
    public static final String DOMAIN_NOT_ALLOWED = "provenance.domain_not_allowed";
    public static final String GENERATOR_NOT_ALLOWED = "provenance.generator_not_allowed";
    public static final String LINEAGE_DEPTH = "provenance.lineage_depth";
    public static final String AGE_DAYS = "provenance.age_days";

    private static final List<String> NAMES = List.of(MISSING_REQUIRED, LICENSE_DENIED, DOMAIN_DENIED,
            DOMAIN_NOT_ALLOWED, GENERATOR_NOT_ALLOWED, LINEAGE_DEPTH, AGE_DAYS);
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private final ProvenanceConfig config;

    public ProvenanceSignals(ProvenanceConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(SignalInput in, SignalCollector out) {
        RecordContext ctx = in.context();
        Set<String> required = config.required().getOrDefault(in.kind(), Set.of());
        int missing = 0;
        for (String field : required) {
            if (!present(field, in, ctx)) {
                missing++;
            }
        }
        out.put(MISSING_REQUIRED, missing);
        String license = lower(ctx.license());
        out.put(LICENSE_DENIED, !config.licenseAllow().isEmpty() && license != null
                && !config.licenseAllow().contains(license) ? 1 : 0);
        String host = in.url() == null ? null : HttpUrls.host(in.url());
        boolean denied = false;
        boolean notAllowed = false;
        if (host != null) {
            host = host.toLowerCase(Locale.ROOT);
            denied = !config.domainDeny().isEmpty() && matches(host, config.domainDeny());
            notAllowed = in.kind() == SourceKind.SCRAPED && !config.domainAllow().isEmpty()
                    && !matches(host, config.domainAllow());
        } else if (in.kind() == SourceKind.SCRAPED && !config.domainAllow().isEmpty()) {
            notAllowed = true;
        }
        out.put(DOMAIN_DENIED, denied ? 1 : 0);
        out.put(DOMAIN_NOT_ALLOWED, notAllowed ? 1 : 0);
        String generator = lower(ctx.generatorModel());
        out.put(GENERATOR_NOT_ALLOWED, in.kind() == SourceKind.SYNTHETIC && !config.generatorAllow().isEmpty()
                && (generator == null || !config.generatorAllow().contains(generator)) ? 1 : 0);
        out.put(LINEAGE_DEPTH, Math.max(0, ctx.lineageDepth()));
        long age = in.nowMillis() - in.eventTimeMillis();
        out.put(AGE_DAYS, in.eventTimeMillis() <= 0 || age <= 0 ? 0 : Math.floor(age / MILLIS_PER_DAY));
    }

    private static boolean present(String field, SignalInput in, RecordContext ctx) {
        switch (field) {
            case "url": return notBlank(in.url());
            case "license": return notBlank(ctx.license());
            case "fetch_time": return ctx.fetchTimeMillis() > 0;
            case "generator_model": return notBlank(ctx.generatorModel());
            case "prompt": return notBlank(ctx.prompt());
            case "requested_language": return notBlank(ctx.requestedLanguage());
            default: return true;
        }
    }

    /** The host itself, any parent domain of it, or its registrable domain is listed. */
    static boolean matches(String host, Set<String> list) {
        String h = host;
        while (true) {
            if (list.contains(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                break;
            }
            h = h.substring(dot + 1);
        }
        String registrable = registrableDomain(host);
        return registrable != null && list.contains(registrable);
    }

    /** The registrable domain (eTLD+1) of {@code host}, or null for IPs, bare suffixes and invalid names. */
    public static String registrableDomain(String host) {
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
