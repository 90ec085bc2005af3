package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Provenance;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.CurationSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes one output type for one topic in the Confluent wire format, registering the value
 * schema under {@code <topic>-value} on first use, and keys the record by {@code keyOf}.
 *
 * <p>If the registry is down, the function fails and Flink restarts from the last checkpoint;
 * exactly-once output makes that retry invisible downstream.
 *
 * <p>An output larger than the producer may send ({@link CurationSettings#maxOutputBytes()}) would
 * fail the sink, and again after every restart, stopping the job for good. It goes to the
 * dead-letter topic instead, with an empty value (the producer could not send it either) and the
 * coordinates of the input record it came from, which stays in its input topic for a replay once
 * the limits are raised. The input limit's default leaves room for a curated record's two copies of
 * the text, so this is the last resort, not the rule.
 */
public final class EncodeFunction<T extends SpecificRecord> extends RichMapFunction<T, KafkaOutput> {
    private static final long serialVersionUID = 1L;

    /** Extracts the Kafka key (the record id) from an output record. */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String keyOf(T record);
    }

    /** The input record behind an output, for a dead letter's coordinates; null for outputs of no one record. */
    @FunctionalInterface
    public interface InputOf<T> extends Serializable {
        CuratedRecord inputOf(T record);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EncodeFunction.class);
    /** More than the fixed headers and Kafka's per-record overhead: outputs this far under the limit skip its exact check. */
    private static final int HEADROOM_BYTES = 4096;
    static final String STAGE_OUTPUT_SIZE = "output-size";

    private final CurationSettings settings;
    private final String topic;
    private final Class<T> type;
    private final KeyOf<T> keyOf;
    private final Map<String, String> headers;
    private final InputOf<T> inputOf;

    /** The same counter as decoding's dead letters, so one sum on a dashboard counts them all; made on first use. */
    private transient Counter deadLettered;
    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroSerializer<T> serializer;

    public EncodeFunction(CurationSettings settings, String topic, Class<T> type, KeyOf<T> keyOf) {
        this(settings, topic, type, keyOf, Map.of());
    }

    /** As above, with fixed headers on every record (e.g. the kind of a resynthesis request). */
    public EncodeFunction(CurationSettings settings, String topic, Class<T> type, KeyOf<T> keyOf,
            Map<String, String> headers) {
        this(settings, topic, type, keyOf, headers, record -> null);
    }

    /** As above, for outputs of one input record each: a dead letter for one too large names that record. */
    public EncodeFunction(CurationSettings settings, String topic, Class<T> type, KeyOf<T> keyOf,
            Map<String, String> headers, InputOf<T> inputOf) {
        this.settings = settings;
        this.topic = topic;
        this.type = type;
        this.keyOf = keyOf;
        this.headers = new TreeMap<>(headers);
        this.inputOf = inputOf;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = settings.registry().create();
        serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topic), type,
                SignalMapDatumWriter::new);
    }

    @Override
    public KafkaOutput map(T record) {
        KafkaOutput out = new KafkaOutput(topic, keyOf.keyOf(record).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(record), 0L);
        headers.forEach(out::withHeader);
        if (out.value.length + out.key.length > settings.maxOutputBytes() - HEADROOM_BYTES) {
            int size = out.sizeUpperBound();
            if (size > settings.maxOutputBytes()) {
                return deadLetterTooLarge(record, out.key, size);
            }
        }
        return out;
    }

    private KafkaOutput deadLetterTooLarge(T record, byte[] key, int size) {
        String id = new String(key, StandardCharsets.UTF_8);
        // The message is a header of the dead letter: an id of any length must not make it too large.
        String shownId = id.length() <= 200 ? id : id.substring(0, 200) + "... (" + id.length() + " chars)";
        String message = "the " + topic + " record for " + shownId + " would be " + size
                + " bytes, above the producer's max.request.size of " + settings.maxOutputBytes()
                + " (kafka.client.max.request.size; raise it with the output topics' max.message.bytes)";
        CuratedRecord input = inputOf.inputOf(record);
        KafkaOutput deadLetter;
        if (input != null && input.getProvenance() != null) {
            Provenance at = input.getProvenance();
            message += "; the input record is still at " + at.getTopic() + "/" + at.getPartition() + "/" + at.getOffset();
            deadLetter = DeadLetters.of(settings.topics().deadletter(), key, new byte[0], 0L, at.getTopic(),
                    at.getPartition(), at.getOffset(), STAGE_OUTPUT_SIZE, "OversizedOutput", message);
        } else {
            deadLetter = new KafkaOutput(settings.topics().deadletter(), key, new byte[0], 0L)
                    .withHeader(DeadLetters.STAGE, STAGE_OUTPUT_SIZE)
                    .withHeader(DeadLetters.EXCEPTION_CLASS, "OversizedOutput")
                    .withHeader(DeadLetters.MESSAGE, message);
        }
        LOG.warn("Dead-lettered an output: {}", message);
        if (deadLettered == null) {
            deadLettered = getRuntimeContext().getMetricGroup().counter("deadLettered");
        }
        deadLettered.inc();
        return DeadLetters.fitted(deadLetter, settings.maxOutputBytes());
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
