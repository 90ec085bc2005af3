package io.sluice.it;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the job ITCases share: topic names of their own, and the real job started on the test's cluster. */
public final class ItJobs {
    private ItJobs() {}

    /** Every topic role under {@code prefix}, as {@code topics.<role>=<prefix>.<default name>} settings. */
    public static Map<String, String> prefixedTopicSettings(String prefix) {
        Map<String, String> names = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : SluiceTopics.defaults().all()) {
            names.put("topics." + spec.role(), prefix + "." + spec.name());
        }
        return names;
    }

    /**
     * A properties file for the CLI in {@code dir}: the stack's broker and registry, topics prefixed
     * with {@code prefix}; the topics are created (one partition each) and their schemas registered.
     */
    public static Path cliConfig(Path dir, LocalStack stack, String prefix) throws Exception {
        Path config = cliConfigFile(dir, stack, prefix);
        SluiceTopics topics = SluiceTopics.fromMap(prefixedTopicSettings(prefix));
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 1, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
        }
        return config;
    }

    /** The properties file of {@link #cliConfig} alone: no topic is created, no schema registered. */
    public static Path cliConfigFile(Path dir, LocalStack stack, String prefix) throws Exception {
        Path config = dir.resolve("sluice.properties");
        StringBuilder props = new StringBuilder("kafka.bootstrap.servers=" + stack.bootstrapServers()
                + "\nregistry.url=" + stack.registryUrl() + "\n");
        prefixedTopicSettings(prefix).forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, props);
        return config;
    }

    /**
     * The settings the job ITCases share: topics prefixed with {@code name}, the given broker and
     * registry, job name and consumer group {@code name}, checkpoints every 500 ms, parallelism 2.
     * Mutable, for each test's own additions.
     */
    public static Map<String, String> jobSettings(String name, String bootstrap, String registryUrl) {
        Map<String, String> settings = prefixedTopicSettings(name);
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("registry.url", registryUrl);
        settings.put("job.name", name);
        settings.put("job.group.id", name);
        settings.put("job.checkpoint.interval.ms", "500");
        settings.put("job.parallelism", "2");
        return settings;
    }

    /** Wires the Sluice job for {@code config}, submits it, and waits (up to 60 s) until it runs or has failed. */
    public static JobClient startAndAwaitRunning(SluiceJobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        JobClient client = env.executeAsync(config.jobName());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobStatus status;
        while ((status = client.getJobStatus().get()) != JobStatus.RUNNING && !status.isGloballyTerminalState()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return client;
    }

    /** A producer of raw bytes to {@code bootstrap} that waits for every replica's ack. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes {@code count} records of {@link TestRecords#PARAGRAPH}, synthetic and scraped in turn,
     * with ids {@code <batch>-<i>}, each id added to {@code ids}; returns once the broker has them all.
     */
    public static void publishParagraphs(String bootstrap, SluiceTopics topics, SchemaRegistryClient registry,
            String batch, int count, List<String> ids) {
        var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                SyntheticRecord.class);
        var scraped = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                ScrapedRecord.class);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                String id = batch + "-" + i;
                ids.add(id);
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                if (i % 2 == 0) {
                    producer.send(new ProducerRecord<>(topics.syntheticIngest(), key,
                            synthetic.serialize(TestRecords.synthetic(id, TestRecords.PARAGRAPH))));
                } else {
                    producer.send(new ProducerRecord<>(topics.scrapedIngest(), key,
                            scraped.serialize(TestRecords.scraped(id, TestRecords.PARAGRAPH))));
                }
            }
            producer.flush();
        }
    }

    /**
     * The directory of the newest retained checkpoint (the one holding a _metadata file). Flink discards
     * subsumed checkpoints asynchronously, even after the job has been cancelled, so files vanish while
     * this looks: it lists only the job and chk-N directories, and tolerates one disappearing.
     */
    public static Path latestCheckpoint(Path root) throws Exception {
        List<Path> completed = new ArrayList<>();
        for (Path jobDirectory : listOrEmpty(root)) {
            for (Path checkpoint : listOrEmpty(jobDirectory)) {
                if (checkpoint.getFileName().toString().startsWith("chk-")
                        && Files.exists(checkpoint.resolve("_metadata"))) {
                    completed.add(checkpoint);
                }
            }
        }
        return completed.stream()
                .max(Comparator.comparingLong(
                        d -> Long.parseLong(d.getFileName().toString().replace("chk-", ""))))
                .orElseThrow(() -> new AssertionError("no retained checkpoint under " + root));
    }

    private static List<Path> listOrEmpty(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.toList();
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return List.of();
        }
    }
}
