package io.sluice.pipeline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    private static final String SLICE = "synthetic/en/qa";

    private final Policy policy = new PolicyLoader().parse("""
            version: "eval-1"
            rules:
              - code: short
                when: { signal: text.word_count, op: "<", value: 30 }
                route: resynthesis
                applies_to: [synthetic]
                detail: fewer than 30 words
                instruction: Write at least 30 words.
              - code: shouty
                when: { signal: text.uppercase_char_ratio, op: ">", value: 0.5 }
                route: resynthesis
                applies_to: [synthetic]
                instruction: Use normal capitalization.
              - code: blank
                when: { signal: text.is_blank, op: ">=", value: 1 }
                route: quarantine
              - code: malformed
                when: { any: [ {signal: record.blank_id, op: ">=", value: 1}, {signal: record.bad_url, op: ">=", value: 1} ] }
                route: quarantine
              - code: digits_noted
                when: { signal: text.digit_char_ratio, op: ">", value: 0.1 }
                unless: { signal: text.word_count, op: "<", value: 3 }
                route: accept
            slices:
              "synthetic/*/*.example.org": { disable: [short] }
            """, "test");

    private static Map<String, Double> signals(double words, double upper, double blank) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("text.word_count", words);
        s.put("text.uppercase_char_ratio", upper);
        s.put("text.is_blank", blank);
        s.put("text.digit_char_ratio", 0.0);
        s.put("record.blank_id", 0.0);
        s.put("record.bad_url", 0.0);
        return s;
    }

    @Test
    void acceptsWithNoReasonsWhenNothingMatches() {
        PolicyDecision d = policy.decide(SourceKind.SYNTHETIC, SLICE, signals(100, 0.1, 0));
        assertThat(d).isSameAs(PolicyDecision.ACCEPTED);
        assertThat(d.route()).isEqualTo(Route.ACCEPTED);
        assertThat(d.reasons()).isEmpty();
    }

    @Test
    void quarantineOutranksResynthesisAndEveryMatchIsAReasonInPolicyOrder() {
        PolicyDecision d = policy.decide(SourceKind.SYNTHETIC, SLICE, signals(0, 0.9, 1));
        assertThat(d.route()).isEqualTo(Route.QUARANTINED);
        assertThat(d.reasons()).extracting(ReasonCode::getCode).containsExactly("short", "shouty", "blank");
        assertThat(d.repairInstruction()).isNull();
        assertThat(d.failingSignals()).containsExactly(Map.entry("text.word_count", 0.0),
                Map.entry("text.uppercase_char_ratio", 0.9), Map.entry("text.is_blank", 1.0));
    }

    @Test
    void resynthesisJoinsTheInstructionsOfAllMatchedRepairRules() {
        PolicyDecision d = policy.decide(SourceKind.SYNTHETIC, SLICE, signals(12, 0.9, 0));
        assertThat(d.route()).isEqualTo(Route.RESYNTHESIS);
        assertThat(d.repairInstruction()).isEqualTo("Write at least 30 words. Use normal capitalization.");
        ReasonCode first = d.reasons().get(0);
        assertThat(first.getDetail()).isEqualTo("fewer than 30 words: text.word_count=12 < 30");
        assertThat(first.getSignal()).isEqualTo("text.word_count");
        assertThat(first.getValue()).isEqualTo(12.0);
        assertThat(first.getThreshold()).isEqualTo(30.0);
        assertThat(d.reasons().get(1).getDetail()).isEqualTo("text.uppercase_char_ratio=0.9 > 0.5");
    }

    @Test
    void rulesForOtherSourceKindsDoNotApply() {
        PolicyDecision d = policy.decide(SourceKind.SCRAPED, "scraped/en/general", signals(12, 0.9, 0));
        assertThat(d.route()).isEqualTo(Route.ACCEPTED);
        assertThat(d.reasons()).isEmpty();
    }

    @Test
    void acceptRulesAnnotateWithoutChangingTheRoute() {
        Map<String, Double> s = signals(100, 0, 0);
        s.put("text.digit_char_ratio", 0.25);
        PolicyDecision d = policy.decide(SourceKind.SCRAPED, "scraped/en/general", s);
        assertThat(d.route()).isEqualTo(Route.ACCEPTED);
        assertThat(d.reasons()).extracting(ReasonCode::getDetail).containsExactly("text.digit_char_ratio=0.25 > 0.1");
    }

    @Test
    void unlessSuppressesAMatchAndIsNotReportedAsFailing() {
        Map<String, Double> s = signals(2, 0, 0);
        s.put("text.digit_char_ratio", 0.5);
        assertThat(policy.decide(SourceKind.SCRAPED, "scraped/en/general", s)).isSameAs(PolicyDecision.ACCEPTED);
        s.put("text.word_count", 3.0);
        PolicyDecision d = policy.decide(SourceKind.SCRAPED, "scraped/en/general", s);
        assertThat(d.reasons()).extracting(ReasonCode::getCode).containsExactly("digits_noted");
        assertThat(d.failingSignals()).containsOnlyKeys("text.digit_char_ratio");
    }

    @Test
    void anyExplainsOnlyTheAlternativesThatHeld() {
        Map<String, Double> s = signals(100, 0, 0);
        s.put("record.bad_url", 1.0);
        PolicyDecision d = policy.decide(SourceKind.SCRAPED, "scraped/en/general", s);
        assertThat(d.route()).isEqualTo(Route.QUARANTINED);
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.getDetail()).isEqualTo("record.bad_url=1 >= 1");
            assertThat(r.getSignal()).isEqualTo("record.bad_url");
        });
    }

    @Test
    void sliceOverrideDisablesARuleOnlyInMatchingSlices() {
        Map<String, Double> s = signals(12, 0, 0);
        assertThat(policy.decide(SourceKind.SYNTHETIC, "synthetic/en/example.org", s).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(policy.decide(SourceKind.SYNTHETIC, "synthetic/de/docs.example.org", s).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(policy.decide(SourceKind.SYNTHETIC, "synthetic/en/badexample.org", s).route())
                .isEqualTo(Route.RESYNTHESIS);
        assertThat(policy.decide(SourceKind.SYNTHETIC, "synthetic/en/example.org.evil", s).route())
                .isEqualTo(Route.RESYNTHESIS);
    }

    @Test
    void missingAndNanSignalsNeverMatch() {
        Map<String, Double> s = signals(12, Double.NaN, 0);
        s.remove("text.word_count");
        assertThat(policy.decide(SourceKind.SYNTHETIC, SLICE, s)).isSameAs(PolicyDecision.ACCEPTED);
        assertThat(ComparisonOp.NE.test(Double.NaN, 1)).isFalse();
    }
}
