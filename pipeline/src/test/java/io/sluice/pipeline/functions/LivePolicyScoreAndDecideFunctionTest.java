package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.Provenance;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Route;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.TestSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class LivePolicyScoreAndDecideFunctionTest {
    private static final OutputTag<CuratedRecord> QUARANTINED =
            new OutputTag<>("q", TypeInformation.of(CuratedRecord.class));
    private static final OutputTag<ResynthesisRequest> RESYNTHESIS =
            new OutputTag<>("r", TypeInformation.of(ResynthesisRequest.class));
    static final String PARAGRAPH = "The committee met on Tuesday to discuss the proposal for a new directive "
            + "on the protection of workers. Several members argued that the text should be strengthened, while others "
            + "warned that the costs for small businesses would be too high. After a long debate the committee agreed "
            + "to ask the Commission for an impact assessment before the vote in plenary next month.";
    /** Holds every record with at least one word: the opposite of what the default policy does with PARAGRAPH. */
    static final String HOLD_ALL = """
            version: "hold-all-1"
            description: hold everything for review
            rules:
              - code: held_for_review
                when: { signal: text.word_count, op: ">=", value: 1 }
                route: quarantine
                detail: "every record is held while the crawler is audited"
            """;

    @Test
    void decidesWithTheStartingPolicyUntilAnUpdateArrivesAndWithTheUpdateAfterIt() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(scraped("before"), 1);
            harness.processBroadcastElement(update(HOLD_ALL, "hold-all-1"), 2);
            harness.processElement(scraped("after"), 3);

            CuratedRecord before = harness.extractOutputValues().get(0);
            assertThat(before.getId()).isEqualTo("before");
            assertThat(before.getDecision().getRoute()).isEqualTo(Route.ACCEPTED);
            assertThat(before.getDecision().getPolicyVersion()).startsWith("2026.11-default");

            assertThat(harness.extractOutputValues()).hasSize(1);
            CuratedRecord after = harness.getSideOutput(QUARANTINED).poll().getValue();
            assertThat(after.getId()).isEqualTo("after");
            assertThat(after.getDecision().getPolicyVersion()).isEqualTo("hold-all-1");
            assertThat(after.getDecision().getReasons()).extracting(ReasonCode::getCode).containsExactly("held_for_review");
        }
    }

    @Test
    void anUpdateThatDoesNotLoadLeavesThePolicyInForce() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processBroadcastElement(update(HOLD_ALL, "hold-all-1"), 1);
            harness.processBroadcastElement(update("version: broken\nrules: [ {code: x} ]\n", "broken"), 2);
            harness.processElement(scraped("r"), 3);

            CuratedRecord r = harness.getSideOutput(QUARANTINED).poll().getValue();
            assertThat(r.getDecision().getPolicyVersion()).isEqualTo("hold-all-1");
        }
    }

    @Test
    void aRestoredInstanceDecidesWithThePolicyInItsCheckpoint() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness()) {
            harness.open();
            harness.processBroadcastElement(update(HOLD_ALL, "hold-all-1"), 1);
            checkpoint = harness.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(scraped("r"), 2);
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.getSideOutput(QUARANTINED).poll().getValue().getDecision().getPolicyVersion())
                    .isEqualTo("hold-all-1");
        }
    }

    private static BroadcastOperatorTestHarness<NormalizedRecord, PolicyUpdate, CuratedRecord> harness() throws Exception {
        var function = new LivePolicyScoreAndDecideFunction(TestSettings.withDefaults(), QUARANTINED, RESYNTHESIS);
        return new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(function,
                new ArrayList<>(List.of(LivePolicyScoreAndDecideFunction.POLICY_STATE))), 1, 1, 0);
    }

    static PolicyUpdate update(String yaml, String version) {
        return PolicyUpdate.newBuilder().setPolicyVersion(version).setPolicyYaml(yaml)
                .setPublishedAt(Instant.ofEpochMilli(1000)).setAuthor("test").setReason("test").build();
    }

    private static NormalizedRecord scraped(String id) {
        ScrapedRecord original = ScrapedRecord.newBuilder().setId(id).setText(PARAGRAPH)
                .setEventTime(Instant.ofEpochMilli(1000L)).setUrl("https://www.example.org/x").build();
        return NormalizedRecord.newBuilder().setId(id).setText(PARAGRAPH).setSourceKind(SourceKind.SCRAPED)
                .setEventTime(Instant.now()).setLanguage(null).setDomain("example.org").setUrl("https://www.example.org/x")
                .setOriginal(original)
                .setProvenance(Provenance.newBuilder().setTopic("t").setPartition(0).setOffset(1).setWriterSchemaId(1)
                        .setIngestTime(Instant.ofEpochMilli(1000L)).build())
                .build();
    }
}
