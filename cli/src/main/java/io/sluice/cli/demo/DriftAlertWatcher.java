package io.sluice.cli.demo;

import io.sluice.avro.AlertState;
import io.sluice.avro.DriftAlert;
import io.sluice.connectors.kafka.Assignments;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads drift alerts ({@code read_committed}, as an operator's tool would) and hands each decoded
 * alert to a callback; counts raised and cleared alerts. Runs on its own thread until closed.
 */
public final class DriftAlertWatcher implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final boolean fromBeginning;
    private final ConfluentAvroDecoder<DriftAlert> decoder;
    private final Consumer<DriftAlert> onAlert;
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong cleared = new AtomicLong();
    private volatile boolean running = true;

    public DriftAlertWatcher(String bootstrapServers, SchemaRegistryClient registry, String topic,
            boolean fromBeginning, Consumer<DriftAlert> onAlert) {
        this(bootstrapProperties(bootstrapServers), registry, topic, fromBeginning, onAlert);
    }

    /** With client properties of a real cluster (security settings included). */
    public DriftAlertWatcher(Properties clientProperties, SchemaRegistryClient registry, String topic,
            boolean fromBeginning, Consumer<DriftAlert> onAlert) {
        this.topic = topic;
        this.fromBeginning = fromBeginning;
        this.onAlert = onAlert;
        this.decoder = new ConfluentAvroDecoder<>(registry, DriftAlert.class);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties bootstrapProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    @Override
    public void run() {
        Assignments.assignAll(consumer, List.of(topic), fromBeginning);
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    DriftAlert a;
                    try {
                        a = decoder.decode(r.value());
                    } catch (RuntimeException e) {
                        System.err.println("drift alert at " + r.topic() + "/" + r.partition() + "@" + r.offset()
                                + " does not decode: " + e.getMessage());
                        continue;
                    }
                    if (a.getState() == AlertState.RAISED) {
                        raised.incrementAndGet();
                    } else if (a.getState() == AlertState.CLEARED) {
                        cleared.incrementAndGet();
                    }
                    onAlert.accept(a);
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    public long raised() {
        return raised.get();
    }

    public long cleared() {
        return cleared.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
