package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Route;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.TestSettings;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The encoder's guard against outputs the producer would refuse (and with them the sink, on every restart). */
class EncodeFunctionTest {
    private static final SluiceTopics TOPICS = SluiceTopics.defaults();

    /** The function in Flink's operator harness, so that it has its runtime context and metrics. */
    private static final class Encoder {
        final OneInputStreamOperatorTestHarness<CuratedRecord, KafkaOutput> harness;

        Encoder(CurationSettings settings) throws Exception {
            harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new EncodeFunction<>(settings,
                    TOPICS.accepted(), CuratedRecord.class, CuratedRecord::getId, Map.of(), record -> record)));
            harness.open();
        }

        KafkaOutput map(CuratedRecord record) throws Exception {
            harness.processElement(record, 0L);
            List<KafkaOutput> out = harness.extractOutputValues();
            harness.getOutput().clear();
            return out.get(out.size() - 1);
        }
    }

    private static Encoder encoder(CurationSettings settings) throws Exception {
        return new Encoder(settings);
    }

    private static CuratedRecord curated(String id, String text) {
        CuratedRecord record = DriftTestRecords.curated(id, 1_000L, "en", Route.ACCEPTED, text.length());
        record.setText(text);
        record.getProvenance().setTopic(TOPICS.scrapedIngest());
        record.getProvenance().setPartition(3);
        record.getProvenance().setOffset(42L);
        return record;
    }

    @Test
    void anOutputWithinTheLimitIsWrittenToItsTopic() throws Exception {
        KafkaOutput out = encoder(TestSettings.withLimits(1 << 20, 16 * 1024)).map(curated("fits", "word ".repeat(1000)));
        assertThat(out.topic).isEqualTo(TOPICS.accepted());
        assertThat(out.value.length).isGreaterThan(5000);
        assertThat(out.sizeUpperBound()).isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void anOutputOverTheLimitBecomesADeadLetterNamingItsInputRecord() throws Exception {
        KafkaOutput out = encoder(TestSettings.withLimits(1 << 20, 16 * 1024)).map(curated("big", "word ".repeat(4000)));
        assertThat(out.topic).isEqualTo(TOPICS.deadletter());
        assertThat(new String(out.key)).isEqualTo("big");
        assertThat(out.value).isEmpty();
        assertThat(out.header(DeadLetters.STAGE)).isEqualTo("output-size");
        assertThat(out.header(DeadLetters.TOPIC)).isEqualTo(TOPICS.scrapedIngest());
        assertThat(out.header(DeadLetters.PARTITION)).isEqualTo("3");
        assertThat(out.header(DeadLetters.OFFSET)).isEqualTo("42");
        assertThat(out.header(DeadLetters.MESSAGE)).contains("max.request.size of 16384", TOPICS.accepted());
        assertThat(out.sizeUpperBound()).isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void aDeadLetterStillTooLargeForItsKeyLosesTheKeyToo() throws Exception {
        String hugeId = "i".repeat(20_000);
        KafkaOutput out = encoder(TestSettings.withLimits(1 << 20, 16 * 1024)).map(curated(hugeId, "word"));
        assertThat(out.topic).isEqualTo(TOPICS.deadletter());
        assertThat(out.key).isNull();
        assertThat(out.header(DeadLetters.KEY_DROPPED)).isEqualTo("20000");
        assertThat(out.header(DeadLetters.OFFSET)).isEqualTo("42");
        assertThat(out.sizeUpperBound()).isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void theLimitIsKafkasOwnEstimateOfTheRecordNotJustItsValue() throws Exception {
        // Find the text length at which the encoded value alone still fits but value, key, headers
        // and Kafka's batch overhead do not: the guard must go by the producer's own arithmetic.
        int limit = 16 * 1024;
        Encoder unlimited = encoder(TestSettings.withLimits(1 << 20, 1 << 20));
        int words = 1;
        while (unlimited.map(curated("edge", "w ".repeat(words + 1))).value.length < limit - 40) {
            words++;
        }
        CuratedRecord edge = curated("edge", "w ".repeat(words));
        KafkaOutput encoded = unlimited.map(edge);
        assertThat(encoded.value.length).isLessThan(limit);
        assertThat(encoded.sizeUpperBound()).isGreaterThan(limit);
        assertThat(encoder(TestSettings.withLimits(1 << 20, limit)).map(edge).topic).isEqualTo(TOPICS.deadletter());
    }
}
