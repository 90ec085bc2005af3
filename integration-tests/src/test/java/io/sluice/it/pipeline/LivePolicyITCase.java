package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.cli.SluiceCli;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.policy.PolicyPublisher;
import io.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy replaced while the job runs: records are decided by the starting policy, then
 * {@code sluice policy push} publishes one that holds every record for review, and the records read
 * after it reaches the job are quarantined under its version, without a restart. A push of an invalid
 * file is refused before it reaches the topic, and an invalid update written there by another
 * producer is ignored: the job keeps running with the policy in force. Every record comes out exactly once.
 */
class LivePolicyITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int BATCH = 40;
    private static final String HOLD_ALL = """
            version: "it-hold-all-1"
            description: hold everything while the crawler is audited
            rules:
              - code: held_for_review
                when: { signal: text.word_count, op: ">=", value: 1 }
                route: quarantine
                detail: "every record is held while the crawler is audited"
            """;

    @Test
    void aPushedPolicyDecidesTheRecordsReadAfterItWithoutARestart(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        Map<String, String> settings = ItJobs.jobSettings("it-live-policy", bootstrap, stack.registryUrl());
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        // Every record here has the same text; this test is about the policy, not about duplicates.
        settings.put("dedup.enabled", "false");
        Path config = dir.resolve("sluice.properties");
        StringBuilder props = new StringBuilder();
        settings.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, props);

        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
            var decoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            List<String> ids = new ArrayList<>();

            ItJobs.publishParagraphs(bootstrap, topics, registry, "before", BATCH, ids);
            List<CuratedRecord> before = curated(decoder, TopicReader.readUntil(bootstrap, topics.terminalOutputs(),
                    r -> r.size() >= BATCH, Duration.ofSeconds(90)));
            assertThat(before).hasSize(BATCH).allSatisfy(c -> {
                assertThat(c.getDecision().getRoute()).isEqualTo(Route.ACCEPTED);
                assertThat(c.getDecision().getPolicyVersion()).startsWith("2026.11-default");
            });

            Path invalid = dir.resolve("invalid.yaml");
            Files.writeString(invalid, "version: broken\nrules: [ {code: x} ]\n");
            assertThat(cli("policy", "push", "--config", config.toString(), "--file", invalid.toString())).isEqualTo(2);
            Path holdAll = dir.resolve("hold-all.yaml");
            Files.writeString(holdAll, HOLD_ALL);
            assertThat(cli("policy", "push", "--config", config.toString(), "--file", holdAll.toString(),
                    "--reason", "crawler audit")).isZero();

            // Records and policy updates come from different topics: probe until the job has the update.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int probes = 0;
            boolean applied = false;
            while (!applied && System.nanoTime() < deadline) {
                ItJobs.publishParagraphs(bootstrap, topics, registry, "probe" + probes++, 1, ids);
                Thread.sleep(500);
                applied = curated(decoder, TopicReader.readUntil(bootstrap, List.of(topics.quarantined()),
                        r -> false, Duration.ofSeconds(1))).stream()
                        .anyMatch(c -> c.getDecision().getPolicyVersion().equals("it-hold-all-1"));
            }
            assertThat(applied).as("a probe decided by the pushed policy").isTrue();
            // The probe proves one scoring subtask has the update; give the broadcast to the other a moment.
            Thread.sleep(1000);

            // An update the job cannot load, written past the CLI's validation: ignored.
            publishRawUpdate(bootstrap, topics, registry, "version: broken-2\nrules: [ {code: x} ]\n", "broken-2");
            ItJobs.publishParagraphs(bootstrap, topics, registry, "after", BATCH, ids);
            int expected = ids.size();
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readSettled(bootstrap, topics.terminalOutputs(),
                    expected, Duration.ofSeconds(90));
            assertThat(out).extracting(TopicReader::key).containsExactlyInAnyOrderElementsOf(ids);

            List<CuratedRecord> after = curated(decoder, out).stream().filter(c -> c.getId().startsWith("after-")).toList();
            assertThat(after).hasSize(BATCH).allSatisfy(c -> {
                assertThat(c.getDecision().getRoute()).isEqualTo(Route.QUARANTINED);
                assertThat(c.getDecision().getPolicyVersion()).isEqualTo("it-hold-all-1");
                assertThat(c.getDecision().getReasons()).extracting(ReasonCode::getCode).containsExactly("held_for_review");
            });
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }

    /**
     * A job started after pushes decides even its first records with the last valid policy pushed,
     * never with {@code policy.file} or a superseded push: the records are waiting when it starts and
     * reach scoring at once, while the policy input is still replaying the topic.
     */
    @Test
    void aJobStartedAfterAPushDecidesEvenItsFirstRecordsWithThePushedPolicy() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        Map<String, String> settings = ItJobs.jobSettings("it-pushed-first", bootstrap, stack.registryUrl());
        settings.put("dedup.enabled", "false");
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            // Earlier pushes first: a job that replayed them would decide records with superseded policies.
            for (int i = 0; i < 30; i++) {
                String earlier = HOLD_ALL.replace("it-hold-all-1", "it-superseded-" + i);
                PolicyPublisher.publish(KafkaSettings.of(bootstrap), registry, topics.policy(),
                        PolicyPublisher.validated(earlier, "earlier.yaml", "it", "earlier", Instant.now()), Duration.ofSeconds(30));
            }
            PolicyPublisher.publish(KafkaSettings.of(bootstrap), registry, topics.policy(),
                    PolicyPublisher.validated(HOLD_ALL, "hold-all.yaml", "it", "audit", Instant.now()), Duration.ofSeconds(30));
            // A later update the job cannot load: skipped, the one before stays in force.
            publishRawUpdate(bootstrap, topics, registry, "version: broken-3\nrules: [ {code: x} ]\n", "broken-3");
            List<String> ids = new ArrayList<>();
            ItJobs.publishParagraphs(bootstrap, topics, registry, "waiting", BATCH, ids);

            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
            var decoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            List<CuratedRecord> out = curated(decoder, TopicReader.readUntil(bootstrap, topics.terminalOutputs(),
                    r -> r.size() >= BATCH, Duration.ofSeconds(90)));
            assertThat(out).hasSize(BATCH).allSatisfy(c -> {
                assertThat(c.getDecision().getPolicyVersion()).isEqualTo("it-hold-all-1");
                assertThat(c.getDecision().getRoute()).isEqualTo(Route.QUARANTINED);
            });
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }

    private static int cli(String... args) {
        return SluiceCli.commandLine().execute(args);
    }

    /** The curated records among {@code records} (accepted and quarantined; resynthesis requests are skipped). */
    private static List<CuratedRecord> curated(ConfluentAvroDecoder<CuratedRecord> decoder,
            List<ConsumerRecord<byte[], byte[]>> records) {
        List<CuratedRecord> curated = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().endsWith("accepted") || r.topic().endsWith("quarantined")) {
                curated.add(decoder.decode(r.value()));
            }
        }
        return curated;
    }

    private static void publishRawUpdate(String bootstrap, SluiceTopics topics, SchemaRegistryClient registry, String yaml,
            String version) {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.policy()), PolicyUpdate.class);
        PolicyUpdate update = PolicyUpdate.newBuilder().setPolicyVersion(version).setPolicyYaml(yaml)
                .setPublishedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topics.policy(), "policy".getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(update)));
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
