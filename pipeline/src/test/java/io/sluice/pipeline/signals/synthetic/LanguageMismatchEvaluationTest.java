package io.sluice.pipeline.signals.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link LanguageMismatchEvaluation} on a slice of held-out Europarl (the full run and its figures are
 * in docs/SAFETY.md): a good record is rarely sent back, and a record in the wrong language rarely
 * passes. The function-word check this replaced caught 23–35% of the "another language" cases.
 */
class LanguageMismatchEvaluationTest {

    @Test
    void paragraphsAreJudgedRightAlmostAlways() throws Exception {
        List<LanguageMismatchEvaluation.Case> cases = LanguageMismatchEvaluation.europarl(60, true);
        assertThat(cases).hasSizeGreaterThan(1000);
        Map<String, LanguageMismatchEvaluation.Tally> r =
                LanguageMismatchEvaluation.evaluate(cases, LanguageMismatchEvaluation.sluiceCheck(), 11);
        assertThat(r.get("as requested").rate()).isLessThanOrEqualTo(0.002);
        assertThat(r.get("another language").rate()).isGreaterThanOrEqualTo(0.995);
        assertThat(r.get("close neighbour").rate()).isGreaterThanOrEqualTo(0.995);
        assertThat(r.get("other script").rate()).isEqualTo(1.0);
    }

    @Test
    void shortSentencesRarelyRaiseAFalseAlarm() throws Exception {
        List<LanguageMismatchEvaluation.Case> cases = LanguageMismatchEvaluation.europarl(60, false);
        Map<String, LanguageMismatchEvaluation.Tally> r =
                LanguageMismatchEvaluation.evaluate(cases, LanguageMismatchEvaluation.sluiceCheck(), 11);
        assertThat(r.get("as requested").rate()).isLessThanOrEqualTo(0.01);
        assertThat(r.get("another language").rate()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.get("close neighbour").rate()).isGreaterThanOrEqualTo(0.95);
    }
}
