package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Provenance;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Route;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.TestSettings;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoreAndDecideFunctionTest {
    private static final OutputTag<CuratedRecord> QUARANTINED =
            new OutputTag<>("q", TypeInformation.of(CuratedRecord.class));
    private static final OutputTag<ResynthesisRequest> RESYNTHESIS =
            new OutputTag<>("r", TypeInformation.of(ResynthesisRequest.class));
    private static final String PARAGRAPH = "The committee met on Tuesday to discuss the proposal for a new directive "
            + "on the protection of workers. Several members argued that the text should be strengthened, while others "
            + "warned that the costs for small businesses would be too high. After a long debate the committee agreed "
            + "to ask the Commission for an impact assessment before the vote in plenary next month.";

    private OneInputStreamOperatorTestHarness<NormalizedRecord, CuratedRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new ScoreAndDecideFunction(TestSettings.withDefaults(), QUARANTINED, RESYNTHESIS));
    }

    @Test
    void acceptsAWellFormedParagraphWithSignalsAndVersions() throws Exception {
        harness.processElement(scraped("a", PARAGRAPH), 0);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(c -> {
            assertThat(c.getDecision().getRoute()).isEqualTo(Route.ACCEPTED);
            assertThat(c.getDecision().getPolicyVersion()).isNotBlank();
            assertThat(c.getDecision().getPipelineVersion()).isEqualTo("sluice-test");
            assertThat(c.getSignals().get("text.word_count")).isGreaterThan(50.0);
            assertThat(c.getSlice()).isEqualTo("scraped/en/example.org"); // no declared language: identified
        });
        assertThat(harness.getSideOutput(QUARANTINED)).isNull();
        assertThat(harness.getSideOutput(RESYNTHESIS)).isNull();
    }

    @Test
    void quarantinesEmptyTextWithReasonCode() throws Exception {
        harness.processElement(scraped("e", " \n\t "), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        CuratedRecord q = harness.getSideOutput(QUARANTINED).poll().getValue();
        assertThat(q.getId()).isEqualTo("e");
        assertThat(q.getDecision().getRoute()).isEqualTo(Route.QUARANTINED);
        assertThat(q.getDecision().getReasons()).extracting(ReasonCode::getCode).contains("empty_text");
    }

    @Test
    void turnsATooShortSyntheticRecordIntoARepairRequest() throws Exception {
        harness.processElement(synthetic("s", "Far too short."), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        ResynthesisRequest r = harness.getSideOutput(RESYNTHESIS).poll().getValue();
        assertThat(r.getKind()).isEqualTo(ResynthesisKind.REPAIR);
        assertThat(r.getRequestId()).isEqualTo("repair-s");
        assertThat(r.getInstruction()).isNotBlank();
        assertThat(r.getFailingSignals()).containsKey("text.word_count");
        assertThat(r.getRecord().getDecision().getReasons()).extracting(ReasonCode::getCode).contains("too_short");
    }

    /** The generator's finish reason travels in the original record: cut at the token limit, it is sent back. */
    @Test
    void aSyntheticRecordCutAtItsTokenLimitIsSentBackThoughItEndsOnAPeriod() throws Exception {
        SyntheticRecord cut = SyntheticRecord.newBuilder().setId("cut").setText(PARAGRAPH)
                .setEventTime(Instant.ofEpochMilli(1000L)).setGeneratorModel("g").setFinishReason("length").build();
        harness.processElement(record("cut", PARAGRAPH, SourceKind.SYNTHETIC, null, null, cut), 0);
        harness.processElement(synthetic("whole", PARAGRAPH), 0);
        assertThat(harness.extractOutputValues()).extracting(CuratedRecord::getId).containsExactly("whole");
        ResynthesisRequest r = harness.getSideOutput(RESYNTHESIS).poll().getValue();
        assertThat(r.getRecord().getId()).isEqualTo("cut");
        assertThat(r.getFailingSignals()).containsEntry("synthetic.truncated", 1.0);
    }

    private static NormalizedRecord scraped(String id, String text) {
        ScrapedRecord original = ScrapedRecord.newBuilder().setId(id).setText(text).setEventTime(Instant.ofEpochMilli(1000L))
                .setUrl("https://www.example.org/x").build();
        return record(id, text, SourceKind.SCRAPED, "example.org", "https://www.example.org/x", original);
    }

    private static NormalizedRecord synthetic(String id, String text) {
        SyntheticRecord original = SyntheticRecord.newBuilder().setId(id).setText(text).setEventTime(Instant.ofEpochMilli(1000L))
                .setGeneratorModel("g").build();
        return record(id, text, SourceKind.SYNTHETIC, null, null, original);
    }

    private static NormalizedRecord record(String id, String text, SourceKind kind, String domain, String url,
            Object original) {
        return NormalizedRecord.newBuilder().setId(id).setText(text).setSourceKind(kind)
                .setEventTime(Instant.now()).setLanguage(null).setDomain(domain).setUrl(url)
                .setOriginal(original)
                .setProvenance(Provenance.newBuilder().setTopic("t").setPartition(0).setOffset(1).setWriterSchemaId(1)
                        .setIngestTime(Instant.ofEpochMilli(1000L)).build())
                .build();
    }
}
