package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A crawl team adds partitions to its ingest topics while the job runs, and its producers write to
 * them at once. The job finds the new partitions and reads them from their first record: every
 * record, including those published before the job noticed the partitions, comes out exactly once.
 */
class InputPartitionsAddedITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int BATCH = 40;

    @Test
    void recordsOnPartitionsAddedWhileTheJobRunsComeOutExactlyOnce() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bootstrap = stack.bootstrapServers();
        Map<String, String> settings = ItJobs.jobSettings("it-partitions-added", bootstrap, stack.registryUrl());
        settings.put("dedup.enabled", "false"); // many records share a text; this test is about partitions
        // Look for new partitions every second rather than every 30 s, so the test does not wait.
        settings.put("kafka.client.partition.discovery.interval.ms", "1000");
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                Admin admin = Admin.create(KafkaSettings.of(bootstrap).baseProperties());
                KafkaProducer<byte[], byte[]> producer = ItJobs.producer(bootstrap)) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));

            List<String> ids = new ArrayList<>();
            ItJobs.publishParagraphs(bootstrap, topics, registry, "before", BATCH, ids);
            assertThat(TopicReader.readUntil(bootstrap, topics.terminalOutputs(), r -> r.size() >= BATCH,
                    Duration.ofSeconds(90))).hasSize(BATCH);

            admin.createPartitions(Map.of(topics.syntheticIngest(), NewPartitions.increaseTo(4),
                    topics.scrapedIngest(), NewPartitions.increaseTo(4))).all().get();
            // Straight to the new partitions, before the job can have noticed them.
            var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                    SyntheticRecord.class);
            var scraped = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                    ScrapedRecord.class);
            List<RecordMetadata> written = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String id = "added-" + i;
                ids.add(id);
                int partition = 2 + i % 2;
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> record = i % 4 < 2
                        ? new ProducerRecord<>(topics.syntheticIngest(), partition, key,
                                synthetic.serialize(TestRecords.synthetic(id, TestRecords.PARAGRAPH)))
                        : new ProducerRecord<>(topics.scrapedIngest(), partition, key,
                                scraped.serialize(TestRecords.scraped(id, TestRecords.PARAGRAPH)));
                written.add(producer.send(record).get());
            }
            assertThat(written).extracting(RecordMetadata::partition).containsOnly(2, 3);
            // And the old partitions carry on.
            ItJobs.publishParagraphs(bootstrap, topics, registry, "after", BATCH, ids);

            int expected = ids.size();
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readSettled(bootstrap, topics.terminalOutputs(),
                    expected, Duration.ofSeconds(120));
            assertThat(out).extracting(TopicReader::key).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(out).extracting(ConsumerRecord::topic).containsOnly(topics.accepted());
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }
}
