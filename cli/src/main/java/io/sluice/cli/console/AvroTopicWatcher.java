package io.sluice.cli.console;

import io.sluice.connectors.kafka.Assignments;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows one topic from its beginning ({@code read_committed}, as a downstream consumer would),
 * decodes each value with the registry and hands it to a callback, on its own thread until closed.
 * A value that does not decode is reported on stderr and skipped.
 */
public final class AvroTopicWatcher<T extends SpecificRecord> implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final ConfluentAvroDecoder<T> decoder;
    private final Consumer<T> onRecord;
    private volatile boolean running = true;

    public AvroTopicWatcher(Properties clientProperties, SchemaRegistryClient registry, String topic, Class<T> type,
            Consumer<T> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        this.decoder = new ConfluentAvroDecoder<>(registry, type);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            Assignments.assignAll(consumer, List.of(topic), true);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    T value;
                    try {
                        value = decoder.decode(r.value());
                    } catch (RuntimeException e) {
                        System.err.println(r.topic() + "/" + r.partition() + "@" + r.offset() + " does not decode: "
                                + e.getMessage());
                        continue;
                    }
                    onRecord.accept(value);
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
