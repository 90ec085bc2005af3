package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ScrapedRecord;
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
import io.sluice.it.TestRecords;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.functions.LearnerFunction;
import io.sluice.pipeline.policy.PolicyPublisher;
import io.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * The closed loop on the real job: evaluation results for two interventions arrive on the feedback
 * topic, the learner writes each to the intervention ledger with the effect measured so far, publishes
 * the policy of the intervention it chooses to the policy topic, and the job's own live-policy input
 * applies it: records read afterwards are decided by the better intervention's policy.
 */
class FeedbackLoopITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String BETTER = """
            version: "it-learner-better-1"
            description: the intervention the evaluations favour
            rules:
              - code: held_for_review
                when: { signal: text.word_count, op: ">=", value: 1 }
                route: quarantine
                detail: "the learner's choice"
            """;

    @Test
    void feedbackChoosesAPolicyThatTheJobThenAppliesWithALedgerOfEffects(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        Files.writeString(dir.resolve("better.yaml"), BETTER);
        Path interventions = dir.resolve("interventions.yaml");
        Files.writeString(interventions, """
                metric: val_accuracy
                interventions:
                  - id: baseline
                    kind: threshold_change
                    description: the shipped policy
                    policy_file: default
                  - id: better
                    kind: threshold_change
                    description: hold everything (the simulated evaluator scores it higher)
                    policy_file: better.yaml
                """);
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("it-learner"));

        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            job = startWithLearner("it-learner", stack, registry, interventions);

            // Three results per intervention, baseline first: the learner explores both, then exploits.
            var feedback = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.feedback()), FeedbackEvent.class);
            double[][] results = {{0.600, 0.610, 0.605}, {0.800, 0.810, 0.805}};
            String[] ids = {"baseline", "better"};
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                for (int arm = 0; arm < 2; arm++) {
                    for (int i = 0; i < 3; i++) {
                        String eventId = ids[arm] + "-" + i;
                        // One partition: the learner sees the results in the order they were published.
                        producer.send(new ProducerRecord<>(topics.feedback(), 0, eventId.getBytes(StandardCharsets.UTF_8),
                                feedback.serialize(FeedbackEvent.newBuilder().setEventId(eventId).setInterventionId(ids[arm])
                                        .setMetric("val_accuracy").setValue(results[arm][i]).setHigherIsBetter(true)
                                        .setEvaluatedAt(Instant.now()).build())));
                    }
                }
                // A result of another metric is ignored.
                producer.send(new ProducerRecord<>(topics.feedback(), 0, "other".getBytes(StandardCharsets.UTF_8),
                        feedback.serialize(FeedbackEvent.newBuilder().setEventId("other").setInterventionId("baseline")
                                .setMetric("val_loss").setValue(9.0).setHigherIsBetter(false)
                                .setEvaluatedAt(Instant.now()).build())));
                producer.flush();
            }

            List<InterventionRecord> ledger = readLedger(bootstrap, registry, topics, 6);
            assertThat(ledger).hasSize(6);
            InterventionRecord lastBetter = ledger.stream().filter(l -> l.getInterventionId().equals("better"))
                    .max(java.util.Comparator.comparingLong(InterventionRecord::getObservations)).orElseThrow();
            assertThat(lastBetter.getObservations()).isEqualTo(3);
            assertThat(lastBetter.getMeasuredEffect()).isCloseTo(0.805, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(lastBetter.getPolicyVersion()).isEqualTo("it-learner-better-1");

            // Explore baseline (too few results), then better, then keep better: two updates. The ledger
            // and the updates may sit in different sink subtasks' transactions, so wait for both.
            var updateDecoder = new ConfluentAvroDecoder<>(registry, PolicyUpdate.class);
            List<PolicyUpdate> updates = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readUntil(bootstrap, List.of(topics.policy()),
                    records -> records.size() >= 2, Duration.ofSeconds(30))) {
                updates.add(updateDecoder.decode(r.value()));
            }
            assertThat(updates).extracting(PolicyUpdate::getInterventionId).containsExactly("baseline", "better");
            assertThat(updates).allSatisfy(u -> assertThat(u.getAuthor()).isEqualTo(LearnerFunction.AUTHOR));
            assertThat(updates.get(1).getReason()).contains("exploring").contains("baseline n=2");

            // The loop closes through the job's own policy input.
            var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                    ScrapedRecord.class);
            var curatedDecoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            boolean applied = false;
            int probe = 0;
            while (!applied && System.nanoTime() < deadline) {
                String id = "probe-" + probe;
                try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                    producer.send(new ProducerRecord<>(topics.scrapedIngest(), id.getBytes(StandardCharsets.UTF_8),
                            serializer.serialize(TestRecords.scraped(id, TestRecords.DISTINCT_PARAGRAPHS.get(probe % 6)
                                    + " Probe " + probe + "."))));
                }
                probe++;
                Thread.sleep(500);
                applied = TopicReader.readUntil(bootstrap, List.of(topics.quarantined()), records -> false,
                                Duration.ofSeconds(1)).stream()
                        .map(r -> curatedDecoder.decode(r.value()))
                        .anyMatch(c -> c.getDecision().getPolicyVersion().equals("it-learner-better-1"));
            }
            assertThat(applied).as("a record decided by the learner's choice").isTrue();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }

    /**
     * Per-slice learning: evaluation results about two slices favour opposite arms (open slice
     * a.example, keep holding b.example). Each slice's bandit settles on its own best arm, the learner
     * publishes one composed policy naming both choices in its version, and the job then accepts
     * records of one slice while it still holds the other's.
     */
    @Test
    void learnsPerSliceAndTheJobAppliesBothChoicesInOnePolicy(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        String hold = """
                version: "it-hold-1"
                description: holds every record with a word, unless a slice disables it
                rules:
                  - code: held_for_review
                    when: { signal: text.word_count, op: ">=", value: 1 }
                    route: quarantine
                    detail: "held"
                """;
        Files.writeString(dir.resolve("hold.yaml"), hold);
        Path interventions = dir.resolve("slices.yaml");
        Files.writeString(interventions, """
                metric: val_accuracy
                base_policy: hold.yaml
                slices:
                  "scraped/*/a.example":
                    - { id: a-hold, kind: threshold_change, description: hold a.example }
                    - { id: a-open, kind: threshold_change, description: open a.example, override: { disable: [held_for_review] } }
                  "scraped/*/b.example":
                    - { id: b-hold, kind: threshold_change, description: hold b.example }
                    - { id: b-open, kind: threshold_change, description: open b.example, override: { disable: [held_for_review] } }
                """);
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("it-slice-learner"));
        String expected = "it-hold-1+learned:a-open,b-hold";

        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            job = startWithLearner("it-slice-learner", stack, registry, interventions);

            var feedback = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.feedback()), FeedbackEvent.class);
            String[] arms = {"a-hold", "a-open", "b-hold", "b-open"};
            String[] slices = {"scraped/en/a.example", "scraped/en/a.example", "scraped/en/b.example", "scraped/en/b.example"};
            double[] accuracy = {0.60, 0.80, 0.80, 0.60};
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                for (int arm = 0; arm < arms.length; arm++) {
                    for (int i = 0; i < 3; i++) {
                        String eventId = arms[arm] + "-" + i;
                        producer.send(new ProducerRecord<>(topics.feedback(), 0, eventId.getBytes(StandardCharsets.UTF_8),
                                feedback.serialize(FeedbackEvent.newBuilder().setEventId(eventId).setInterventionId(arms[arm])
                                        .setSlice(slices[arm]).setMetric("val_accuracy")
                                        .setValue(accuracy[arm] + 0.005 * i).setHigherIsBetter(true)
                                        .setEvaluatedAt(Instant.now()).build())));
                    }
                }
                producer.flush();
            }

            List<InterventionRecord> ledger = readLedger(bootstrap, registry, topics, 12);
            assertThat(ledger).hasSize(12);
            assertThat(ledger).filteredOn(l -> l.getInterventionId().equals("a-open"))
                    .allSatisfy(l -> assertThat(l.getSlice()).isEqualTo("scraped/*/a.example"))
                    .extracting(InterventionRecord::getObservations).containsExactlyInAnyOrder(1L, 2L, 3L);

            // Each slice explores both arms, then exploits: b.example's bandit returns to b-hold once both
            // have results, which puts the expected combination in force for good.
            String settled = "scraped/*/b.example -> b-hold (Thompson sampling)";
            var updateDecoder = new ConfluentAvroDecoder<>(registry, PolicyUpdate.class);
            List<PolicyUpdate> updates = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readUntil(bootstrap, List.of(topics.policy()),
                    records -> records.stream().anyMatch(u -> updateDecoder.decode(u.value()).getReason().contains(settled)),
                    Duration.ofSeconds(30))) {
                updates.add(updateDecoder.decode(r.value()));
            }
            assertThat(updates).extracting(PolicyUpdate::getPolicyVersion)
                    .contains("it-hold-1+learned:a-open,b-open", expected);
            PolicyUpdate last = updates.get(updates.size() - 1);
            assertThat(last.getReason()).contains(settled);
            assertThat(last.getPolicyVersion()).isEqualTo(expected);
            assertThat(updates).allSatisfy(u -> assertThat(u.getAuthor()).isEqualTo(LearnerFunction.AUTHOR));

            // One composed policy decides both slices: a.example accepted, b.example still held.
            awaitRoutes(bootstrap, registry, topics, expected, 0, Map.of(
                    "a.example", new Route(topics.accepted(), null),
                    "b.example", new Route(topics.quarantined(), "held_for_review")));

            // An operator's push is built on, not undone: the learner republishes it at once with its
            // choices on top, so a.example is now held by the operator's own rule (the learned arm
            // disables only held_for_review) and b.example is still held by the base rule.
            String ops = hold.replace("it-hold-1", "it-ops-1") + """
                      - code: ops_hold
                        when: { signal: text.word_count, op: ">=", value: 1 }
                        route: quarantine
                        detail: "the operator's own rule"
                    """;
            PolicyPublisher.publish(KafkaSettings.of(bootstrap), registry, topics.policy(),
                    PolicyPublisher.validated(ops, "ops.yaml", "it-operator", "incident 42", Instant.now()),
                    Duration.ofSeconds(30));
            String rebuilt = "it-ops-1+learned:a-open,b-hold";
            PolicyUpdate rebuiltUpdate = TopicReader.readUntil(bootstrap, List.of(topics.policy()),
                            records -> records.stream().anyMatch(u -> updateDecoder.decode(u.value()).getPolicyVersion()
                                    .equals(rebuilt)), Duration.ofSeconds(30)).stream()
                    .map(r -> updateDecoder.decode(r.value())).filter(u -> u.getPolicyVersion().equals(rebuilt))
                    .findFirst().orElseThrow(() -> new AssertionError("no update " + rebuilt + " on the policy topic"));
            assertThat(rebuiltUpdate.getAuthor()).isEqualTo(LearnerFunction.AUTHOR);
            assertThat(rebuiltUpdate.getReason()).contains("built on operator policy it-ops-1 (pushed by it-operator)");
            awaitRoutes(bootstrap, registry, topics, rebuilt, 1000, Map.of(
                    "a.example", new Route(topics.quarantined(), "ops_hold"),
                    "b.example", new Route(topics.quarantined(), "held_for_review")));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }

    /**
     * Creates the job's topics (two partitions) and registers their schemas, then starts the job named
     * {@code name} with the learner on {@code interventions}; returns once it runs.
     */
    private static JobClient startWithLearner(String name, LocalStack stack, SchemaRegistryClient registry,
            Path interventions) throws Exception {
        Map<String, String> settings = ItJobs.jobSettings(name, stack.bootstrapServers(), stack.registryUrl());
        settings.put("learner.enabled", "true");
        settings.put("learner.interventions", interventions.toString());
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 2, (short) 1);
        TopicAdmin.registerSchemas(registry, topics);
        return ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
    }

    /** Where a probe record of a host must go, and its first reason code (null: any). */
    private record Route(String topic, String reason) {}

    /**
     * Sends a probe record per host every half second (numbered from {@code firstProbe}) until, for each
     * host, one decided under {@code version} has arrived; every such record must take its host's route.
     */
    private static void awaitRoutes(String bootstrap, SchemaRegistryClient registry, SluiceTopics topics, String version,
            int firstProbe, Map<String, Route> routes) throws Exception {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                ScrapedRecord.class);
        var curatedDecoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> seen = new HashSet<>();
        int probe = firstProbe;
        while (seen.size() < routes.size() && System.nanoTime() < deadline) {
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                for (String host : routes.keySet()) {
                    String id = host + "-probe-" + probe;
                    ScrapedRecord record = ScrapedRecord.newBuilder(TestRecords.scraped(id,
                                    TestRecords.DISTINCT_PARAGRAPHS.get(probe % 6) + " Probe " + probe + "."))
                            .setUrl("https://" + host + "/page/" + probe).build();
                    producer.send(new ProducerRecord<>(topics.scrapedIngest(), id.getBytes(StandardCharsets.UTF_8),
                            serializer.serialize(record)));
                }
            }
            probe++;
            Thread.sleep(500);
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(bootstrap,
                    List.of(topics.accepted(), topics.quarantined()), records -> false, Duration.ofSeconds(1));
            for (ConsumerRecord<byte[], byte[]> r : out) {
                CuratedRecord c = curatedDecoder.decode(r.value());
                if (!c.getDecision().getPolicyVersion().equals(version)) {
                    continue;
                }
                String id = TopicReader.key(r);
                String host = id.substring(0, id.indexOf("-probe-"));
                Route route = routes.get(host);
                assertThat(r.topic()).as("route of %s under %s", id, version).isEqualTo(route.topic());
                if (route.reason() != null) {
                    assertThat(c.getDecision().getReasons()).as("reasons of %s under %s", id, version)
                            .extracting(ReasonCode::getCode).startsWith(route.reason());
                }
                seen.add(host);
            }
        }
        assertThat(seen).as("hosts with a record decided under %s", version).containsExactlyInAnyOrderElementsOf(routes.keySet());
    }

    /** The ledger entries, once {@code count} are committed (or after 90 s). */
    private static List<InterventionRecord> readLedger(String bootstrap, SchemaRegistryClient registry, SluiceTopics topics,
            int count) {
        var decoder = new ConfluentAvroDecoder<>(registry, InterventionRecord.class);
        return TopicReader.readUntil(bootstrap, List.of(topics.interventions()), records -> records.size() >= count,
                Duration.ofSeconds(90)).stream().map(r -> decoder.decode(r.value())).toList();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
