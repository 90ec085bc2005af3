package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart under a running job: the broker (a real KRaft node with its own kept data
 * directory) is shut down while the job runs, records are published once it is back at the same
 * address, and every record of both batches must come out exactly once, with the job still running.
 */
class BrokerRestartITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int BATCH = 100;

    @Test
    void everyRecordComesOutExactlyOnceAcrossABrokerRestart(@TempDir Path dataDir) throws Exception {
        String registryUrl = SharedLocalStack.get().registryUrl();
        Map<String, String> settings = new HashMap<>(ItJobs.prefixedTopicSettings("it-broker-restart"));
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        String bootstrap = broker.bootstrapServers();
        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(registryUrl))) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);

            settings.putAll(ItJobs.jobSettings("it-broker-restart", bootstrap, registryUrl));
            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));

            List<String> ids = new ArrayList<>();
            ItJobs.publishParagraphs(bootstrap, topics, registry, "before", BATCH, ids);
            assertThat(TopicReader.readUntil(bootstrap, topics.terminalOutputs(), r -> r.size() >= BATCH,
                    Duration.ofSeconds(90))).hasSize(BATCH);

            broker.close();
            Thread.sleep(3000); // the job's clients and checkpoints fail meanwhile
            broker = EmbeddedKafkaBroker.restart(dataDir, bootstrap);
            ItJobs.publishParagraphs(bootstrap, topics, registry, "after", BATCH, ids);

            TopicReader.readUntil(bootstrap, topics.terminalOutputs(), r -> r.size() >= 2 * BATCH, Duration.ofSeconds(180));
            Thread.sleep(3000); // a few more checkpoints: a duplicate would show up now
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(bootstrap, topics.terminalOutputs(),
                    r -> false, Duration.ofSeconds(3));
            assertThat(out).extracting(TopicReader::key).containsExactlyInAnyOrderElementsOf(ids);
            // Valid paragraphs, all accepted: a record dead-lettered or quarantined by the restart
            // (a failed write taken for the record's fault) would still have come out once.
            assertThat(out).extracting(ConsumerRecord::topic).containsOnly(topics.accepted());
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
            broker.close();
        }
    }
}
