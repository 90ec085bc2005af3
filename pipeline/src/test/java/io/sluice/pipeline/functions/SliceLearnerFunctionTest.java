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
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
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

    private KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> harness() throws Exception {
        return harness(set);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> harness(
            SliceInterventionSet set) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new SliceLearnerFunction(set, 1, LEDGER)), e -> 0, u -> 0, Types.INT);
    }

    /** A harness on {@code set} restored from {@code snapshot} and opened. */
    private static KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> restored(
            SliceInterventionSet set, OperatorSubtaskState snapshot) throws Exception {
        var h = harness(set);
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    private static FeedbackEvent result(String arm, String version, String slice, String metric, double value) {
        return FeedbackEvent.newBuilder().setEventId(arm + "-" + value).setInterventionId(arm).setPolicyVersion(version)
                .setSlice(slice).setMetric(metric).setValue(value).setHigherIsBetter(true)
                .setEvaluatedAt(Instant.EPOCH).build();
    }

    private static List<PolicyUpdate> updates(KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> h) {
        return h.extractOutputValues();
    }

    private static List<InterventionRecord> ledger(KeyedTwoInputStreamOperatorTestHarness<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> h) {
        var side = h.getSideOutput(LEDGER);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void publishesTheComposedPolicyWhenAChoiceChangesAndLedgersEveryCredit() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
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
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.61), 2);
            assertThat(updates(h)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("base-1+learned:de-hold,en-hold", "base-1+learned:de-open,en-hold");
            PolicyUpdate second = updates(h).get(1);
            assertThat(second.getInterventionId()).isEqualTo("de-open");
            assertThat(second.getAuthor()).isEqualTo(LearnerFunction.AUTHOR);
            assertThat(second.getReason()).startsWith("synthetic/de/* -> de-open (exploring").contains("de-hold n=2");
            assertThat(second.getPolicyYaml()).contains("synthetic/de/*").contains("disable");

            // A result naming the composed version and the whole output credits both slices' arms.
            h.processElement1(result(null, "base-1+learned:de-open,en-hold", null, "val_accuracy", 0.7), 3);
            assertThat(ledger(h)).hasSize(4).extracting(InterventionRecord::getInterventionId)
                    .endsWith("de-open", "en-hold");
        }
    }

    @Test
    void aSliceAddedToTheFileBeforeARestoreIsChosenWithoutLosingTheOthersEvidence() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            snapshot = h.snapshot(1, 2);
        }
        Path file = dir.resolve("three.yaml");
        Files.writeString(file, Files.readString(dir.resolve("slices.yaml")) + """
                  "synthetic/fr/*":
                    - { id: fr-hold, kind: threshold_change, description: hold }
                """);
        SliceInterventionSet three = LearnerSettings.fromMap(Map.of("learner.enabled", "true",
                "learner.interventions", file.toString())).sliceInterventions();
        try (var restored = restored(three, snapshot)) {
            restored.processElement1(result("de-hold", null, null, "val_accuracy", 0.61), 3);
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
            h.processElement1(result("de-hold", null, null, "val_loss", 0.6), 1);
            h.processElement1(result("fr-open", null, null, "val_accuracy", 0.6), 2);
            h.processElement1(result(null, "other-9", null, "val_accuracy", 0.6), 3);
            h.processElement1(result(null, "base-1+learned:de-open,en-hold", "scraped/en/x", "val_accuracy", 0.6), 4);
            assertThat(updates(h)).isEmpty();
            assertThat(ledger(h)).isEmpty();
        }
    }

    @Test
    void evidenceAndChoicesSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.61), 2);
            snapshot = h.snapshot(1, 3);
        }
        try (var restored = restored(set, snapshot)) {
            restored.processElement1(result("de-hold", null, null, "val_accuracy", 0.62), 4);
            // The third observation of de-hold (not the first), and de-open still in force: no new update.
            assertThat(ledger(restored)).singleElement().satisfies(l -> {
                assertThat(l.getObservations()).isEqualTo(3);
                assertThat(l.getPolicyVersion()).isEqualTo("base-1+learned:de-open,en-hold");
            });
            assertThat(updates(restored)).isEmpty();
        }
    }

    private static PolicyUpdate pushed(String version, String yaml, String author) {
        return PolicyUpdate.newBuilder().setPolicyVersion(version).setPolicyYaml(yaml).setPublishedAt(Instant.EPOCH)
                .setAuthor(author).setReason("by hand").build();
    }

    private static final String OPS_7 = """
            version: "ops-7"
            rules:
              - { code: held, when: { signal: text.word_count, op: ">=", value: 1 }, route: quarantine }
              - { code: ops_secret_rule, when: { signal: text.word_count, op: ">=", value: 100000 }, route: quarantine }
            """;

    @Test
    void anOperatorsPushBecomesTheBaseTheLearnedChoicesAreRebuiltOnAndItSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            assertThat(updates(h)).hasSize(1);

            // The operator's change stays, with the learned choices on top of it, at once.
            h.processElement2(pushed("ops-7", OPS_7, "alice"), 2);
            assertThat(updates(h)).hasSize(2);
            PolicyUpdate rebuilt = updates(h).get(1);
            assertThat(rebuilt.getPolicyVersion()).isEqualTo("ops-7+learned:de-hold,en-hold");
            assertThat(rebuilt.getAuthor()).isEqualTo(LearnerFunction.AUTHOR);
            assertThat(rebuilt.getPolicyYaml()).contains("ops_secret_rule");
            assertThat(rebuilt.getReason()).contains("built on operator policy ops-7 (pushed by alice)")
                    .contains("synthetic/de/* -> de-hold");
            assertThat(rebuilt.getInterventionId()).isNull();

            // Its own update read back changes nothing.
            h.processElement2(rebuilt, 3);
            assertThat(updates(h)).hasSize(2);

            // Results name the rebuilt version; the next choice is composed on the operator's policy.
            h.processElement1(result(null, "ops-7+learned:de-hold,en-hold", "synthetic/de/x", "val_accuracy", 0.61), 4);
            assertThat(ledger(h)).hasSize(2).last().satisfies(l -> {
                assertThat(l.getInterventionId()).isEqualTo("de-hold");
                assertThat(l.getObservations()).isEqualTo(2);
            });
            assertThat(updates(h)).hasSize(3);
            assertThat(updates(h).get(2).getPolicyVersion()).isEqualTo("ops-7+learned:de-open,en-hold");
            assertThat(updates(h).get(2).getPolicyYaml()).contains("ops_secret_rule").contains("disable");
            snapshot = h.snapshot(1, 5);
        }
        try (var restored = restored(set, snapshot)) {
            // Two results for en-hold: English explores en-open next, still on the operator's base.
            restored.processElement1(result("en-hold", null, null, "val_accuracy", 0.6), 6);
            restored.processElement1(result("en-hold", null, null, "val_accuracy", 0.6), 7);
            assertThat(updates(restored)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("ops-7+learned:de-open,en-open");
        }
    }

    @Test
    void aPushNoArmCanBeComposedOntoPausesTheLearnerUntilOneItCanBuildOn() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            // Without the rule the arms disable, no arm composes onto it: the operator's policy stays as pushed.
            h.processElement2(pushed("ops-8", "version: \"ops-8\"\nrules: []\n", "bob"), 2);
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.61), 3);
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.62), 4);
            assertThat(updates(h)).hasSize(1);
            assertThat(ledger(h)).hasSize(3).last().satisfies(l -> assertThat(l.getObservations()).isEqualTo(3));

            // The operator puts a composition of the arms in force (sluice policy compose, then push):
            // the learner carries on from those arms, and builds on the next plain policy at once.
            h.processElement2(pushed("base-1+learned:de-open,en-hold", OPS_7, "bob"), 5);
            assertThat(updates(h)).hasSize(1);
            h.processElement2(pushed("ops-7", OPS_7, "bob"), 6);
            assertThat(updates(h)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("base-1+learned:de-hold,en-hold", "ops-7+learned:de-open,en-hold");
        }
    }

    @Test
    void aRestartWithTheFilesBaseChangedBuildsOnTheFileAgain() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement1(result("de-hold", null, null, "val_accuracy", 0.6), 1);
            h.processElement2(pushed("ops-7", OPS_7, "alice"), 2);
            snapshot = h.snapshot(1, 3);
        }
        Files.writeString(dir.resolve("base.yaml"), Files.readString(dir.resolve("base.yaml")).replace("base-1", "base-2"));
        SliceInterventionSet edited = LearnerSettings.fromMap(Map.of("learner.enabled", "true",
                "learner.interventions", dir.resolve("slices.yaml").toString())).sliceInterventions();
        try (var restored = restored(edited, snapshot)) {
            restored.processElement1(result("de-hold", null, null, "val_accuracy", 0.61), 4);
            assertThat(updates(restored)).extracting(PolicyUpdate::getPolicyVersion)
                    .containsExactly("base-2+learned:de-open,en-hold");
        }
    }

    @Test
    void aResultUnderTheBaseAloneCreditsEachSlicesUnchangedArmAlsoAfterAnOperatorsPush() throws Exception {
        try (var h = harness()) {
            h.open();
            // What an evaluator that only knows the version it trained under reports before the first update.
            h.processElement1(result(null, "base-1", null, "val_accuracy", 0.6), 1);
            assertThat(ledger(h)).extracting(InterventionRecord::getInterventionId).containsExactly("de-hold", "en-hold");
            assertThat(updates(h)).extracting(PolicyUpdate::getPolicyVersion).containsExactly("base-1+learned:de-hold,en-hold");
        }
        try (var fresh = harness()) {
            fresh.open();
            // A learner with nothing chosen yet leaves an operator's push as it is; the first result
            // under it (about German only) starts the learning on that base.
            fresh.processElement2(pushed("ops-7", OPS_7, "alice"), 1);
            assertThat(updates(fresh)).isEmpty();
            fresh.processElement1(result(null, "ops-7", "synthetic/de/x", "val_accuracy", 0.6), 2);
            assertThat(ledger(fresh)).extracting(InterventionRecord::getInterventionId).containsExactly("de-hold");
            assertThat(updates(fresh)).extracting(PolicyUpdate::getPolicyVersion).containsExactly("ops-7+learned:de-hold,en-hold");
        }
    }
}
