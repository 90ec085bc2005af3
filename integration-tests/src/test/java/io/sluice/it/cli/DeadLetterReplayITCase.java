package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SyntheticRecord;
import io.sluice.cli.SluiceCli;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TestRecords;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator's way back from a dead-letter incident: records were dead-lettered because the job's
 * input size limit was set too low; the limit is raised, the job restarted from its checkpoint, and
 * {@code sluice deadletter replay --stage size} sends those dead letters back to their input topics.
 * Each is then curated exactly once; the dead letter of another stage (undecodable bytes) stays where
 * it is, and a second replay sends nothing again.
 */
class DeadLetterReplayITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int GOOD = 20;
    private static final int LARGE = 3;

    @Test
    void deadLettersOfAFixedCauseAreReplayedAndCuratedExactlyOnce(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        Map<String, String> settings = ItJobs.jobSettings("it-replay", bootstrap, stack.registryUrl());
        settings.put("job.checkpoint.dir", dir.resolve("checkpoints").toUri().toString());
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        Path config = ItJobs.cliConfigFile(dir, stack, "it-replay");

        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                KafkaProducer<byte[], byte[]> producer = ItJobs.producer(bootstrap)) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);

            // First run: an input limit too low for some real records.
            Map<String, String> tooLow = new HashMap<>(settings);
            tooLow.put("curation.max.record.bytes", "2000");
            JobClient first = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(tooLow));
            List<String> good = new ArrayList<>();
            ItJobs.publishParagraphs(bootstrap, topics, registry, "good", GOOD, good);
            var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                    SyntheticRecord.class);
            List<String> large = new ArrayList<>();
            for (int i = 0; i < LARGE; i++) {
                String id = "large-" + i;
                large.add(id);
                // ~3 KB of prose: six distinct paragraphs, rotated so each record's text is its own.
                StringBuilder text = new StringBuilder();
                for (int p = 0; p < TestRecords.DISTINCT_PARAGRAPHS.size(); p++) {
                    text.append(TestRecords.DISTINCT_PARAGRAPHS.get((p + i) % TestRecords.DISTINCT_PARAGRAPHS.size())).append("\n\n");
                }
                producer.send(new ProducerRecord<>(topics.syntheticIngest(), id.getBytes(StandardCharsets.UTF_8),
                        synthetic.serialize(TestRecords.synthetic(id, text.toString()))));
            }
            producer.send(new ProducerRecord<>(topics.scrapedIngest(), "garbage".getBytes(StandardCharsets.UTF_8),
                    "not avro at all".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            List<String> outputs = topics.terminalOutputs(); // the dead-letter topic among them
            List<ConsumerRecord<byte[], byte[]>> firstOut = TopicReader.readUntil(bootstrap, outputs,
                    r -> r.size() >= GOOD + LARGE + 1, Duration.ofSeconds(90));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = firstOut.stream()
                    .filter(r -> r.topic().equals(topics.deadletter())).toList();
            assertThat(deadLetters).extracting(TopicReader::key).containsExactlyInAnyOrder("large-0", "large-1", "large-2",
                    "garbage");
            assertThat(deadLetters).filteredOn(r -> TopicReader.key(r).startsWith("large-"))
                    .allSatisfy(r -> assertThat(TopicReader.header(r, DeadLetters.STAGE)).isEqualTo("size"));
            Thread.sleep(1500); // idle checkpoints, so the retained one holds nothing in flight
            first.cancel().get();

            // A dry run counts and writes nothing.
            List<String> dryRun = replay(config, "--stage", "size", "--dry-run");
            assertThat(dryRun.get(0)).startsWith("Would replay 3 dead letter(s)");
            assertThat(dryRun).contains("  1 skipped: another stage");

            // The limit raised (its default), the job restarted from its checkpoint, the dead letters replayed.
            Map<String, String> raised = new HashMap<>(settings);
            raised.put("job.restore.path", ItJobs.latestCheckpoint(dir.resolve("checkpoints")).toUri().toString());
            raised.put("job.checkpoint.dir", dir.resolve("checkpoints-2").toUri().toString());
            JobClient second = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(raised));
            try {
                List<String> replayed = replay(config, "--stage", "size");
                assertThat(replayed.get(0)).startsWith("Replayed 3 dead letter(s)");
                assertThat(replayed).contains("  3 to " + topics.syntheticIngest());

                int expected = GOOD + LARGE + 1 + LARGE;
                List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readSettled(bootstrap, outputs, expected,
                        Duration.ofSeconds(90));
                List<String> curated = out.stream().filter(r -> !r.topic().equals(topics.deadletter()))
                        .map(TopicReader::key).toList();
                List<String> everyId = new ArrayList<>(good);
                everyId.addAll(large);
                assertThat(curated).containsExactlyInAnyOrderElementsOf(everyId);
                // Nothing new was dead-lettered: the replayed records passed, the garbage was not replayed.
                assertThat(out).filteredOn(r -> r.topic().equals(topics.deadletter())).hasSize(LARGE + 1);

                // The replay's progress is kept: run again, nothing is sent twice.
                assertThat(replay(config, "--stage", "size").get(0)).startsWith("Replayed 0 dead letter(s)");

                // A config naming a dead-letter topic that does not exist is refused with its name.
                Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
                Path missing = ItJobs.cliConfigFile(elsewhere, stack, "it-replay-missing");
                StringWriter err = new StringWriter();
                CommandLine cli = SluiceCli.commandLine();
                cli.setErr(new PrintWriter(err));
                assertThat(cli.execute("deadletter", "replay", "--config", missing.toString(), "--timeout", "5s")).isEqualTo(2);
                assertThat(err.toString()).contains("there is no topic it-replay-missing.sluice.deadletter");
            } finally {
                second.cancel().get();
            }
        }
    }

    private static List<String> replay(Path config, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SluiceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        List<String> all = new ArrayList<>(List.of("deadletter", "replay", "--config", config.toString()));
        all.addAll(List.of(args));
        assertThat(cli.execute(all.toArray(String[]::new))).as("exit code of %s", all).isZero();
        return out.toString().lines().toList();
    }
}
