package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.FeedbackEvent;
import io.sluice.pipeline.TestSettings;
import io.sluice.pipeline.learning.ThompsonLearner;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedbackDecodeFunctionTest {

    private static FeedbackEvent withValue(double value) {
        return FeedbackEvent.newBuilder().setEventId("e").setPolicyVersion("p").setMetric("accuracy")
                .setValue(value).setEvaluatedAt(Instant.ofEpochMilli(0L)).build();
    }

    @Test
    void refusesValuesNoMetricReaches() {
        FeedbackDecodeFunction decode = new FeedbackDecodeFunction(TestSettings.withDefaults());
        assertThat(decode.problem(withValue(0.71))).isNull();
        assertThat(decode.problem(withValue(-ThompsonLearner.MAX_ABS_REWARD))).isNull();
        assertThat(decode.problem(withValue(Double.NaN))).contains("not a finite number");
        assertThat(decode.problem(withValue(1e308))).contains("beyond").contains("evaluator");
    }
}
