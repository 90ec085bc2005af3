package io.sluice.pipeline.functions;

import static io.sluice.pipeline.functions.DriftDetectorFunctionTest.partial;
import static io.sluice.pipeline.functions.DriftTestRecords.CONFIG;
import static io.sluice.pipeline.functions.LivePolicyScoreAndDecideFunctionTest.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.TestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class LiveDriftDetectorFunctionTest {
    private static final long W = CONFIG.window().toMillis();
    private static final OutputTag<DriftAlert> ALERTS = new OutputTag<>("a", TypeInformation.of(DriftAlert.class));
    private static final OutputTag<ResynthesisRequest> FILL = new OutputTag<>("f", TypeInformation.of(ResynthesisRequest.class));
    /** Half of the accepted stream should be scraped; the test windows have none. */
    private static final String WITH_TARGETS = """
            version: "mix-2"
            rules: []
            target_mix:
              cooldown_windows: 1
              targets:
                "scraped/*/*": 0.5
            """;

    @Test
    void fillGapRequestsFollowAPushedTargetMixAndKeepItAcrossARestore() throws Exception {
        Random r = new Random(5);
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.processElement(partial(0, 1000, r, 0), W - 1);
            harness.processWatermark(W - 1);
            assertThat(fillGaps(harness)).as("the starting policy has no target mix").isEmpty();
            assertThat(harness.extractOutputValues()).isNotEmpty();

            harness.processBroadcastElement(update(WITH_TARGETS, "mix-2"), W);
            harness.processElement(partial(1, 1000, r, 0), 2 * W - 1);
            harness.processWatermark(2 * W - 1);
            List<ResynthesisRequest> requests = fillGaps(harness);
            assertThat(requests).hasSize(1).allSatisfy(req -> {
                assertThat(req.getKind()).isEqualTo(ResynthesisKind.FILL_GAP);
                assertThat(req.getSlice()).isEqualTo("scraped/*/*");
                assertThat(req.getPolicyVersion()).isEqualTo("mix-2");
                assertThat(req.getWantedCount()).isEqualTo(1000);
            });
            snapshot = harness.snapshot(1, 2 * W);
        }
        try (var restored = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new LiveDriftDetectorFunction(TestSettings.withDefaults(), CONFIG, ALERTS, FILL),
                List.of(LiveDriftDetectorFunction.POLICY_STATE)), (DriftPartial p) -> 0, Types.INT, 1, 1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processBroadcastWatermark(Long.MAX_VALUE);
            for (int w = 2; w < 5; w++) {
                restored.processElement(partial(w, 1000, r, 0), (w + 1) * W - 1);
                restored.processWatermark((w + 1) * W - 1);
            }
            assertThat(fillGaps(restored)).as("the pushed targets, restored from broadcast state")
                    .isNotEmpty().allSatisfy(req -> assertThat(req.getPolicyVersion()).isEqualTo("mix-2"));
        }
    }

    @Test
    void aPauseOfThePartialsLeavesEventTimeWhereItWasSinceThePolicyUpdatesAreIdleToo() throws Exception {
        var operator = new CoBroadcastWithKeyedOperator<>(
                new LiveDriftDetectorFunction(TestSettings.withDefaults(), CONFIG, ALERTS, FILL),
                List.of(LiveDriftDetectorFunction.POLICY_STATE));
        try (var harness = new KeyedBroadcastOperatorTestHarness<>(operator, (DriftPartial p) -> 0, Types.INT, 1, 1, 0)) {
            harness.open();
            operator.processWatermarkStatus2(WatermarkStatus.IDLE); // as IdleInEventTimeOperator declares it
            harness.processElement(partial(0, 1000, new Random(7), 0), W - 1);
            harness.processWatermark(W / 2);

            // The producer pauses. Were the policy updates active at the end of time, event time would jump
            // there now: this window would fire half-filled and every later record would be late.
            operator.processWatermarkStatus1(WatermarkStatus.IDLE);
            assertThat(harness.extractOutputValues()).as("snapshots during the pause").isEmpty();

            operator.processWatermarkStatus1(WatermarkStatus.ACTIVE);
            harness.processWatermark(W - 1);
            assertThat(harness.extractOutputValues()).as("snapshots once the window is complete").isNotEmpty()
                    .allSatisfy(snapshot -> assertThat(snapshot.getWindowStart().toEpochMilli()).isZero());
        }
    }

    private static KeyedBroadcastOperatorTestHarness<Integer, DriftPartial, PolicyUpdate, DistributionSnapshot> harness()
            throws Exception {
        var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new LiveDriftDetectorFunction(TestSettings.withDefaults(), CONFIG, ALERTS, FILL), p -> 0, Types.INT,
                LiveDriftDetectorFunction.POLICY_STATE);
        // The policy input must not hold back event time. In the job it is idle (IdleInEventTimeOperator),
        // which this harness cannot declare; at the end of time it holds back nothing either, and these
        // tests never leave the partials' input idle, where the two differ (see the test below).
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        return harness;
    }

    private static List<ResynthesisRequest> fillGaps(
            KeyedBroadcastOperatorTestHarness<Integer, DriftPartial, PolicyUpdate, DistributionSnapshot> harness) {
        List<ResynthesisRequest> out = new ArrayList<>();
        if (harness.getSideOutput(FILL) != null) {
            harness.getSideOutput(FILL).forEach(record -> out.add(record.getValue()));
        }
        return out;
    }
}
