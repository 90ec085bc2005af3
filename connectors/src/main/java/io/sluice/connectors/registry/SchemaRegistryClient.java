package io.sluice.connectors.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that Sluice uses. Implementations must be
 * thread-safe and cache: ids and schemas are immutable once assigned, so lookups after the first
 * never touch the network.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} (idempotent: an identical schema returns its
     * existing id).
     *
     * @throws SchemaRegistryException on HTTP errors, incompatibility (409) or invalid schema (422)
     */
    int register(String subject, Schema schema);

    /** The schema with this global id. @throws SchemaRegistryException (40403) if unknown */
    Schema getById(int id);

    /** Whether {@code schema} is compatible with the latest version of {@code subject}. */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the subject's compatibility level, or the global one when {@code subject} is null. */
    void setCompatibility(String subject, String level);

    @Override
    default void close() {}
}
