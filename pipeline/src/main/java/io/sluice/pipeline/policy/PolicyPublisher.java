package io.sluice.pipeline.policy;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.drift.TargetMix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a policy to the policy topic, where running jobs pick it up (see
 * {@code LivePolicyScoreAndDecideFunction}). The document is validated first, with the same loader
 * the job uses, so a policy that would be rejected never reaches the topic. Every update has the
 * same key, so the compacted topic keeps the latest one for jobs that start later.
 */
public final class PolicyPublisher {
    /** The key of every policy update: one policy is in force at a time. */
    public static final String KEY = "policy";

    private PolicyPublisher() {}

    /** What was published and where. */
    public record Published(String version, String topic, int partition, long offset) {}

    /**
     * Validates {@code yaml} and returns the update that would be published.
     *
     * @throws InvalidPolicyException listing every problem of the policy or its target mix
     */
    public static PolicyUpdate validated(String yaml, String origin, String author, String reason, Instant now) {
        Policy policy = new PolicyLoader().parse(yaml, origin);
        TargetMix.fromPolicyYaml(yaml, origin);
        return PolicyUpdate.newBuilder()
                .setPolicyVersion(policy.version())
                .setPolicyYaml(yaml)
                .setPublishedAt(now)
                .setAuthor(author)
                .setReason(reason)
                .setInterventionId(null)
                .build();
    }

    /** Publishes {@code update} (registering its schema under the topic's value subject) and waits for the broker's ack. */
    public static Published publish(KafkaSettings kafka, SchemaRegistryClient registry, String topic, PolicyUpdate update,
            Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        byte[] value = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topic), PolicyUpdate.class)
                .serialize(update);
        Properties props = kafka.baseProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        // The client refuses a delivery timeout under linger.ms + request.timeout.ms.
        long deliveryMs = Math.max(timeout.toMillis(), 1000);
        props.put("linger.ms", "0");
        props.put("request.timeout.ms", Long.toString(deliveryMs / 2));
        props.put("delivery.timeout.ms", Long.toString(deliveryMs));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic, KEY.getBytes(StandardCharsets.UTF_8), value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Published(update.getPolicyVersion(), meta.topic(), meta.partition(), meta.offset());
        }
    }
}
