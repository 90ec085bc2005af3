package io.sluice.pipeline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's quality section: rule families compiled into rules, tuned per slice. */
class QualityPolicyTest {

    private final PolicyLoader loader = new PolicyLoader();

    private static final String BASE = """
            version: "q1"
            rules: []
            quality:
              fineweb:
                applies_to: [scraped]
                route: quarantine
                checks:
                  list_ratio: 0.5
              c4:
                route: quarantine
                checks:
                  curly_bracket: off
                  too_few_sentences: 3
            """;

    /** Signals of a record that passes every check with the given overrides. */
    private static Map<String, Double> signals(Object... pairs) {
        Map<String, Double> s = new HashMap<>(Map.of(
                "fineweb.line_count", 10.0, "fineweb.line_punct_ratio", 0.9, "fineweb.short_line_ratio", 0.1,
                "fineweb.char_dup_ratio", 0.0, "fineweb.list_ratio", 0.1,
                "c4.lorem_ipsum", 0.0, "c4.curly_bracket", 0.0, "c4.sentence_count", 12.0));
        for (int i = 0; i < pairs.length; i += 2) {
            s.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return s;
    }

    private static List<String> codes(PolicyDecision d) {
        return d.reasons().stream().map(ReasonCode::getCode).toList();
    }

    /** Parses {@code yaml} expecting failure and returns the reported problems. */
    private List<String> errors(String yaml) {
        try {
            loader.parse(yaml, "test.yaml");
        } catch (InvalidPolicyException e) {
            return e.errors();
        }
        throw new AssertionError("expected the policy to be rejected:\n" + yaml);
    }

    @Test
    void compilesEachCheckIntoARuleCodedByFamilyAndReason() {
        Policy p = loader.parse(BASE, "t");
        assertThat(p.rules()).extracting(Rule::code).containsExactly(
                "fineweb_line_punct_ratio", "fineweb_short_line_ratio", "fineweb_char_dup_ratio",
                "fineweb_list_ratio", "c4_lorem_ipsum", "c4_curly_bracket", "c4_too_few_sentences");
        Rule punct = p.rules().get(0);
        assertThat(punct.when()).isEqualTo(new Condition.Compare("fineweb.line_punct_ratio", ComparisonOp.LT, 0.12));
        assertThat(punct.appliesTo()).containsExactly(SourceKind.SCRAPED);
        assertThat(p.rules().get(3).when()).isEqualTo(new Condition.Compare("fineweb.list_ratio", ComparisonOp.GT, 0.5));
    }

    @Test
    void failsARecordAsDatatroveDoesWithTheReasonAndThreshold() {
        Policy p = loader.parse(BASE, "t");
        PolicyDecision d = p.decide(SourceKind.SCRAPED, "scraped/en/a.org", signals("fineweb.line_punct_ratio", 0.11));
        assertThat(d.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(d)).containsExactly("fineweb_line_punct_ratio");
        assertThat(d.reasons().get(0).getThreshold()).isEqualTo(0.12);
        assertThat(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", signals("fineweb.line_punct_ratio", 0.12)).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", signals("fineweb.list_ratio", 0.5)).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", signals("fineweb.list_ratio", 0.51))))
                .containsExactly("fineweb_list_ratio");
    }

    @Test
    void leavesRatiosOfATextWithoutLinesToTheEmptyTextRule() {
        Policy p = loader.parse(BASE, "t");
        PolicyDecision d = p.decide(SourceKind.SCRAPED, "scraped/en/a.org",
                signals("fineweb.line_count", 0, "fineweb.line_punct_ratio", 0));
        assertThat(codes(d)).isEmpty();
    }

    @Test
    void appliesAFamilyOnlyToItsSourceKinds() {
        Policy p = loader.parse(BASE, "t");
        Map<String, Double> s = signals("fineweb.line_punct_ratio", 0.0, "c4.lorem_ipsum", 1);
        assertThat(codes(p.decide(SourceKind.SYNTHETIC, "synthetic/en/qa", s))).containsExactly("c4_lorem_ipsum");
    }

    @Test
    void keepsACheckThatIsOffOutOfEverySliceUnlessASliceTurnsItOn() {
        Policy p = loader.parse(BASE + """
                slices:
                  "scraped/*/docs.example.org": { quality: { c4: { curly_bracket: on } } }
                """, "t");
        Map<String, Double> curly = signals("c4.curly_bracket", 1);
        assertThat(p.decide(SourceKind.SCRAPED, "scraped/en/news.org", curly).route()).isEqualTo(Route.ACCEPTED);
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/en/docs.example.org", curly)))
                .containsExactly("c4_curly_bracket");
    }

    @Test
    void tunesThresholdsAndTurnsFamiliesOffPerSlice() {
        Policy p = loader.parse(BASE + """
                slices:
                  "*/zh/*": { quality: { fineweb: { short_line_ratio: 0.9, list_ratio: off } } }
                  "synthetic/*/*": { quality: { c4: off } }
                """, "t");
        Map<String, Double> s = signals("fineweb.short_line_ratio", 0.8, "fineweb.list_ratio", 2);
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", s)))
                .containsExactly("fineweb_short_line_ratio", "fineweb_list_ratio");
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/zh/a.org", s))).isEmpty();
        PolicyDecision veryShort = p.decide(SourceKind.SCRAPED, "scraped/zh/a.org",
                signals("fineweb.short_line_ratio", 0.95));
        assertThat(codes(veryShort)).containsExactly("fineweb_short_line_ratio");
        assertThat(veryShort.reasons().get(0).getThreshold()).isEqualTo(0.9);

        Map<String, Double> lorem = signals("c4.lorem_ipsum", 1);
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", lorem))).containsExactly("c4_lorem_ipsum");
        assertThat(codes(p.decide(SourceKind.SYNTHETIC, "synthetic/en/qa", lorem))).isEmpty();
    }

    @Test
    void letsALaterSliceTurnAFamilyBackOn() {
        Policy p = loader.parse(BASE + """
                slices:
                  "*/*/*": { quality: { c4: off } }
                  "*/en/*": { quality: { c4: on } }
                """, "t");
        Map<String, Double> lorem = signals("c4.lorem_ipsum", 1, "c4.curly_bracket", 1);
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/de/a.org", lorem))).isEmpty();
        // Back to the top-level settings: lorem ipsum on, curly bracket still off.
        assertThat(codes(p.decide(SourceKind.SCRAPED, "scraped/en/a.org", lorem))).containsExactly("c4_lorem_ipsum");
    }

    @Test
    void rejectsUnknownFamiliesChecksAndValuesNamingThePath() {
        assertThat(errors("""
                version: "q"
                rules: []
                quality:
                  finweb: { route: quarantine }
                  c4:
                    route: quarantine
                    checks:
                      too_few_sentence: 3
                      lorem_ipsum: 0.5
                      curly_bracket: lots
                """)).containsExactly(
                "quality.finweb: unknown rule family (did you mean 'fineweb'?) (known: c4, fineweb, gopher, repetition)",
                "quality.c4.checks.too_few_sentence: unknown check (did you mean 'too_few_sentences'?) "
                        + "(checks: lorem_ipsum, curly_bracket, too_few_sentences)",
                "quality.c4.checks.lorem_ipsum: is on or off (it has no threshold), not a number",
                "quality.c4.checks.curly_bracket: is on or off (it has no threshold), not a string");
    }

    @Test
    void rejectsSliceTuningOfAFamilyTheTopLevelDoesNotConfigure() {
        assertThat(errors("""
                version: "q"
                rules: []
                quality:
                  c4: { route: quarantine }
                slices:
                  "*/zh/*": { quality: { fineweb: { list_ratio: off } } }
                """)).singleElement().asString().startsWith(
                "slices[\"*/zh/*\"].quality.fineweb: the family is not in the top-level quality section");
    }

    @Test
    void rejectsAQualityFamilyWithoutARouteOrWithResynthesisForScrapedRecords() {
        assertThat(errors("""
                version: "q"
                rules: []
                quality:
                  c4: { checks: { lorem_ipsum: on } }
                  fineweb: { route: resynthesis }
                """)).containsExactly("quality.c4.route: required",
                "quality.fineweb.route: resynthesis cannot apply to scraped records; add applies_to: [synthetic]",
                "quality.fineweb.instruction: required when route is resynthesis");
    }

    @Test
    void rejectsARuleCodeThatAQualityCheckAlsoUses() {
        assertThat(errors("""
                version: "q"
                rules:
                  - code: c4_lorem_ipsum
                    when: { signal: c4.lorem_ipsum, op: ">=", value: 1 }
                    route: quarantine
                quality:
                  c4: { route: quarantine }
                """)).singleElement().asString().contains("coded 'c4_lorem_ipsum', which a rule in rules: already uses");
    }
}
