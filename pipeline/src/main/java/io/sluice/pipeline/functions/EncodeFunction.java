package io.sluice.pipeline.functions;

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

/**
 * Encodes one output type for one topic in the Confluent wire format, registering the value
 * schema under {@code <topic>-value} on first use, and keys the record by {@code keyOf}.
 *
 * <p>If the registry is down, the function fails and Flink restarts from the last checkpoint;
 * exactly-once output makes that retry invisible downstream.
 */
public final class EncodeFunction<T extends SpecificRecord> extends RichMapFunction<T, KafkaOutput> {
    private static final long serialVersionUID = 1L;

    /** Extracts the Kafka key (the record id) from an output record. */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String keyOf(T record);
    }

    private final CurationSettings settings;
    private final String topic;
    private final Class<T> type;
    private final KeyOf<T> keyOf;
    private final Map<String, String> headers;

    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroSerializer<T> serializer;

    public EncodeFunction(CurationSettings settings, String topic, Class<T> type, KeyOf<T> keyOf) {
        this(settings, topic, type, keyOf, Map.of());
    }

    /** As above, with fixed headers on every record (e.g. the kind of a resynthesis request). */
    public EncodeFunction(CurationSettings settings, String topic, Class<T> type, KeyOf<T> keyOf,
            Map<String, String> headers) {
        this.settings = settings;
        this.topic = topic;
        this.type = type;
        this.keyOf = keyOf;
        this.headers = new TreeMap<>(headers);
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
        return out;
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
