package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Condition;
import io.sluice.pipeline.policy.ComparisonOp;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.policy.Rule;
import io.sluice.pipeline.signals.SignalRegistry;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentScorerTest {

    private static final long NOW = 1_780_000_000_000L;

    private final Policy policy = new PolicyLoader().parse("""
            version: "t-1"
            rules:
              - code: too_short
                when: { signal: text.word_count, op: "<", value: 3 }
                route: quarantine
            """, "test");
    private final DocumentScorer scorer = new DocumentScorer(policy, SignalRegistry.standard(), () -> NOW);

    @Test
    void computesSignalsOnTheNormalizedText() {
        ScoringResult r = scorer.score(new ScoringInput("a", "one\r\ntwo\u0000 three", SourceKind.SCRAPED,
                NOW, "EN", null, "https://www.Example.org/p"));
        assertThat(r.normalizedText()).isEqualTo("one\ntwo three");
        assertThat(r.signals().get("text.line_count")).isEqualTo(2.0);
        assertThat(r.signals().get("text.char_count")).isEqualTo(13.0);
        assertThat(r.signals().keySet()).containsExactlyElementsOf(SignalRegistry.standard().names());
        assertThat(r.signalsVersion()).isEqualTo("24");
        assertThat(r.policyVersion()).isEqualTo("t-1");
        assertThat(r.route()).isEqualTo(Route.ACCEPTED);
        assertThat(r.reasons()).isEmpty();
    }

    @Test
    void slicesByKindLanguageAndDomain() {
        ScoringResult r = scorer.score(new ScoringInput("a", "x y z", SourceKind.SCRAPED, NOW, "EN",
                "www.example.org", null));
        assertThat(r.slice()).isEqualTo("scraped/en/example.org");
        assertThat(scorer.scoreText("b", "x y z", SourceKind.SYNTHETIC).slice()).isEqualTo("synthetic/und/general");
    }

    @Test
    void slicesByTheIdentifiedLanguageWhenTheRecordDeclaresNone() {
        String german = "Die Kommission wird dem Parlament im nächsten Jahr einen Bericht über die Umsetzung vorlegen.";
        ScoringResult undeclared = scorer.score(new ScoringInput("a", german, SourceKind.SCRAPED, NOW, null,
                "example.de", null));
        assertThat(undeclared.slice()).isEqualTo("scraped/de/example.de");
        assertThat(undeclared.language().code()).isEqualTo("de");
        assertThat(undeclared.signals().get("lang.confidence")).isGreaterThan(0.9);
        assertThat(undeclared.signals().get("lang.second_confidence")).isLessThan(0.1);

        ScoringResult declared = scorer.score(new ScoringInput("b", german, SourceKind.SCRAPED, NOW, "en",
                "example.de", null));
        assertThat(declared.slice()).isEqualTo("scraped/en/example.de"); // the producer's word wins
        assertThat(declared.language().code()).isEqualTo("de"); // and the mismatch stays visible

        ScoringResult symbols = scorer.scoreText("c", "#### 1234 ----", SourceKind.SYNTHETIC);
        assertThat(symbols.slice()).isEqualTo("synthetic/und/general");
        assertThat(symbols.signals().get("lang.confidence")).isEqualTo(0.0);
    }

    @Test
    void routesByThePolicyAndNamesItsVersion() {
        ScoringResult r = scorer.scoreText("a", "two words", SourceKind.SYNTHETIC);
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(r.reasons()).extracting(rc -> rc.getCode()).containsExactly("too_short");
        assertThat(r.failingSignals()).containsEntry("text.word_count", 2.0);
    }

    @Test
    void usesTheInjectedClockForEventTimeChecks() {
        ScoringResult r = scorer.score(new ScoringInput("a", "x y z", SourceKind.SYNTHETIC,
                NOW + 2 * 86_400_000L, null, null, null));
        assertThat(r.signals().get("record.bad_event_time")).isEqualTo(1.0);
    }

    @Test
    void refusesAPolicyReadingSignalsNoFamilyComputes() {
        Policy bad = new Policy("x", null, List.of(new Rule("r", new Condition.Compare("gopher.nope",
                ComparisonOp.LT, 1), null, Route.QUARANTINED, EnumSet.allOf(SourceKind.class), null, null)), List.of());
        assertThatThrownBy(() -> new DocumentScorer(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gopher.nope");
    }

    @Test
    void swapsPolicyWithoutChangingSignals() {
        Policy lenient = new PolicyLoader().parse("version: t-2\nrules: []\n", "test");
        ScoringResult r = scorer.withPolicy(lenient).scoreText("a", "two words", SourceKind.SYNTHETIC);
        assertThat(r.route()).isEqualTo(Route.ACCEPTED);
        assertThat(r.policyVersion()).isEqualTo("t-2");
    }
}
