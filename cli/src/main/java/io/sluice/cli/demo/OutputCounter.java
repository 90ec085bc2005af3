package io.sluice.cli.demo;

import io.sluice.connectors.kafka.Assignments;
import io.sluice.pipeline.CurationPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the output topics from the beginning with {@code read_committed} — exactly what a
 * downstream trainer sees — and counts records per topic. FILL_GAP requests on the resynthesis
 * topic are not outputs of any input record, so they are counted apart ({@link #fillGapRequests()})
 * and left out of the per-topic counts that reconcile inputs to outputs. Given a {@link DeliveryLedger}, it
 * also records there which topics each key arrived on, so a finite run can be reconciled id by id.
 * Runs on its own thread; counts are safe to read from any thread.
 */
public final class OutputCounter implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final DeliveryLedger ledger;
    private final AtomicLong fillGaps = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param ledger where to record each key's arrivals, or null to count only
     */
    public OutputCounter(String bootstrapServers, List<String> topics, DeliveryLedger ledger) {
        this.topics = List.copyOf(topics);
        this.ledger = ledger;
        topics.forEach(t -> counts.put(t, new AtomicLong()));
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "5000");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        Assignments.assignAll(consumer, topics, true);
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (CurationPipeline.isFillGapKey(key)) {
                        fillGaps.incrementAndGet();
                        continue;
                    }
                    counts.get(r.topic()).incrementAndGet();
                    if (ledger != null && key != null) {
                        ledger.delivered(key, r.topic());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    /** Where arrivals are recorded by key, or null. */
    public DeliveryLedger ledger() {
        return ledger;
    }

    public long count(String topic) {
        return counts.get(topic).get();
    }

    /** FILL_GAP requests seen on the resynthesis topic (not counted in {@link #count} or {@link #total}). */
    public long fillGapRequests() {
        return fillGaps.get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
