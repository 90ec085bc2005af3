package io.sluice.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Decision;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.Provenance;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.kafka.DeadLetters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputLineTest {
    /** What must never reach a terminal: the text carries the e-mail address that got it quarantined. */
    static final String TEXT = "Write to jane.doe@example.org for the invoice.";

    @Test
    void aQuarantinedRecordShowsItsReasonsDetailsAndCopyButNotItsText() {
        String line = OutputLine.curated(curated("r-1", Route.QUARANTINED, "dup-0",
                reason("near_duplicate", "shares 9 of 14 bands\nwith dup-0"), reason("pii_email", null)));
        assertThat(line).startsWith("QUARANTINED  2026-11-27T00:00:00Z  id=r-1  slice=synthetic/en/qa  policy=p-7")
                .contains("dup_of=dup-0")
                .endsWith("reasons: near_duplicate (shares 9 of 14 bands with dup-0); pii_email")
                .doesNotContain("jane.doe").doesNotContain("\n");
    }

    @Test
    void repairAndFillGapRequestsSayWhatTheGeneratorIsAskedFor() {
        ResynthesisRequest repair = request(ResynthesisKind.REPAIR, curated("s-1", Route.RESYNTHESIS, null,
                reason("too_short", "text.word_count 4 < 50")), null);
        assertThat(OutputLine.resynthesis(repair))
                .startsWith("RESYNTHESIS REPAIR  2026-11-27T00:00:00Z  id=s-1  slice=synthetic/en/qa  priority=1  policy=p-7")
                .contains("reasons: too_short (text.word_count 4 < 50)")
                .endsWith("instruction: Write at least 50 words.")
                .doesNotContain("jane.doe");
        ResynthesisRequest fill = request(ResynthesisKind.FILL_GAP, null, 120);
        assertThat(OutputLine.resynthesis(fill))
                .isEqualTo("RESYNTHESIS FILL_GAP  2026-11-27T00:00:00Z  request=fill-gap-synthetic/de/*-0  "
                        + "slice=synthetic/en/qa  priority=1  wanted=120  policy=p-7  instruction: Write at least 50 words.");
    }

    @Test
    void aDeadLetterSaysWhereItCameFromAndWhatStoppedIt() {
        String line = OutputLine.deadLetter("bad-1", Map.of(DeadLetters.TOPIC, "sluice.ingest.scraped",
                DeadLetters.PARTITION, "1", DeadLetters.OFFSET, "42", DeadLetters.STAGE, "avro-decode",
                DeadLetters.EXCEPTION_CLASS, "org.apache.avro.AvroRuntimeException", DeadLetters.MESSAGE, "truncated\r\ninput"));
        assertThat(line).isEqualTo("DEADLETTER  key=bad-1  from=sluice.ingest.scraped/1@42  stage=avro-decode  "
                + "error=org.apache.avro.AvroRuntimeException: truncated  input");
    }

    static ReasonCode reason(String code, String detail) {
        return ReasonCode.newBuilder().setCode(code).setDetail(detail).build();
    }

    @Test
    void ledgerAndPolicyLinesSayWhatWasCreditedAndWhatWasPutInForceButNotThePolicyText() {
        InterventionRecord entry = InterventionRecord.newBuilder().setInterventionId("de-strict").setSlice("synthetic/de/*")
                .setKind("threshold_change").setDescription("FineWeb 0.2\nfor German").setPolicyVersion("base-1+learned:de-strict")
                .setMeasuredEffect(0.712345).setObservations(4).setRecordedAt(Instant.parse("2026-11-27T00:00:00Z")).build();
        assertThat(OutputLine.ledger(entry)).isEqualTo("LEDGER  2026-11-27T00:00:00Z  intervention=de-strict"
                + "  slice=synthetic/de/*  kind=threshold_change  effect=0.7123  n=4  policy=base-1+learned:de-strict"
                + "  (FineWeb 0.2 for German)");
        PolicyUpdate update = PolicyUpdate.newBuilder().setPolicyVersion("base-1+learned:de-strict").setPolicyYaml("rules: []\n")
                .setPublishedAt(Instant.parse("2026-11-27T00:00:01Z")).setAuthor("sluice-learner")
                .setReason("synthetic/de/* -> de-strict (Thompson sampling)").setInterventionId("de-strict").build();
        assertThat(OutputLine.policyUpdate(update)).isEqualTo("POLICY  2026-11-27T00:00:01Z  version=base-1+learned:de-strict"
                + "  author=sluice-learner  interventions=de-strict  reason: synthetic/de/* -> de-strict (Thompson sampling)");
        PolicyUpdate push = PolicyUpdate.newBuilder(update).setAuthor("ops").setInterventionId(null).setReason(null).build();
        assertThat(OutputLine.policyUpdate(push)).isEqualTo("POLICY  2026-11-27T00:00:01Z  version=base-1+learned:de-strict  author=ops");
    }

    static CuratedRecord curated(String id, Route route, String dupOf, ReasonCode... reasons) {
        Instant at = Instant.parse("2026-11-27T00:00:00Z");
        SyntheticRecord original = SyntheticRecord.newBuilder().setId(id).setText(TEXT).setEventTime(at)
                .setGeneratorModel("m").setGeneratorVersion("1").setPromptId("p").setParentIds(List.of())
                .setLineageDepth(0).setTaskType("qa").build();
        return CuratedRecord.newBuilder().setId(id).setText(TEXT).setSourceKind(SourceKind.SYNTHETIC).setEventTime(at)
                .setOriginal(original)
                .setProvenance(Provenance.newBuilder().setTopic("sluice.ingest.synthetic").setPartition(0).setOffset(1)
                        .setWriterSchemaId(1).setIngestTime(at).build())
                .setSignals(Map.of("text.word_count", 4.0)).setSignalsVersion("4").setSlice("synthetic/en/qa")
                .setDupOf(dupOf)
                .setDecision(Decision.newBuilder().setRoute(route).setReasons(List.of(reasons)).setPolicyVersion("p-7")
                        .setPipelineVersion("sluice-test").setDecidedAt(at).build())
                .build();
    }

    static ResynthesisRequest request(ResynthesisKind kind, CuratedRecord record, Integer wanted) {
        return ResynthesisRequest.newBuilder().setRequestId(kind == ResynthesisKind.REPAIR ? "repair-s-1" : "fill-gap-synthetic/de/*-0")
                .setKind(kind).setSlice("synthetic/en/qa").setPriority(1).setInstruction("Write at least 50 words.")
                .setRecord(record).setFailingSignals(Map.of()).setWantedCount(wanted).setExemplarIds(List.of())
                .setPolicyVersion("p-7").setPipelineVersion("sluice-test").setCreatedAt(Instant.parse("2026-11-27T00:00:00Z"))
                .build();
    }
}
