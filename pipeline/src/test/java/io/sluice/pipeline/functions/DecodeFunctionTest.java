package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.TestSettings;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class DecodeFunctionTest {
    private static final OutputTag<KafkaOutput> DEAD = new OutputTag<>("dead", TypeInformation.of(KafkaOutput.class));
    private static final SluiceTopics TOPICS = SluiceTopics.defaults();

    private final ConfluentAvroSerializer<SyntheticRecord> synthetic = new ConfluentAvroSerializer<>(
            TestSettings.REGISTRY, SluiceTopics.valueSubject(TOPICS.syntheticIngest()), SyntheticRecord.class);
    private final ConfluentAvroSerializer<ScrapedRecord> scraped = new ConfluentAvroSerializer<>(
            TestSettings.REGISTRY, SluiceTopics.valueSubject(TOPICS.scrapedIngest()), ScrapedRecord.class);

    @Test
    void normalizesBothInputKindsIntoOneRecordWithProvenance() throws Exception {
        var harness = harness(TestSettings.withDefaults());
        SyntheticRecord syn = SyntheticRecord.newBuilder().setId("s1").setText("Line one\r\nline two")
                .setEventTime(Instant.ofEpochMilli(1000L)).setGeneratorModel("gen-a").setTaskType("qa").build();
        ScrapedRecord scr = ScrapedRecord.newBuilder().setId("c1").setText("Some page text").setEventTime(Instant.ofEpochMilli(2000L))
                .setUrl("https://News.Example.org/a?b=c").setLicense("CC-BY-4.0").build();
        harness.processElement(input(TOPICS.syntheticIngest(), 7, synthetic.serialize(syn)), 0);
        harness.processElement(input(TOPICS.scrapedIngest(), 8, scraped.serialize(scr)), 0);

        List<NormalizedRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        NormalizedRecord s = out.get(0);
        assertThat(s.getSourceKind()).isEqualTo(SourceKind.SYNTHETIC);
        assertThat(s.getText()).isEqualTo("Line one\nline two");
        assertThat(s.getDomain()).isEqualTo("qa");
        assertThat(s.getProvenance().getSource()).isEqualTo("gen-a");
        assertThat(s.getProvenance().getOffset()).isEqualTo(7L);
        assertThat(s.getProvenance().getWriterSchemaId()).isEqualTo(synthetic.schemaId());
        NormalizedRecord c = out.get(1);
        assertThat(c.getSourceKind()).isEqualTo(SourceKind.SCRAPED);
        assertThat(c.getDomain()).isEqualTo("news.example.org");
        assertThat(c.getProvenance().getLicense()).isEqualTo("CC-BY-4.0");
        assertThat(harness.getSideOutput(DEAD)).isNull();
    }

    @Test
    void deadLettersBadBytesWithOriginalValueAndErrorHeaders() throws Exception {
        var harness = harness(TestSettings.withDefaults());
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = scraped.serialize(ScrapedRecord.newBuilder().setId("x").setText("t").setEventTime(Instant.ofEpochMilli(1L))
                .setUrl("https://a.b/").build());
        ByteBuffer.wrap(unknownId).putInt(1, 424242);
        harness.processElement(input(TOPICS.scrapedIngest(), 11, garbage), 0);
        harness.processElement(input(TOPICS.scrapedIngest(), 12, unknownId), 0);
        harness.processElement(input(TOPICS.syntheticIngest(), 13, new byte[0]), 0);
        harness.processElement(input("some.other.topic", 14, unknownId), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<KafkaOutput> dead = harness.getSideOutput(DEAD).stream().map(r -> r.getValue()).toList();
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(d -> assertThat(d.topic).isEqualTo(TOPICS.deadletter()));
        assertThat(dead.get(0).value).isEqualTo(garbage);
        assertThat(dead.get(0).header(DeadLetters.STAGE)).isEqualTo("wire-format");
        assertThat(dead.get(0).header(DeadLetters.OFFSET)).isEqualTo("11");
        assertThat(dead.get(0).header(DeadLetters.TOPIC)).isEqualTo(TOPICS.scrapedIngest());
        assertThat(dead.get(1).header(DeadLetters.STAGE)).isEqualTo("schema-lookup");
        assertThat(dead.get(1).header(DeadLetters.MESSAGE)).contains("424242");
        assertThat(dead.get(2).header(DeadLetters.STAGE)).isEqualTo("wire-format");
        assertThat(dead.get(3).header(DeadLetters.STAGE)).isEqualTo("routing");
    }

    @Test
    void deadLettersOversizedValuesWithoutDecodingThem() throws Exception {
        var harness = harness(TestSettings.withMaxRecordBytes(64));
        SyntheticRecord big = SyntheticRecord.newBuilder().setId("big").setText("word ".repeat(100))
                .setEventTime(Instant.ofEpochMilli(1L)).setGeneratorModel("g").build();
        harness.processElement(input(TOPICS.syntheticIngest(), 1, synthetic.serialize(big)), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        KafkaOutput dead = harness.getSideOutput(DEAD).poll().getValue();
        assertThat(dead.header(DeadLetters.STAGE)).isEqualTo("size");
        assertThat(dead.header(DeadLetters.MESSAGE)).contains("curation.max.record.bytes");
        assertThat(dead.value).as("the original bytes, for a replay").isEqualTo(synthetic.serialize(big));
        assertThat(dead.header(DeadLetters.VALUE_DROPPED)).isNull();
    }

    @Test
    void aDeadLetterTheProducerCouldNotSendKeepsItsCoordinatesButNotItsValue() throws Exception {
        // An input topic that allows larger messages than the sink's max.request.size: copying the
        // value into the dead letter would fail the sink on every restart.
        var harness = harness(TestSettings.withLimits(64, 1024));
        SyntheticRecord big = SyntheticRecord.newBuilder().setId("huge").setText("word ".repeat(400))
                .setEventTime(Instant.ofEpochMilli(1L)).setGeneratorModel("g").build();
        byte[] value = synthetic.serialize(big);
        harness.processElement(input(TOPICS.syntheticIngest(), 7, value), 0);
        KafkaOutput dead = harness.getSideOutput(DEAD).poll().getValue();
        assertThat(dead.topic).isEqualTo(TOPICS.deadletter());
        assertThat(dead.value).isEmpty();
        assertThat(dead.header(DeadLetters.VALUE_DROPPED)).isEqualTo(Integer.toString(value.length));
        assertThat(dead.header(DeadLetters.OFFSET)).isEqualTo("7");
        assertThat(dead.header(DeadLetters.STAGE)).isEqualTo("size");
        assertThat(dead.sizeUpperBound()).isLessThanOrEqualTo(1024);
    }

    @Test
    void aRecordClaimingAHugeArrayIsDeadLetteredNotAllocated() throws Exception {
        var harness = harness(TestSettings.withDefaults());
        SyntheticRecord small = SyntheticRecord.newBuilder().setId("a").setText("b").setEventTime(Instant.ofEpochMilli(0L))
                .setGeneratorModel("g").build();
        byte[] valid = synthetic.serialize(small);
        // The record up to parent_ids: its encoding ends "...  0 (empty array)" and one 0 byte per later
        // field (lineage 0, then nulls). Replace the empty array's 0 with a block count of 2,000,000,000
        // items and stop there.
        var schema = SyntheticRecord.getClassSchema();
        int arrayAt = valid.length - (schema.getFields().size() - schema.getField("parent_ids").pos());
        assertThat(valid[arrayAt]).isZero();
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(valid, 0, arrayAt);
        long zigzag = 2_000_000_000L << 1;
        while ((zigzag & ~0x7FL) != 0) {
            forged.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        forged.write((int) zigzag);
        byte[] value = forged.toByteArray();
        harness.processElement(input(TOPICS.syntheticIngest(), 3, value), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        KafkaOutput dead = harness.getSideOutput(DEAD).poll().getValue();
        assertThat(dead.header(DeadLetters.STAGE)).isEqualTo("avro-decode");
        assertThat(dead.value).isEqualTo(value);
    }

    private static OneInputStreamOperatorTestHarness<KafkaInput, NormalizedRecord> harness(CurationSettings settings)
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(settings, DEAD));
    }

    private static KafkaInput input(String topic, long offset, byte[] value) {
        return new KafkaInput(topic, 0, offset, 5000L, ("k" + offset).getBytes(StandardCharsets.UTF_8), value);
    }

    /** What a chained operator throws arrives wrapped; the dead letter's message names the cause. */
    @org.junit.jupiter.api.Test
    void aDeadLetterMessageCarriesEveryCause() {
        Exception wrapped = new RuntimeException("Could not forward element to next operator",
                new IllegalStateException("null in string in field dup_of", new NullPointerException("datum is null")));
        org.assertj.core.api.Assertions.assertThat(DecodeFunction.withCauses(wrapped)).isEqualTo(
                "java.lang.RuntimeException: Could not forward element to next operator"
                        + " <- java.lang.IllegalStateException: null in string in field dup_of"
                        + " <- java.lang.NullPointerException: datum is null");
    }
}
