package io.sluice.pipeline.policy;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.pipeline.drift.TargetMix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the policy in force from the compacted policy topic: the last valid update published.
 *
 * <p>Why at submit: a job starting without a checkpoint replays the policy topic on its broadcast
 * input, but its first records can be decided before that replay reaches the scoring subtasks.
 * Starting from the topic's latest policy instead of {@code policy.file} means those records are
 * decided by the policy operators last pushed, as the documentation of {@code policy.file} ("in
 * force until one is pushed") promises.
 */
public final class PolicyTopic {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyTopic.class);

    private PolicyTopic() {}

    /**
     * Why {@code update} cannot be put in force, or null when it can: the checks the job applies to
     * every update it reads (the policy validates, its version is the envelope's) plus its target mix.
     */
    public static String problem(PolicyUpdate update) {
        Policy policy;
        try {
            policy = new PolicyLoader().parse(update.getPolicyYaml(), "policy update " + update.getPolicyVersion());
            TargetMix.fromPolicyYaml(update.getPolicyYaml(), "policy update " + update.getPolicyVersion());
        } catch (RuntimeException e) {
            return "its policy is invalid: " + e.getMessage();
        }
        if (!policy.version().equals(update.getPolicyVersion())) {
            // Decisions name the YAML's version; an envelope that says otherwise would mislead the audit.
            return "it announces version " + update.getPolicyVersion() + " but its policy is version " + policy.version();
        }
        return null;
    }

    /**
     * The policy in force and where the job's policy input should start reading so that it replays
     * nothing older: the in-force update's own offset on its partition, the end on the others.
     */
    public record InForce(PolicyUpdate update, Map<Integer, Long> startOffsets) {
        public InForce {
            startOffsets = Map.copyOf(startOffsets);
        }
    }

    /**
     * The last update on {@code topic} that passes {@link #problem}, reading up to the end offsets of
     * the moment; empty when the topic is missing or holds none. Undecodable and invalid updates are
     * logged and skipped, as the job skips them.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    public static Optional<InForce> latest(KafkaSettings kafka, SchemaRegistryClient registry, String topic,
            Duration timeout) {
        Properties props = kafka.baseProperties();
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        // Looking must not create it: the policy topic is compacted, which an auto-created one is not.
        props.put("allow.auto.create.topics", "false");
        props.put("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            ConfluentAvroDecoder<PolicyUpdate> decoder = new ConfluentAvroDecoder<>(registry, PolicyUpdate.class);
            // With one key, every update is on one partition, in publication order; the last valid one wins.
            PolicyUpdate latest = null;
            long latestOffset = -1;
            int latestPartition = -1;
            while (!caughtUp(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read policy topic " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue; // a tombstone
                    }
                    PolicyUpdate update;
                    try {
                        update = decoder.decode(r.value());
                    } catch (RuntimeException e) {
                        LOG.warn("Skipping policy update at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                        continue;
                    }
                    String problem = problem(update);
                    if (problem != null) {
                        LOG.warn("Skipping policy update {} at {}-{}@{}: {}", update.getPolicyVersion(), r.topic(),
                                r.partition(), r.offset(), problem);
                    } else if (latest == null || r.offset() > latestOffset) {
                        latest = update;
                        latestOffset = r.offset();
                        latestPartition = r.partition();
                    }
                }
            }
            if (latest == null) {
                return Optional.empty();
            }
            Map<Integer, Long> start = new java.util.HashMap<>();
            ends.forEach((tp, end) -> start.put(tp.partition(), end));
            start.put(latestPartition, latestOffset);
            return Optional.of(new InForce(latest, start));
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
