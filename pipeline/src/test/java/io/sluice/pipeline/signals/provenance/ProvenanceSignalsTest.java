package io.sluice.pipeline.signals.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.RecordContext;
import io.sluice.pipeline.signals.SignalInput;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvenanceSignalsTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;

    private final ProvenanceConfig config = new ProvenanceConfig(
            Map.of(SourceKind.SCRAPED, Set.of("url", "license"), SourceKind.SYNTHETIC, Set.of("generator_model", "prompt")),
            Set.of("CC-BY-4.0"), Set.of("spam.example.co.uk"), Set.of("europa.eu"), Set.of("gen-a"));

    private Map<String, Double> signals(SourceKind kind, String url, RecordContext ctx, long eventTime) {
        Map<String, Double> out = new HashMap<>();
        new ProvenanceSignals(config).compute(new SignalInput("id", "text", kind, eventTime, url, NOW, ctx), out::put);
        return out;
    }

    @Test
    void flagsMissingFieldsDisallowedLicenceAndDomains() {
        Map<String, Double> s = signals(SourceKind.SCRAPED, "https://www.spam.example.co.uk/x",
                new RecordContext("proprietary", null, 0, null, null, -1), NOW - 400 * DAY);
        assertThat(s.get(ProvenanceSignals.MISSING_REQUIRED)).isZero();
        assertThat(s.get(ProvenanceSignals.LICENSE_DENIED)).isEqualTo(1.0);
        assertThat(s.get(ProvenanceSignals.DOMAIN_DENIED)).isEqualTo(1.0);
        assertThat(s.get(ProvenanceSignals.DOMAIN_NOT_ALLOWED)).isEqualTo(1.0);
        assertThat(s.get(ProvenanceSignals.AGE_DAYS)).isEqualTo(400.0);

        Map<String, Double> ok = signals(SourceKind.SCRAPED, "https://www.europarl.europa.eu/doc",
                new RecordContext("cc-by-4.0", null, 0, null, null, -1), NOW);
        assertThat(ok.values()).allMatch(v -> v == 0.0);

        Map<String, Double> missing = signals(SourceKind.SCRAPED, null, RecordContext.EMPTY, NOW);
        assertThat(missing.get(ProvenanceSignals.MISSING_REQUIRED)).isEqualTo(2.0);
    }

    @Test
    void checksGeneratorAndLineageOfSyntheticRecords() {
        Map<String, Double> s = signals(SourceKind.SYNTHETIC, null, new RecordContext(null, "gen-b", 5, "p", "en", -1), NOW);
        assertThat(s.get(ProvenanceSignals.GENERATOR_NOT_ALLOWED)).isEqualTo(1.0);
        assertThat(s.get(ProvenanceSignals.LINEAGE_DEPTH)).isEqualTo(5.0);
        assertThat(s.get(ProvenanceSignals.MISSING_REQUIRED)).isZero();
        assertThat(s.get(ProvenanceSignals.DOMAIN_NOT_ALLOWED)).isZero();
    }

    @Test
    void registrableDomainUsesThePublicSuffixList() {
        assertThat(ProvenanceSignals.registrableDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(ProvenanceSignals.registrableDomain("co.uk")).isNull();
        assertThat(ProvenanceSignals.registrableDomain("10.0.0.1")).isNull();
        assertThat(ProvenanceSignals.matches("news.example.co.uk", Set.of("example.co.uk"))).isTrue();
        assertThat(ProvenanceSignals.matches("example.co.uk", Set.of("news.example.co.uk"))).isFalse();
    }

    @Test
    void policySectionDrivesTheSignalsAndDefaultRulesQuarantine() {
        Policy policy = new PolicyLoader().parse("""
                version: "p-1"
                rules:
                  - code: provenance_failure
                    when: { signal: provenance.license_denied, op: ">=", value: 1 }
                    route: quarantine
                provenance:
                  license_allow: [cc0-1.0]
                """, "t");
        DocumentScorer scorer = new DocumentScorer(policy);
        ScoringResult r = scorer.score(new ScoringInput("a", "some words here", SourceKind.SCRAPED, NOW, "en", null,
                "https://example.org", new RecordContext("gpl-3.0", null, 0, null, null, -1)));
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(r.reasons()).extracting(ReasonCode::getCode).containsExactly("provenance_failure");

        Policy defaults = new PolicyLoader().loadDefault();
        ScoringResult deep = new DocumentScorer(defaults).score(new ScoringInput("b", "word ".repeat(40),
                SourceKind.SYNTHETIC, System.currentTimeMillis(), "en", null, null,
                new RecordContext(null, "m", 4, null, "en", -1)));
        assertThat(deep.reasons()).extracting(ReasonCode::getCode).contains("lineage_too_deep");
        assertThat(deep.route()).isEqualTo(Route.QUARANTINED);
    }

    @Test
    void rejectsBadProvenanceSections() {
        assertThatThrownBy(() -> new PolicyLoader().parse("""
                version: "p-1"
                rules: []
                provenance:
                  required: { scraped: [licence], robots: [url] }
                  license_allow: cc0
                  domain_dney: []
                """, "t")).hasMessageContaining("provenance.domain_dney: unknown key")
                .hasMessageContaining("provenance.required.scraped: unknown field 'licence' (did you mean 'license'?)")
                .hasMessageContaining("provenance.required.robots: unknown source kind 'robots'")
                .hasMessageContaining("provenance.license_allow: must be a list of strings");
    }
}
