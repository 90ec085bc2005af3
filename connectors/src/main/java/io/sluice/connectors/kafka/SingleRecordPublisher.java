package io.sluice.connectors.kafka;

import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes one Avro record in the Confluent wire format and waits for the broker's ack: what the
 * operator commands do (a policy push, an evaluation result), where a lost or silently delayed
 * message would mislead the person who sent it.
 */
public final class SingleRecordPublisher {
    private SingleRecordPublisher() {}

    /** Where the record landed. */
    public record Published(String topic, int partition, long offset) {}

    /**
     * Serializes {@code value} (registering its schema under the topic's value subject when new),
     * sends it with {@code key} and waits up to {@code timeout} for an {@code acks=all} acknowledgement.
     */
    public static <T extends SpecificRecord> Published publish(KafkaSettings kafka, SchemaRegistryClient registry,
            String topic, String key, T value, Class<T> type, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topic), type).serialize(value);
        Properties props = kafka.baseProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        // The client refuses a delivery timeout under linger.ms + request.timeout.ms.
        long deliveryMs = Math.max(timeout.toMillis(), 1000);
        props.put("linger.ms", "0");
        props.put("request.timeout.ms", Long.toString(deliveryMs / 2));
        props.put("delivery.timeout.ms", Long.toString(deliveryMs));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic,
                            key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Published(meta.topic(), meta.partition(), meta.offset());
        }
    }
}
