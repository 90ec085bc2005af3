package io.sluice.connectors.registry;

import java.io.Serializable;

/**
 * Creates a registry client where it is used: Flink ships functions to task managers serialized,
 * and an HTTP client cannot travel, so functions carry this factory and call it in {@code open()}.
 */
@FunctionalInterface
public interface RegistryClientFactory extends Serializable {

    SchemaRegistryClient create();

    /** A factory for the REST client of {@code config}. */
    static RegistryClientFactory rest(RegistryConfig config) {
        return () -> new RestSchemaRegistryClient(config);
    }
}
