package io.sluice.connectors.serde;

import io.sluice.connectors.registry.SchemaRegistryClient;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes generated Avro records in the Confluent wire format. On first use it registers the schema
 * under the subject (idempotent: an already registered schema returns its id) and keeps the id, so
 * the registry is asked once per instance.
 *
 * <p><b>Not thread-safe:</b> it reuses one output buffer and encoder for every record, which is what
 * makes it cheap. Use one instance per thread, e.g. one per Flink subtask built in {@code open()}.
 *
 * @param <T> the generated record class
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> {
    private final WireFormatEncoder<T> encoder;

    /** For the generated class {@code type}, whose schema is registered under {@code subject}. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, String subject, Class<T> type) {
        // The class's own model carries its logical-type conversions (timestamp-millis as Instant).
        this(registry, subject, SpecificData.getForClass(type).getSchema(type), SpecificData.getForClass(type));
    }

    /** For a generated class found by {@code schema}'s full name; {@code schema} is what gets registered. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, String subject, Schema schema) {
        this(registry, subject, schema, SpecificData.getForSchema(schema));
    }

    /**
     * For the generated class {@code type}, written by the writer {@code writer} makes from the class's
     * schema and model: a {@link SpecificDatumWriter} subclass that writes some values faster must
     * write the same bytes.
     */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, String subject, Class<T> type,
            BiFunction<Schema, SpecificData, ? extends DatumWriter<T>> writer) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new WireFormatEncoder<>(registry, subject, schema, writer.apply(schema, model));
    }

    private ConfluentAvroSerializer(SchemaRegistryClient registry, String subject, Schema schema, SpecificData model) {
        this.encoder = new WireFormatEncoder<>(registry, subject, schema, new SpecificDatumWriter<>(schema, model));
    }

    /**
     * Magic byte, schema id, Avro binary of {@code record}: a new array the caller owns.
     *
     * @throws io.sluice.connectors.registry.SchemaRegistryException if registering the schema fails
     * @throws IllegalArgumentException if the record is null or cannot be written (e.g. a required field is null)
     */
    public byte[] serialize(T record) {
        return encoder.encode(record);
    }

    /** The registry id of the schema, registering it if that has not happened yet. */
    public int schemaId() {
        return encoder.schemaId();
    }

    public String subject() {
        return encoder.subject();
    }

    public Schema schema() {
        return encoder.schema();
    }
}
