package io.sluice.connectors.serde;

import io.sluice.connectors.registry.SchemaRegistryClient;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;

/**
 * The shared body of the specific and generic serializers: registers the schema once, then writes
 * header and Avro binary into one reused buffer. Not thread-safe, like its public wrappers.
 */
final class WireFormatEncoder<T> {
    private final SchemaRegistryClient registry;
    private final String subject;
    private final Schema schema;
    private final DatumWriter<T> writer;
    /**
     * Not {@link java.io.ByteArrayOutputStream}: the direct encoder makes one write per value (a
     * curated record has ~130 signals, three writes each), and that stream locks on every one.
     */
    private final UnsynchronizedByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private int schemaId = -1;
    /** The wire-format header for {@link #schemaId}, written before every record. */
    private byte[] header;

    WireFormatEncoder(SchemaRegistryClient registry, String subject, Schema schema, DatumWriter<T> writer) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null (subject '" + subject + "')");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank; Sluice uses <topic>-value");
        }
        this.registry = registry;
        this.subject = subject;
        this.schema = schema;
        this.writer = writer;
        this.out = UnsynchronizedByteArrayOutputStream.builder().setBufferSize(8192).get();
    }

    /** Registers on first use, so building a serializer never needs the registry to be up. */
    int schemaId() {
        if (schemaId < 0) {
            schemaId = registry.register(subject, schema);
            header = ConfluentWireFormat.frame(schemaId, new byte[0]);
        }
        return schemaId;
    }

    byte[] encode(T record) {
        if (record == null) {
            throw new IllegalArgumentException("cannot serialize a null " + schema.getFullName() + " for subject '"
                    + subject + "': Sluice values are never tombstones");
        }
        int id = schemaId();
        out.reset();
        out.write(header, 0, header.length);
        // A buffered encoder: values go into its array, the stream gets a few large writes. After a
        // failed record it is dropped, since reconfiguring it would flush that record's bytes first.
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            encoder = null;
            throw new IllegalArgumentException("could not serialize a " + schema.getFullName() + " for subject '"
                    + subject + "' (schema id " + id + "): " + e.getMessage()
                    + "; check that required fields are set", e);
        }
        return out.toByteArray();
    }

    String subject() {
        return subject;
    }

    Schema schema() {
        return schema;
    }
}
