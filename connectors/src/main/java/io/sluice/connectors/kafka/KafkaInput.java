package io.sluice.connectors.kafka;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record exactly as it was read: coordinates, timestamp and the untouched key and value
 * bytes. Sources emit this type and never decode, so bad bytes can never fail the source; decoding
 * happens in the pipeline, where a failure becomes a dead letter carrying these same bytes.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it is serialized without Kryo.
 */
public class KafkaInput {
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp (epoch ms). */
    public long timestamp;
    /** May be null. */
    public byte[] key;
    /** May be null (a tombstone), which the decoder treats as bad input. */
    public byte[] value;

    public KafkaInput() {}

    public KafkaInput(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    /** "topic/partition@offset", the coordinates every error message names. */
    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaInput other)) {
            return false;
        }
        return partition == other.partition && offset == other.offset && timestamp == other.timestamp
                && Objects.equals(topic, other.topic) && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return "KafkaInput{" + coordinates() + ", " + (value == null ? "null" : value.length + " bytes") + "}";
    }
}
