package io.sluice.cli.demo;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes demo traffic the way generator services and crawlers would: synthetic and scraped
 * records of real text, with a steady share of bad input so every route is visible — garbage
 * bytes and an unknown schema id (dead letter), empty and symbol-only text (quarantine), and
 * truncated synthetic output (resynthesis).
 *
 * <p>The kind of record {@code i} is fixed by {@code i % 100}, so any run of 100+ records covers
 * every kind and the mix is reproducible. Texts never run out: after the loaded documents come new
 * ones built from them, with a share of exact reposts ({@link EuroparlText#streamDocument}). Every record's key is its id, so the demo summary can
 * reconcile inputs to outputs by key. Not thread-safe.
 */
public final class TrafficGenerator implements AutoCloseable {

    /** What a generated record is meant to exercise. */
    public enum Kind { SCRAPED, SYNTHETIC, SYNTHETIC_TRUNCATED, SCRAPED_EMPTY, SCRAPED_SYMBOLS, SYNTHETIC_EMPTY,
        GARBAGE_BYTES, UNKNOWN_SCHEMA_ID }

    /** Schema id no registry hands out in a demo; a record framed with it cannot be decoded. */
    static final int UNKNOWN_SCHEMA_ID = 987_654_321;

    private static final List<String> GENERATORS = List.of("demo-llm-7b", "demo-llm-70b");
    private static final List<String> TASKS = List.of("summarization", "qa", "dialogue");

    private final KafkaProducer<byte[], byte[]> producer;
    private final SluiceTopics topics;
    private final EuroparlText text;
    private final ConfluentAvroSerializer<SyntheticRecord> syntheticSerializer;
    private final ConfluentAvroSerializer<ScrapedRecord> scrapedSerializer;
    private final Random random = new Random(42);
    private final String runId;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Exception lastError;
    private long next;
    /** While set, this share of records are drawn from {@link #shiftDocuments} (a language-mix shift). */
    private volatile double shiftShare;
    private volatile List<Integer> shiftDocuments = List.of();

    public TrafficGenerator(String bootstrapServers, SchemaRegistryClient registry, SluiceTopics topics, EuroparlText text) {
        this(KafkaSettings.of(bootstrapServers), registry, topics, text);
    }

    /** Traffic to a cluster with its client settings ({@code security.protocol}, {@code sasl.*}, ...). */
    public TrafficGenerator(KafkaSettings kafka, SchemaRegistryClient registry, SluiceTopics topics, EuroparlText text) {
        this.topics = topics;
        this.text = text;
        this.runId = Long.toString(System.currentTimeMillis(), 36);
        this.syntheticSerializer = new ConfluentAvroSerializer<>(registry,
                SluiceTopics.valueSubject(topics.syntheticIngest()), SyntheticRecord.class);
        this.scrapedSerializer = new ConfluentAvroSerializer<>(registry,
                SluiceTopics.valueSubject(topics.scrapedIngest()), ScrapedRecord.class);
        Properties props = kafka.baseProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", "262144");
        props.put("compression.type", "lz4");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The kind of the {@code i}-th record. */
    public static Kind kindOf(long i) {
        int slot = (int) (i % 100);
        if (slot < 45) return Kind.SCRAPED;
        if (slot < 85) return Kind.SYNTHETIC;
        if (slot < 90) return Kind.SYNTHETIC_TRUNCATED;
        if (slot < 93) return Kind.SCRAPED_EMPTY;
        if (slot < 95) return Kind.SCRAPED_SYMBOLS;
        if (slot < 96) return Kind.SYNTHETIC_EMPTY;
        if (slot < 98) return Kind.GARBAGE_BYTES;
        return Kind.UNKNOWN_SCHEMA_ID;
    }

    /** The common prefix of this run's ids, {@code <run>-}; the id of the {@code n}-th record is the prefix and {@code n}. */
    public String idPrefix() {
        return runId + "-";
    }

    /** Sends the next record (asynchronously) and returns its id. */
    public String sendNext() {
        long i = next++;
        Kind kind = kindOf(i);
        String id = runId + "-" + i;
        long now = System.currentTimeMillis();
        long docIndex = i;
        List<Integer> shifted = shiftDocuments;
        if (shiftShare > 0 && !shifted.isEmpty() && random.nextDouble() < shiftShare) {
            // A document of the shifted language from a pass of the stream of its own (1 + i): new text,
            // not a copy of another record's, however many records the shift draws from few documents.
            docIndex = shifted.get(random.nextInt(shifted.size())) + (long) text.size() * (1 + i);
        }
        String doc = text.streamDocument(docIndex);
        String lang = text.language(docIndex);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        String topic;
        byte[] value;
        switch (kind) {
            case SCRAPED -> { topic = topics.scrapedIngest(); value = scrapedSerializer.serialize(scraped(id, doc, now, i, lang)); }
            case SCRAPED_EMPTY -> { topic = topics.scrapedIngest(); value = scrapedSerializer.serialize(scraped(id, "  \n ", now, i, null)); }
            case SCRAPED_SYMBOLS -> {
                topic = topics.scrapedIngest();
                value = scrapedSerializer.serialize(scraped(id, "|| >> ## 12/34/56 -- ** ++ == :: 99 %% $$ || >> ## 78", now, i, null));
            }
            case SYNTHETIC -> { topic = topics.syntheticIngest(); value = syntheticSerializer.serialize(synthetic(id, EuroparlText.completeSentences(doc), now, i, lang, "stop")); }
            case SYNTHETIC_TRUNCATED -> {
                topic = topics.syntheticIngest();
                // Cut at the generator's token limit, as its API reports it.
                value = syntheticSerializer.serialize(synthetic(id, firstWords(doc, 6), now, i, lang, "length"));
            }
            case SYNTHETIC_EMPTY -> { topic = topics.syntheticIngest(); value = syntheticSerializer.serialize(synthetic(id, "", now, i, null, null)); }
            case GARBAGE_BYTES -> {
                topic = random.nextBoolean() ? topics.scrapedIngest() : topics.syntheticIngest();
                value = new byte[16 + random.nextInt(64)];
                random.nextBytes(value);
                value[0] = (byte) (1 + random.nextInt(100)); // never the wire format's magic byte 0
            }
            case UNKNOWN_SCHEMA_ID -> {
                topic = topics.scrapedIngest();
                byte[] payload = scrapedSerializer.serialize(scraped(id, doc, now, i, lang));
                value = payload.clone();
                ByteBuffer.wrap(value).put(0, (byte) 0).putInt(1, UNKNOWN_SCHEMA_ID);
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
        producer.send(new ProducerRecord<>(topic, null, now, key, value), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                lastError = error;
            }
        });
        sent.incrementAndGet();
        return id;
    }

    /**
     * From now on, {@code share} of records are documents in {@code lang} (0 ends the shift): what a
     * generator switching languages looks like to drift detection.
     */
    public void shiftLanguage(String lang, double share) {
        this.shiftDocuments = share > 0 ? text.documentsIn(lang) : List.of();
        this.shiftShare = share;
    }

    private SyntheticRecord synthetic(String id, String body, long now, long i, String lang, String finishReason) {
        return SyntheticRecord.newBuilder().setLanguage(lang).setFinishReason(finishReason)
                .setId(id).setText(body).setEventTime(Instant.ofEpochMilli(now))
                .setGeneratorModel(GENERATORS.get((int) (i % GENERATORS.size())))
                .setGeneratorVersion("2026.11").setPromptId("prompt-" + (i % 50))
                .setParentIds(List.of()).setLineageDepth(0)
                .setRequestedSlice(null).setTaskType(TASKS.get((int) (i % TASKS.size())))
                .build();
    }

    private ScrapedRecord scraped(String id, String body, long now, long i, String lang) {
        // Event time = extraction time (the schema allows either): drift windows follow the live
        // stream, and a page's publication date would put every scraped record in a long-closed window.
        return ScrapedRecord.newBuilder().setLanguage(lang)
                .setId(id).setText(body).setEventTime(Instant.ofEpochMilli(now))
                .setUrl("https://www.europarl.europa.eu/doceo/document/" + (i % 5000) + ".html")
                .setFetchTime(Instant.ofEpochMilli(now)).setCrawlId("demo-crawl-1").setContentType("text/html")
                .setLicense("europarl-reuse").setExtractor("demo-extractor/1.0")
                .build();
    }

    private static String firstWords(String doc, int n) {
        String[] words = doc.split("\\s+", n + 1);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }

    /** Records handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Records the broker refused (should stay 0); see {@link #lastError()}. */
    public long failed() {
        return failed.get();
    }

    public Exception lastError() {
        return lastError;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
