package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
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
        Map<String, String> settings = ItJobs.jobSettings("it-learner", bootstrap, stack.registryUrl());
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        settings.put("learner.enabled", "true");
        settings.put("learner.interventions", interventions.toString());

        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));

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

            var ledgerDecoder = new ConfluentAvroDecoder<>(registry, InterventionRecord.class);
            List<InterventionRecord> ledger = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readUntil(bootstrap, List.of(topics.interventions()),
                    records -> records.size() >= 6, Duration.ofSeconds(90))) {
                ledger.add(ledgerDecoder.decode(r.value()));
            }
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

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
