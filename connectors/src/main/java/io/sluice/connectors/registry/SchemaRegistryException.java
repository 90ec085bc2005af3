package io.sluice.connectors.registry;

/**
 * A failed registry call, with the HTTP status and Confluent {@code error_code} when the server
 * sent one (e.g. 40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid
 * schema). The message says what was asked and what to do.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    /** HTTP status, or -1 when the request never got an answer (connection refused, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code from the response body, or -1 when absent. */
    public int errorCode() {
        return errorCode;
    }

    /** True for failures worth retrying (no answer, 5xx); false for answers that will not change. */
    public boolean isRetriable() {
        return httpStatus < 0 || httpStatus >= 500;
    }
}
