package io.sluice.connectors.serde;

import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent wire-format values into a generated Avro class, resolving whatever writer schema
 * the producer used against the class's own schema (so data from older producers still decodes,
 * with defaults for fields they did not have).
 *
 * <p>Per writer schema id it asks the registry once, checks reader/writer compatibility once and
 * builds one datum reader, all cached; so after warm-up a record costs one Avro decode.
 *
 * <p>Every failure caused by the record itself is a {@link DecodeException} whose
 * {@link DecodeException#stage() stage} says which step failed. Failures of the registry (no
 * answer, 5xx, rejected credentials, wrong url) are not the record's fault: they surface as
 * {@link SchemaRegistryException} so the job fails and retries instead of dead-lettering good
 * records.
 *
 * <p><b>Not thread-safe:</b> it reuses one {@link BinaryDecoder}. Use one instance per thread, e.g.
 * one per Flink subtask built in {@code open()}.
 *
 * @param <T> the generated record class to decode into
 */
public final class ConfluentAvroDecoder<T extends SpecificRecord> {

    /**
     * How long an id the registry did not know is answered from memory. Bounded rather than
     * forever: a multi-node registry may serve a new id a moment after the producer used it.
     */
    static final Duration DEFAULT_UNKNOWN_ID_TTL = Duration.ofSeconds(10);
    /** Random bytes after a valid magic byte give random ids; do not let them fill the heap. */
    private static final int MAX_UNKNOWN_IDS = 1000;

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final long unknownIdTtlNanos;
    private final Map<Integer, WriterEntry<T>> writers = new HashMap<>();
    private final Map<Integer, UnknownId> unknownIds = new HashMap<>();
    private BinaryDecoder decoder;

    /** Decodes into {@code type}, fetching writer schemas from {@code registry}. */
    public ConfluentAvroDecoder(SchemaRegistryClient registry, Class<T> type) {
        this(registry, type, DEFAULT_UNKNOWN_ID_TTL);
    }

    ConfluentAvroDecoder(SchemaRegistryClient registry, Class<T> type, Duration unknownIdTtl) {
        if (registry == null || type == null) {
            throw new IllegalArgumentException("registry and type must not be null");
        }
        this.registry = registry;
        this.type = type;
        // The class's own model carries its logical-type conversions (timestamp-millis as Instant).
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.unknownIdTtlNanos = unknownIdTtl.toNanos();
    }

    /**
     * Decodes one wire-format value.
     *
     * @return a new record (never reused, so it is safe to keep)
     * @throws DecodeException when the value is not wire format, its schema id is unknown, its writer
     *     schema cannot be read as {@code T}, or its Avro bytes are corrupt or have extra bytes
     * @throws SchemaRegistryException when the registry cannot answer (retriable) or refuses access
     */
    public T decode(byte[] value) {
        int schemaId;
        try {
            schemaId = ConfluentWireFormat.schemaId(value);
        } catch (WireFormatException e) {
            throw new DecodeException(DecodeException.WIRE_FORMAT, -1, e.getMessage(), e);
        }
        WriterEntry<T> writer = writers.get(schemaId);
        if (writer == null) {
            writer = resolve(schemaId);
        }
        if (writer.mismatch != null) {
            throw new DecodeException(DecodeException.SCHEMA_MISMATCH, schemaId, writer.mismatch, null);
        }
        int payloadLength = value.length - ConfluentWireFormat.HEADER_SIZE;
        decoder = DecoderFactory.get().binaryDecoder(value, ConfluentWireFormat.HEADER_SIZE, payloadLength, decoder);
        T record;
        try {
            // Lengths and counts first, without allocating: Avro's reader sizes a string's or an
            // array's storage from the length the bytes claim before reading it, so a 20-byte value
            // claiming a two-billion-item array or a 2 GB string ran the task out of heap, on every
            // restart. Skipping checks every claim against the bytes that are really there.
            GenericDatumReader.skip(writer.schema, decoder);
            decoder = DecoderFactory.get().binaryDecoder(value, ConfluentWireFormat.HEADER_SIZE, payloadLength, decoder);
            record = writer.reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // Avro reports truncation as EOFException and corrupt lengths as various runtime exceptions.
            throw new DecodeException(DecodeException.AVRO_DECODE, schemaId, "could not decode the " + payloadLength
                    + "-byte Avro payload written with schema id " + schemaId + " (" + writer.schema.getFullName()
                    + ") as " + readerSchema.getFullName() + ": " + e
                    + "; the value is truncated or corrupt, or was not written with that schema", e);
        }
        boolean complete;
        try {
            complete = decoder.isEnd();
        } catch (IOException e) {
            complete = false;
        }
        if (!complete) {
            throw new DecodeException(DecodeException.AVRO_DECODE, schemaId, "the " + payloadLength
                    + "-byte Avro payload written with schema id " + schemaId + " (" + writer.schema.getFullName()
                    + ") has " + remaining() + " extra byte(s) after a complete record: it was not written with that"
                    + " schema, or two values were concatenated", null);
        }
        return record;
    }

    /** The schema of {@code T}, which every decoded record has. */
    public Schema readerSchema() {
        return readerSchema;
    }

    private WriterEntry<T> resolve(int schemaId) {
        UnknownId unknown = unknownIds.get(schemaId);
        if (unknown != null) {
            if (System.nanoTime() < unknown.expiresAtNanos) {
                throw new DecodeException(DecodeException.SCHEMA_LOOKUP, schemaId, unknown.message, null);
            }
            unknownIds.remove(schemaId);
        }
        Schema writerSchema;
        try {
            writerSchema = registry.getById(schemaId);
        } catch (SchemaRegistryException e) {
            if (!isRecordsFault(e)) {
                throw e;
            }
            String message = "writer schema id " + schemaId + " could not be looked up: " + e.getMessage();
            if (unknownIds.size() >= MAX_UNKNOWN_IDS) {
                unknownIds.clear();
            }
            unknownIds.put(schemaId, new UnknownId(message, System.nanoTime() + unknownIdTtlNanos));
            throw new DecodeException(DecodeException.SCHEMA_LOOKUP, schemaId, message, e);
        }
        WriterEntry<T> entry;
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() == SchemaCompatibilityType.COMPATIBLE) {
            entry = new WriterEntry<>(writerSchema, new SpecificDatumReader<>(writerSchema, readerSchema, model), null);
        } else {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            entry = new WriterEntry<>(writerSchema, null, "writer schema id " + schemaId + " ("
                    + writerSchema.getFullName() + ") cannot be read as " + readerSchema.getFullName() + " ("
                    + type.getName() + "): " + problems + ". The topic carries another record type, or the producer"
                    + " changed the schema incompatibly");
        }
        writers.put(schemaId, entry);
        return entry;
    }

    /**
     * An unknown id (40403) or an answer that is not a usable Avro schema belongs to the record;
     * everything else (no answer, 5xx, auth, a wrong url) would fail every record alike.
     */
    private static boolean isRecordsFault(SchemaRegistryException e) {
        return e.errorCode() == 40403 || (e.httpStatus() >= 200 && e.httpStatus() < 300);
    }

    private int remaining() {
        try {
            return decoder.inputStream().available();
        } catch (IOException e) {
            return -1;
        }
    }

    /** What a writer id resolved to: a reader, or why there is none. */
    private record WriterEntry<T>(Schema schema, SpecificDatumReader<T> reader, String mismatch) {}

    private record UnknownId(String message, long expiresAtNanos) {}
}
