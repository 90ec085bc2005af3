package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.learning.InterventionSet;
import io.sluice.pipeline.learning.LearnerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-policy learner operator: what it publishes, its ledger, what it ignores, and its state across a restore. */
class LearnerFunctionTest {
    private static final OutputTag<InterventionRecord> LEDGER =
            new OutputTag<>("ledger", TypeInformation.of(InterventionRecord.class));

    private InterventionSet set;

    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        for (String v : List.of("a", "b")) {
            Files.writeString(dir.resolve(v + ".yaml"), "version: \"policy-" + v + "\"\nrules: []\n");
        }
        Path file = dir.resolve("interventions.yaml");
        Files.writeString(file, """
                metric: val_accuracy
                interventions:
                  - { id: arm-a, kind: threshold_change, description: policy a, policy_file: a.yaml }
                  - { id: arm-b, kind: threshold_change, description: policy b, policy_file: b.yaml }
                """);
        set = LearnerSettings.fromMap(Map.of("learner.enabled", "true", "learner.interventions", file.toString()))
                .interventions();
    }

    private KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LearnerFunction(set, 1, LEDGER)), e -> 0, u -> 0, Types.INT);
    }

    private static FeedbackEvent result(String arm, String version, String metric, double value, boolean higherIsBetter) {
        return FeedbackEvent.newBuilder().setEventId(arm + "-" + value).setInterventionId(arm).setPolicyVersion(version)
                .setMetric(metric).setValue(value).setHigherIsBetter(higherIsBetter).setEvaluatedAt(Instant.EPOCH).build();
    }

    private static List<InterventionRecord> ledger(KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> h) {
        var side = h.getSideOutput(LEDGER);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void creditsByIdOrVersionExploresThenPublishesOnlyChanges() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(result("arm-a", null, "val_accuracy", 0.60, true), 1);
            h.processElement1(result(null, "policy-a", "val_accuracy", 0.61, true), 2);
            h.processElement1(result("arm-b", null, "val_accuracy", 0.70, true), 3);
            // arm-a is in force (explored first), then arm-b once arm-a has two results; arm-b's first result
            // leaves it in force, so no third update.
            assertThat(h.extractOutputValues()).extracting(PolicyUpdate::getInterventionId).containsExactly("arm-a", "arm-b");
            assertThat(h.extractOutputValues().get(1).getPolicyYaml()).contains("policy-b");
            assertThat(ledger(h)).extracting(InterventionRecord::getInterventionId).containsExactly("arm-a", "arm-a", "arm-b");
            assertThat(ledger(h).get(1).getObservations()).isEqualTo(2);
            assertThat(ledger(h).get(1).getMeasuredEffect()).isCloseTo(0.605, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aLowerIsBetterMetricIsRewardedNegatedButLedgeredAsMeasured() throws Exception {
        InterventionSet loss = new InterventionSet("val_loss", set.interventions());
        try (var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LearnerFunction(loss, 1, LEDGER)), (FeedbackEvent e) -> 0, (PolicyUpdate u) -> 0, Types.INT)) {
            h.open();
            h.processElement1(result("arm-a", null, "val_loss", 2.5, false), 1);
            assertThat(ledger(h)).singleElement().satisfies(l -> assertThat(l.getMeasuredEffect()).isEqualTo(2.5));
        }
    }

    @Test
    void ignoresOtherMetricsAndStrangersAndResumesAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement1(result("arm-a", null, "val_loss", 0.6, true), 1);
            h.processElement1(result("arm-z", null, "val_accuracy", 0.6, true), 2);
            h.processElement1(result(null, "policy-z", "val_accuracy", 0.6, true), 3);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(ledger(h)).isEmpty();
            h.processElement1(result("arm-a", null, "val_accuracy", 0.6, true), 4);
            snapshot = h.snapshot(1, 5);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement1(result("arm-a", null, "val_accuracy", 0.62, true), 6);
            // The second result of arm-a (not the first), and arm-b explored next.
            assertThat(ledger(restored)).singleElement().satisfies(l -> assertThat(l.getObservations()).isEqualTo(2));
            assertThat(restored.extractOutputValues()).extracting(PolicyUpdate::getInterventionId).containsExactly("arm-b");
        }
    }

    @Test
    void anOperatorsOwnPolicyPausesItAndAPushOfAnInterventionResumesFromThatIntervention() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(result("arm-a", null, "val_accuracy", 0.60, true), 1);
            assertThat(h.extractOutputValues()).extracting(PolicyUpdate::getInterventionId).containsExactly("arm-a");
            PolicyUpdate ops = PolicyUpdate.newBuilder().setPolicyVersion("ops-1").setPolicyYaml("version: ops-1\nrules: []\n")
                    .setPublishedAt(Instant.EPOCH).setAuthor("alice").build();
            h.processElement2(ops, 2);
            // arm-a's second result would move the learner to arm-b: paused, it only records it.
            h.processElement1(result("arm-a", null, "val_accuracy", 0.61, true), 3);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(ledger(h)).hasSize(2);

            // The operator pushes arm-b's policy: learning resumes from arm-b. Its first result keeps it
            // (exploring), which publishes nothing only because arm-b is known to be in force.
            h.processElement2(PolicyUpdate.newBuilder(ops).setPolicyVersion("policy-b").build(), 4);
            h.processElement1(result("arm-b", null, "val_accuracy", 0.30, true), 5);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processElement1(result("arm-b", null, "val_accuracy", 0.31, true), 6);
            assertThat(h.extractOutputValues()).extracting(PolicyUpdate::getInterventionId).containsExactly("arm-a", "arm-a");

            // Its own update read back is not an operator's: it does not pause it.
            h.processElement2(h.extractOutputValues().get(1), 7);
            h.processElement1(result("arm-a", null, "val_accuracy", 0.10, true), 8);
            h.processElement1(result("arm-a", null, "val_accuracy", 0.11, true), 9);
            assertThat(h.extractOutputValues()).extracting(PolicyUpdate::getInterventionId).endsWith("arm-b");
            assertThat(ledger(h)).hasSize(6);
        }
    }
}
