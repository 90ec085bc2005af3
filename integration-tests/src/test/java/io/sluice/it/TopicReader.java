package io.sluice.it;

import io.sluice.connectors.kafka.Assignments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads whole topics from the beginning with {@code read_committed}, as a downstream consumer would. */
public final class TopicReader {
    private TopicReader() {}

    /** Polls {@code topics} until {@code done} holds for what was read, or the timeout passes; returns all records. */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrapServers, List<String> topics,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Assignments.assignAll(consumer, topics, true);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(all) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /**
     * Everything on {@code topics} once at least {@code expected} records are there (or {@code timeout}
     * has passed), read again after two seconds more: a few more checkpoints commit meanwhile, so a
     * duplicate, or a record that should never have come out, would show up.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readSettled(String bootstrapServers, List<String> topics,
            int expected, Duration timeout) throws InterruptedException {
        readUntil(bootstrapServers, topics, r -> r.size() >= expected, timeout);
        Thread.sleep(2000);
        return readUntil(bootstrapServers, topics, r -> false, Duration.ofSeconds(3));
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Topic → keys, for assertions. */
    public static Map<String, List<String>> keysByTopic(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byTopic = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(key(r));
        }
        return byTopic;
    }
}
