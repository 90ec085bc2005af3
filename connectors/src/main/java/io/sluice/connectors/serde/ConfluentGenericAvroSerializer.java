package io.sluice.connectors.serde;

import io.sluice.connectors.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes {@link GenericRecord}s of one schema in the Confluent wire format, for tools and tests that
 * have a schema but no generated class (e.g. producing data with an older schema version). Registers
 * the schema on first use like {@link ConfluentAvroSerializer}.
 *
 * <p><b>Not thread-safe:</b> one reused buffer and encoder per instance.
 */
public final class ConfluentGenericAvroSerializer {
    private final WireFormatEncoder<GenericRecord> encoder;

    /** Records written by this serializer must have {@code schema}, which is registered under {@code subject}. */
    public ConfluentGenericAvroSerializer(SchemaRegistryClient registry, String subject, Schema schema) {
        this.encoder = new WireFormatEncoder<>(registry, subject, schema,
                new GenericDatumWriter<>(schema, GenericData.get()));
    }

    /** Magic byte, schema id, Avro binary of {@code record}: a new array the caller owns. */
    public byte[] serialize(GenericRecord record) {
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
