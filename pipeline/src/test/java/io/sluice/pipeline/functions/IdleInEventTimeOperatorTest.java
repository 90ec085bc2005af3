package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class IdleInEventTimeOperatorTest {

    @Test
    void declaresItselfIdleOnceRunningPassesRecordsAndNeverForwardsWatermarksOrActivity() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<String, String>(new IdleInEventTimeOperator<>())) {
            harness.setProcessingTime(1_000);
            harness.open();
            assertThat(harness.getOutput()).as("before the first timer").isEmpty();

            harness.setProcessingTime(1_001);
            assertThat(harness.getOutput()).containsExactly(WatermarkStatus.IDLE);

            harness.processElement("policy-2", 5_000);
            harness.processWatermark(new Watermark(5_000));
            // What a source without watermarks sends when it ends: forwarded, it would end event time downstream.
            harness.processWatermark(Watermark.MAX_WATERMARK);
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);

            assertThat(harness.getOutput()).containsExactly(WatermarkStatus.IDLE, new StreamRecord<>("policy-2", 5_000));
        }
    }
}
