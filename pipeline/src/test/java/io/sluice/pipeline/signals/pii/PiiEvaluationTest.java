package io.sluice.pipeline.signals.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scaled-down run of {@link PiiEvaluation} (the full figures are in docs/SAFETY.md): floors on
 * precision and recall per kind on a seeded set of real Europarl paragraphs with injected values,
 * and on false positives in the same paragraphs untouched.
 */
class PiiEvaluationTest {

    @Test
    void meetsPrecisionAndRecallFloorsOnSeededEuroparlSet() throws IOException {
        List<String> paragraphs = PiiEvaluation.paragraphs(4000);
        assertThat(paragraphs).hasSizeGreaterThan(3000);
        Map<PiiKind, PiiEvaluation.Tally> t = PiiEvaluation.run(paragraphs, 7L);
        int cleanFalsePositives = 0;
        for (Map.Entry<PiiKind, PiiEvaluation.Tally> e : t.entrySet()) {
            PiiEvaluation.Tally x = e.getValue();
            assertThat(x.injected).as(e.getKey() + " injected").isGreaterThan(300);
            assertThat(x.precision()).as(e.getKey() + " precision").isGreaterThanOrEqualTo(0.98);
            // Phones: one of the 30 injected formats (a US local 555-0123) is not claimed on purpose.
            double recallFloor = e.getKey() == PiiKind.PHONE ? 0.94 : 0.98;
            assertThat(x.recall()).as(e.getKey() + " recall").isGreaterThanOrEqualTo(recallFloor);
            cleanFalsePositives += x.cleanFalsePositives;
        }
        assertThat(cleanFalsePositives).as("matches in clean Europarl paragraphs").isLessThanOrEqualTo(2);
    }
}
