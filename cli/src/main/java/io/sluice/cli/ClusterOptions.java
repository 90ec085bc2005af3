package io.sluice.cli;

import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a running Sluice deployment shares: a properties file
 * with the keys of {@code sluice run}, and flags that override its Kafka and registry addresses.
 */
final class ClusterOptions {
    @Option(names = "--config", description = "Properties file with kafka.*, registry.*, topics.*, job.* settings.")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (overrides kafka.bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Schema registry URL (overrides registry.url).")
    String registryUrl;

    /** The config file with the flags and {@code extra} settings applied on top. */
    SluiceJobConfig load(Map<String, String> extra) throws IOException {
        Map<String, String> overrides = new HashMap<>(extra);
        if (bootstrapServers != null) {
            overrides.put("kafka.bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            overrides.put("registry.url", registryUrl);
        }
        return SluiceJobConfig.load(config, overrides);
    }
}
