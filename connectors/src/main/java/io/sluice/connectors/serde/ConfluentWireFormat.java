package io.sluice.connectors.serde;


/**
 * The Confluent wire format that every Sluice topic carries: magic byte {@code 0}, the writer
 * schema's registry id as a 4-byte big-endian int, then the Avro binary encoding. Stateless helpers;
 * the checks here are the first stage of decoding ({@code wire-format}).
 */
public final class ConfluentWireFormat {

    /** The only magic byte Confluent has defined so far. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /** Where the Avro payload starts: after the {@value #HEADER_SIZE}-byte header. */
    public static int payloadOffset() {
        return HEADER_SIZE;
    }

    /** A new array holding the header for {@code schemaId} followed by {@code avroPayload}. */
    public static byte[] frame(int schemaId, byte[] avroPayload) {
        if (avroPayload == null) {
            throw new IllegalArgumentException("cannot frame a null Avro payload for schema id " + schemaId);
        }
        byte[] framed = new byte[HEADER_SIZE + avroPayload.length];
        framed[0] = MAGIC_BYTE;
        putSchemaId(framed, schemaId);
        System.arraycopy(avroPayload, 0, framed, HEADER_SIZE, avroPayload.length);
        return framed;
    }

    /**
     * The writer schema id in {@code bytes}, after checking the header.
     *
     * @throws WireFormatException when the value is null or empty, shorter than the header, or does
     *     not start with the magic byte
     */
    public static int schemaId(byte[] bytes) {
        if (bytes == null) {
            throw new WireFormatException("value is null (a tombstone?): expected a Confluent wire-format Avro value"
                    + " (magic byte 0, 4-byte schema id, Avro binary)");
        }
        if (bytes.length == 0) {
            throw new WireFormatException("value is empty: expected a Confluent wire-format Avro value"
                    + " (magic byte 0, 4-byte schema id, Avro binary)");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format("value starts with byte 0x%02x, not the magic byte 0x00 of the"
                    + " Confluent wire format: it was not written by a Confluent-compatible Avro serializer"
                    + " (plain Avro, JSON or text?)", bytes[0] & 0xff));
        }
        if (bytes.length < HEADER_SIZE) {
            throw new WireFormatException("value is " + bytes.length + " bytes, shorter than the " + HEADER_SIZE
                    + "-byte Confluent header (magic byte + 4-byte schema id): it is truncated");
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    private static void putSchemaId(byte[] target, int schemaId) {
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
