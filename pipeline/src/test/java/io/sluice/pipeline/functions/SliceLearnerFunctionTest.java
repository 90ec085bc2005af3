package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.learning.LearnerSettings;
import io.sluice.pipeline.learning.SliceInterventionSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-slice learner operator: its updates, its ledger, what it ignores, and its state across a restore. */
class SliceLearnerFunctionTest {
    private static final OutputTag<InterventionRecord> LEDGER =
            new OutputTag<>("ledger", TypeInformation.of(InterventionRecord.class));

    private SliceInterventionSet set;

    private Path dir;

    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Files.writeString(dir.resolve("base.yaml"), """
                version: "base-1"
                rules:
                  - { code: held, when: { signal: text.word_count, op: ">=", value: 1 }, route: quarantine }
                """);
        Path file = dir.resolve("slices.yaml");
        Files.writeString(file, """
                metric: val_accuracy
                base_policy: base.yaml
                slices:
                  "synthetic/de/*":
                    - { id: de-hold, kind: threshold_change, description: hold }
                    - { id: de-open, kind: threshold_change, description: open, override: { disable: [held] } }
                  "synthetic/en/*":
                    - { id: en-hold, kind: threshold_change, description: hold }
                    - { id: en-open, kind: threshold_change, description: open, override: { disable: [held] } }
                """);
        set = LearnerSettings.fromMap(Map.of("learner.enabled", "true", "learner.interventions", file.toString()))
                .sliceInterventions();
    }

    private KeyedOneInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate> harness() throws Exception {
        return harness(set);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate> harness(
            SliceInterventionSet set) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SliceLearnerFunction(set, 1, LEDGER)), e -> 0, Types.INT);
    }

    private static FeedbackEvent result(String arm, String version, String slice, String metric, double value) {
        return FeedbackEvent.newBuilder().setEventId(arm + "-" + value).setInterventionId(arm).setPolicyVersion(version)
                .setSlice(slice).setMetric(metric).setValue(value).setHigherIsBetter(true)
                .setEvaluatedAt(Instant.EPOCH).build();
    }

    private static List<PolicyUpdate> updates(KeyedOneInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate> h) {
        return h.extractOutputValues();
    }

    private static List<InterventionRecord> ledger(KeyedOneInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate> h) {
        var side = h.getSideOutput(LEDGER);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void publishesTheComposedPolicyWhenAChoiceChangesAndLedgersEveryCredit() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            // First result: every slice gets an arm (the first, exploring), one update names them all.
            assertThat(updates(h)).extracting(PolicyUpdate::getPolicyVersion).containsExactly("base-1+learned:de-hold,en-hold");
            assertThat(updates(h).get(0).getPolicyYaml()).contains("held").doesNotContain("disable");
            assertThat(ledger(h)).singleElement().satisfies(l -> {
                assertThat(l.getInterventionId()).isEqualTo("de-hold");
                assertThat(l.getSlice()).isEqualTo("synthetic/de/*");
                assertThat(l.getObservations()).isEqualTo(1);
                assertThat(l.getPolicyVersion()).isEqualTo("base-1");
            });

            // A second de-hold result: German explores de-open next; English is not redrawn.
            h.processElement(result("de-hold", null, null, "val_accuracy", 0.61), 2);
            assertThat(updates(h)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("base-1+learned:de-hold,en-hold", "base-1+learned:de-open,en-hold");
            PolicyUpdate second = updates(h).get(1);
            assertThat(second.getInterventionId()).isEqualTo("de-open");
            assertThat(second.getAuthor()).isEqualTo(LearnerFunction.AUTHOR);
            assertThat(second.getReason()).startsWith("synthetic/de/* -> de-open (exploring").contains("de-hold n=2");
            assertThat(second.getPolicyYaml()).contains("synthetic/de/*").contains("disable");

            // A result naming the composed version and the whole output credits both slices' arms.
            h.processElement(result(null, "base-1+learned:de-open,en-hold", null, "val_accuracy", 0.7), 3);
            assertThat(ledger(h)).hasSize(4).extracting(InterventionRecord::getInterventionId)
                    .endsWith("de-open", "en-hold");
        }
    }

    @Test
    void aSliceAddedToTheFileBeforeARestoreIsChosenWithoutLosingTheOthersEvidence() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            snapshot = h.snapshot(1, 2);
        }
        Path file = dir.resolve("three.yaml");
        Files.writeString(file, Files.readString(dir.resolve("slices.yaml")) + """
                  "synthetic/fr/*":
                    - { id: fr-hold, kind: threshold_change, description: hold }
                """);
        SliceInterventionSet three = LearnerSettings.fromMap(Map.of("learner.enabled", "true",
                "learner.interventions", file.toString())).sliceInterventions();
        try (var restored = harness(three)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(result("de-hold", null, null, "val_accuracy", 0.61), 3);
            assertThat(ledger(restored)).singleElement().satisfies(l -> {
                assertThat(l.getObservations()).isEqualTo(2);
                assertThat(l.getPolicyVersion()).isEqualTo("base-1");
            });
            assertThat(updates(restored)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("base-1+learned:de-open,en-hold,fr-hold");
        }
    }

    @Test
    void ignoresOtherMetricsUnknownArmsAndVersionsItDidNotCompose() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(result("de-hold", null, null, "val_loss", 0.6), 1);
            h.processElement(result("fr-open", null, null, "val_accuracy", 0.6), 2);
            h.processElement(result(null, "base-1", null, "val_accuracy", 0.6), 3);
            h.processElement(result(null, "base-1+learned:de-open,en-hold", "scraped/en/x", "val_accuracy", 0.6), 4);
            assertThat(updates(h)).isEmpty();
            assertThat(ledger(h)).isEmpty();
        }
    }

    @Test
    void evidenceAndChoicesSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            h.processElement(result("de-hold", null, null, "val_accuracy", 0.61), 2);
            snapshot = h.snapshot(1, 3);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(result("de-hold", null, null, "val_accuracy", 0.62), 4);
            // The third observation of de-hold (not the first), and de-open still in force: no new update.
            assertThat(ledger(restored)).singleElement().satisfies(l -> {
                assertThat(l.getObservations()).isEqualTo(3);
                assertThat(l.getPolicyVersion()).isEqualTo("base-1+learned:de-open,en-hold");
            });
            assertThat(updates(restored)).isEmpty();
        }
    }
}
