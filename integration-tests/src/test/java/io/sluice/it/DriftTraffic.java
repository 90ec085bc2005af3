package io.sluice.it;

import io.sluice.avro.ScrapedRecord;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Scraped records for drift tests, in event-time windows on a two-partition ingest topic: every record
 * is {@link TestRecords#PARAGRAPH}, declaring a language drawn from a stable mix or, when shifted,
 * Polish for half of them (drift counts a record under its declared language).
 */
public final class DriftTraffic {
    private static final String[] LANGUAGES = {"en", "de", "fr", "es"};

    private DriftTraffic() {}

    /**
     * Publishes {@code windows} windows of {@code perWindow} records from event time {@code start} on,
     * in event-time order, alternating between the topic's two partitions so that both carry every
     * window; returns their ids ({@code idPrefix-window-index}).
     */
    public static List<String> publishWindows(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry,
            SluiceTopics topics, String idPrefix, long start, long windowMs, int windows, int perWindow, boolean shifted,
            Random random) {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                ScrapedRecord.class);
        List<String> ids = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < perWindow; i++) {
                String lang = shifted && random.nextBoolean() ? "pl" : LANGUAGES[random.nextInt(LANGUAGES.length)];
                String id = idPrefix + "-" + w + "-" + i;
                long eventTime = start + w * windowMs + i * windowMs / perWindow;
                producer.send(new ProducerRecord<>(topics.scrapedIngest(), i % 2, id.getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(TestRecords.scrapedAt(id, eventTime, lang))));
                ids.add(id);
            }
        }
        producer.flush();
        return ids;
    }

    /**
     * One record per partition at event time {@code at}: both subtasks' watermarks pass every window
     * before {@code at}'s, which fire; {@code at}'s own stays open. Returns their ids.
     */
    public static List<String> publishFlush(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry,
            SluiceTopics topics, String idPrefix, long at) {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                ScrapedRecord.class);
        List<String> ids = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            String id = idPrefix + "-flush-" + partition;
            producer.send(new ProducerRecord<>(topics.scrapedIngest(), partition, id.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(TestRecords.scrapedAt(id, at, "en"))));
            ids.add(id);
        }
        producer.flush();
        return ids;
    }
}
