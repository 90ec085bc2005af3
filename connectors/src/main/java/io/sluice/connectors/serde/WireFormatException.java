package io.sluice.connectors.serde;

/**
 * Bytes that are not a Confluent wire-format value (null, too short, or a wrong magic byte). Not
 * retriable: the same bytes fail the same way, so the record belongs in the dead letters.
 */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
