package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterReplayTest {

    private static final String SYNTHETIC = "sluice.ingest.synthetic";
    private static final String SCRAPED = "sluice.ingest.scraped";
    private final DeadLetterReplay sizeOnly = new DeadLetterReplay(Set.of("size"), Set.of(SYNTHETIC, SCRAPED));
    private final DeadLetterReplay everyStage = new DeadLetterReplay(Set.of(), Set.of(SYNTHETIC, SCRAPED));

    /** A dead letter as the job writes it (DeadLetters.of), read back from the dead-letter topic at partition 1, offset 42. */
    private static ConsumerRecord<byte[], byte[]> deadLetter(String topic, String stage, byte[] value) {
        KafkaOutput out = DeadLetters.of("sluice.deadletter", "k-1".getBytes(StandardCharsets.UTF_8), value,
                1_700_000_000_123L, topic, 3, 977, stage, "java.lang.IllegalArgumentException", "too large");
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < out.headerKeys.length; i++) {
            headers.add(out.headerKeys[i], out.headerValues[i]);
        }
        return new ConsumerRecord<>("sluice.deadletter", 1, 42, out.timestamp, TimestampType.CREATE_TIME,
                out.key.length, value.length, out.key, value, headers, Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeadLetterOfASelectedStageGoesBackToItsInputPartitionWithItsBytesAndTimestamp() {
        ConsumerRecord<byte[], byte[]> dead = deadLetter(SCRAPED, "size", bytes("original value"));
        assertThat(sizeOnly.verdict(dead)).isEqualTo(DeadLetterReplay.Verdict.REPLAYED);

        ProducerRecord<byte[], byte[]> replay = DeadLetterReplay.replayOf(dead);
        assertThat(replay.topic()).isEqualTo(SCRAPED);
        assertThat(replay.partition()).isEqualTo(3);
        assertThat(replay.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(replay.key()).isEqualTo(bytes("k-1"));
        assertThat(replay.value()).isEqualTo(bytes("original value"));
        assertThat(new String(replay.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM).value(), StandardCharsets.UTF_8))
                .isEqualTo("sluice.deadletter/1@42");
        // The error headers stay behind: the replayed record is an input like any other.
        assertThat(replay.headers().lastHeader(DeadLetters.STAGE)).isNull();
    }

    @Test
    void otherStagesOtherTopicsAndDroppedValuesAreNotReplayed() {
        assertThat(sizeOnly.verdict(deadLetter(SCRAPED, "avro-decode", bytes("garbage"))))
                .isEqualTo(DeadLetterReplay.Verdict.OTHER_STAGE);
        assertThat(everyStage.verdict(deadLetter(SCRAPED, "avro-decode", bytes("garbage"))))
                .isEqualTo(DeadLetterReplay.Verdict.REPLAYED);
        // Only the job's inputs are written to, whatever a header says.
        assertThat(everyStage.verdict(deadLetter("sluice.policy", "size", bytes("v"))))
                .isEqualTo(DeadLetterReplay.Verdict.NOT_AN_INPUT_TOPIC);
        // A value too large to copy was dropped from the dead letter: nothing to send back.
        ConsumerRecord<byte[], byte[]> dropped = deadLetter(SYNTHETIC, "size", new byte[0]);
        dropped.headers().add(DeadLetters.VALUE_DROPPED, bytes("2000000"));
        assertThat(everyStage.verdict(dropped)).isEqualTo(DeadLetterReplay.Verdict.VALUE_NOT_KEPT);
        assertThat(everyStage.verdict(deadLetter(SYNTHETIC, "output-size", new byte[0])))
                .isEqualTo(DeadLetterReplay.Verdict.VALUE_NOT_KEPT);
        ConsumerRecord<byte[], byte[]> plain = new ConsumerRecord<>("sluice.deadletter", 0, 0, bytes("k"), bytes("v"));
        assertThat(everyStage.verdict(plain)).isEqualTo(DeadLetterReplay.Verdict.NOT_A_DEAD_LETTER);
    }

    @Test
    void eachSelectionOfStagesKeepsItsOwnProgress() {
        assertThat(DeadLetterReplay.defaultGroup(Set.of())).isEqualTo("sluice-deadletter-replay");
        assertThat(DeadLetterReplay.defaultGroup(Set.of("size"))).isEqualTo("sluice-deadletter-replay.size");
        assertThat(DeadLetterReplay.defaultGroup(Set.of("size", "normalize")))
                .isEqualTo(DeadLetterReplay.defaultGroup(Set.of("normalize", "size")))
                .isEqualTo("sluice-deadletter-replay.normalize+size");
    }
}
