package io.sluice.cli;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice stack}: the embedded Kafka broker and schema registry alone, with Sluice's topics
 * and schemas in place, so users can point their own producers, consumers and {@code sluice run}
 * at them. Runs until interrupted.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start the embedded KRaft Kafka broker and Confluent-compatible schema registry, create "
                + "Sluice's topics, print their addresses and keep them running until Ctrl-C.")
public final class StackCommand implements Callable<Integer> {

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--config-out", description = "Also write a `sluice run --config` file with these addresses.")
    Path configOut;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (LocalStack stack = LocalStack.start()) {
            prepare(stack, SluiceTopics.defaults(), partitions);
            System.out.printf("Sluice stack ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
            System.out.println("  kafka.bootstrap.servers=" + stack.bootstrapServers());
            System.out.println("  registry.url=" + stack.registryUrl());
            if (configOut != null) {
                Files.writeString(configOut, "kafka.bootstrap.servers=" + stack.bootstrapServers() + "\n"
                        + "registry.url=" + stack.registryUrl() + "\n");
                System.out.println("  config written to " + configOut + " (use: sluice run --config " + configOut + ")");
            }
            System.out.println("Press Ctrl-C to stop.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /** Creates the topics (replication 1: one broker) and registers every value schema. */
    static void prepare(LocalStack stack, SluiceTopics topics, int partitions) {
        prepare(stack, topics, partitions, Map.of());
    }

    /** As above, with topic configs for every topic created (e.g. the demo's retention). */
    static void prepare(LocalStack stack, SluiceTopics topics, int partitions, Map<String, String> topicConfigs) {
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, partitions, (short) 1, topicConfigs);
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.registerSchemas(registry, topics);
        }
    }
}
