package io.sluice.connectors.serde;

/**
 * A value that could not be decoded, with the stage that failed so the caller can put it in a
 * dead-letter header. Stages, in the order they run:
 * <ul>
 *   <li>{@value #WIRE_FORMAT}: not a Confluent wire-format value (null, too short, wrong magic byte);
 *   <li>{@value #SCHEMA_LOOKUP}: the registry does not know the writer schema id;
 *   <li>{@value #SCHEMA_MISMATCH}: the writer schema cannot be read as the reader schema;
 *   <li>{@value #AVRO_DECODE}: the Avro bytes are truncated, corrupt, or followed by extra bytes.
 * </ul>
 * All of these are properties of the record, so retrying never helps. A registry that cannot be
 * reached is not one of them: the decoder lets that {@link io.sluice.connectors.registry.SchemaRegistryException}
 * through, so an outage fails the job instead of sending good records to the dead letters.
 */
public class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String WIRE_FORMAT = "wire-format";
    public static final String SCHEMA_LOOKUP = "schema-lookup";
    public static final String SCHEMA_MISMATCH = "schema-mismatch";
    public static final String AVRO_DECODE = "avro-decode";

    private final String stage;
    private final int schemaId;

    public DecodeException(String stage, int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.schemaId = schemaId;
    }

    /** One of {@value #WIRE_FORMAT}, {@value #SCHEMA_LOOKUP}, {@value #SCHEMA_MISMATCH}, {@value #AVRO_DECODE}. */
    public String stage() {
        return stage;
    }

    /** The writer schema id from the header, or -1 when the header itself was bad. */
    public int schemaId() {
        return schemaId;
    }
}
