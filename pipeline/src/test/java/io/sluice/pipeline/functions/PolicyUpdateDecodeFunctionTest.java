package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.TestSettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class PolicyUpdateDecodeFunctionTest {
    private static final String TOPIC = SluiceTopics.defaults().policy();

    @Test
    void passesAValidUpdateAndDropsBadOnesWithoutFailing() throws Exception {
        var serializer = new ConfluentAvroSerializer<>(TestSettings.REGISTRY, SluiceTopics.valueSubject(TOPIC), PolicyUpdate.class);
        PolicyUpdate good = LivePolicyScoreAndDecideFunctionTest.update(LivePolicyScoreAndDecideFunctionTest.HOLD_ALL, "hold-all-1");
        PolicyUpdate invalid = LivePolicyScoreAndDecideFunctionTest.update("version: v\nrules: [ {code: x} ]\n", "v");
        PolicyUpdate misnamed = LivePolicyScoreAndDecideFunctionTest.update(LivePolicyScoreAndDecideFunctionTest.HOLD_ALL, "other-9");

        try (OneInputStreamOperatorTestHarness<KafkaInput, PolicyUpdate> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new PolicyUpdateDecodeFunction(TestSettings.withDefaults()))) {
            harness.processElement(input(0, "garbage".getBytes(StandardCharsets.UTF_8)), 0);
            harness.processElement(input(1, new byte[0]), 0); // a tombstone
            harness.processElement(input(2, serializer.serialize(invalid)), 0);
            harness.processElement(input(3, serializer.serialize(misnamed)), 0);
            harness.processElement(input(4, serializer.serialize(good)), 0);

            assertThat(harness.extractOutputValues()).containsExactly(good);
        }
    }

    @Test
    void explainsWhyAnUpdateIsRejected() {
        assertThat(new PolicyUpdateDecodeFunction(TestSettings.withDefaults()).problem(
                LivePolicyScoreAndDecideFunctionTest.update(LivePolicyScoreAndDecideFunctionTest.HOLD_ALL, "other-9")))
                .contains("announces version other-9").contains("hold-all-1");
        assertThat(new PolicyUpdateDecodeFunction(TestSettings.withDefaults()).problem(
                LivePolicyScoreAndDecideFunctionTest.update("version: v\nrules: [ {code: x} ]\n", "v")))
                .startsWith("its policy is invalid");
        assertThat(new PolicyUpdateDecodeFunction(TestSettings.withDefaults()).problem(
                LivePolicyScoreAndDecideFunctionTest.update(LivePolicyScoreAndDecideFunctionTest.HOLD_ALL, "hold-all-1")))
                .isNull();
    }

    private static KafkaInput input(long offset, byte[] value) {
        return new KafkaInput(TOPIC, 0, offset, 0L, "policy".getBytes(StandardCharsets.UTF_8), value);
    }
}
