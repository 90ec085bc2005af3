package io.sluice.cli;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice topics create}: creates Sluice's topics and registers their schemas on a real cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage Sluice's topics.",
        subcommands = TopicsCommand.Create.class)
public final class TopicsCommand {

    /** Creates missing topics and registers value schemas; idempotent. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every Sluice topic that is missing and register the value schemas (idempotent).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--partitions", defaultValue = "6", description = "Partitions of new topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "3",
                description = "Replication factor of new topics (default: ${DEFAULT-VALUE}; 1 for a single broker).")
        short replicationFactor;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            KafkaSettings kafka = cfg.kafka();
            List<String> created = TopicAdmin.createMissing(kafka, cfg.topics(), partitions, replicationFactor);
            System.out.println(created.isEmpty() ? "All topics already exist." : "Created topics: " + created);
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
                TopicAdmin.registerSchemas(registry, cfg.topics())
                        .forEach((subject, id) -> System.out.println("  " + subject + " -> schema id " + id));
            }
            return 0;
        }
    }
}
