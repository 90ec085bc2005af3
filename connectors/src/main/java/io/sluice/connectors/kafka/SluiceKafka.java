package io.sluice.connectors.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds Sluice's Kafka sources and sinks from typed settings, with the settings that the
 * guarantees depend on fixed here rather than left to each caller.
 */
public final class SluiceKafka {
    /** The Kafka source's setting for how often it looks for partitions added to its topics. */
    static final String DISCOVERY_INTERVAL = "partition.discovery.interval.ms";

    private SluiceKafka() {}

    /**
     * A source of raw records from {@code topics}. Reads {@code read_committed}, so records of
     * aborted producer transactions never enter curation; starts from the group's committed
     * offsets (committed on checkpoints), or from the earliest offset for a new group so nothing
     * published before the first start is skipped.
     */
    public static KafkaSource<KafkaInput> rawSource(KafkaSettings kafka, List<String> topics, String groupId) {
        return rawSource(kafka, topics, groupId, false);
    }

    /**
     * As {@link #rawSource(KafkaSettings, List, String)}; with {@code bounded} the source stops at
     * the offsets that were the latest when the job started (backfills, benchmarks), so the job
     * finishes once it has drained them.
     */
    public static KafkaSource<KafkaInput> rawSource(KafkaSettings kafka, List<String> topics, String groupId,
            boolean bounded) {
        return rawSource(kafka, topics, groupId, bounded, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    private static KafkaSource<KafkaInput> rawSource(KafkaSettings kafka, List<String> topics, String groupId,
            boolean bounded, OffsetsInitializer startingOffsets) {
        var builder = KafkaSource.<KafkaInput>builder();
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        Properties properties = kafka.baseProperties();
        return builder
                .setProperties(properties)
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets)
                .setProperty("isolation.level", "read_committed")
                // Partitions added to a topic while the job runs are found this often and read from their
                // first record (the source's default for discovered partitions), so nothing published to
                // them before is skipped; kafka.client.partition.discovery.interval.ms overrides it.
                .setProperty(DISCOVERY_INTERVAL, properties.getProperty(DISCOVERY_INTERVAL, "30000"))
                .setDeserializer(new RawRecordDeserializationSchema())
                .build();
    }

    /**
     * A source of the policy topic's raw records. A fresh job reads it from the beginning, so the
     * latest policy published before it started (the topic is compacted) is applied; a restored one
     * continues from its checkpoint, next to the policy it had in force. {@code bounded} as for
     * {@link #rawSource(KafkaSettings, List, String, boolean)}.
     */
    public static KafkaSource<KafkaInput> policySource(KafkaSettings kafka, String topic, String groupId, boolean bounded) {
        return policySource(kafka, topic, groupId, bounded, Map.of());
    }

    /**
     * As {@link #policySource(KafkaSettings, String, String, boolean)}, starting a fresh job at the
     * given offsets per partition (those of the policy it starts with, so that it replays nothing
     * older); from the earliest when the map is empty. A restored job continues from its checkpoint.
     */
    public static KafkaSource<KafkaInput> policySource(KafkaSettings kafka, String topic, String groupId, boolean bounded,
            Map<Integer, Long> startOffsets) {
        if (startOffsets.isEmpty()) {
            return rawSource(kafka, List.of(topic), groupId, bounded, OffsetsInitializer.earliest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        startOffsets.forEach((partition, offset) -> offsets.put(new TopicPartition(topic, partition), offset));
        return rawSource(kafka, List.of(topic), groupId, bounded, OffsetsInitializer.offsets(offsets, OffsetResetStrategy.EARLIEST));
    }

    /**
     * The single sink for every output topic. With {@link DeliveryGuarantee#EXACTLY_ONCE} the
     * records of a checkpoint are written in one Kafka transaction per subtask and committed when
     * the checkpoint completes, so a restart neither loses nor duplicates outputs.
     *
     * @param transactionalIdPrefix must be unique per sink and per job across the cluster: two
     *                              jobs sharing a prefix fence each other's producers
     */
    public static KafkaSink<KafkaOutput> sink(KafkaSettings kafka, DeliveryGuarantee guarantee,
            String transactionalIdPrefix) {
        return KafkaSink.<KafkaOutput>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producerProperties(kafka))
                .setRecordSerializer(new KafkaOutputSerializationSchema())
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /**
     * Producer settings measured on the build machines: the client defaults batch too little and
     * gave under half the throughput of {@code batch.size=262144, linger.ms=10}.
     */
    public static Properties producerProperties(KafkaSettings kafka) {
        Properties props = kafka.baseProperties();
        props.putIfAbsent("batch.size", "262144");
        props.putIfAbsent("linger.ms", "10");
        props.putIfAbsent("compression.type", "lz4");
        props.setProperty("transaction.timeout.ms", Long.toString(kafka.transactionTimeout().toMillis()));
        return props;
    }
}
