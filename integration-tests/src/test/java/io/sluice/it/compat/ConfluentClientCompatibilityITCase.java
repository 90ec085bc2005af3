package io.sluice.it.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.SharedLocalStack;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compatibility is judged with Confluent's own client: records produced by confluent-kafka's Avro
 * producer (its schema-registry client and wire-format serializer) are curated by the Sluice job,
 * and Sluice's outputs decode with that same library. The Python side is
 * {@code src/test/python/confluent_roundtrip.py}; it needs Debian's python3-confluent-kafka and
 * python3-avro ({@code .ci/run} installs them when it can), and the test is skipped, saying why,
 * where they are missing.
 */
class ConfluentClientCompatibilityITCase {
    private static final String PYTHON = "/usr/bin/python3";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @Test
    void recordsFromConfluentsPythonClientAreCuratedAndOutputsDecodeWithIt() throws Exception {
        assumeTrue(confluentKafkaAvailable(), "python3-confluent-kafka and python3-avro are not installed");
        LocalStack stack = SharedLocalStack.get();
        String prefix = "it-compat.";
        Map<String, String> settings = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : SluiceTopics.defaults().all()) {
            settings.put("topics." + spec.role(), prefix + spec.name());
        }
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 1, (short) 1);
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.registerSchemas(registry, topics);
        }
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.name", "it-compat");
        settings.put("job.group.id", "it-compat");
        settings.put("job.transactional.id.prefix", "it-compat");
        settings.put("job.checkpoint.interval.ms", "500");
        // The script cycles through a few texts and expects each record's route by its text alone.
        settings.put("dedup.enabled", "false");
        SluiceJobConfig config = SluiceJobConfig.fromMap(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        JobClient job = env.executeAsync("it-compat");
        try {
            Path script = Path.of("src/test/python/confluent_roundtrip.py").toAbsolutePath();
            Process python = new ProcessBuilder(PYTHON, script.toString(), stack.bootstrapServers(), stack.registryUrl(),
                    prefix, "40").redirectErrorStream(true).start();
            boolean finished = python.waitFor(180, TimeUnit.SECONDS);
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("python round trip finished; output: %s", output).isTrue();
            assertThat(python.exitValue()).as("python round trip output: %s", output).isZero();
            assertThat(output).contains("\"produced\": 40").contains("\"wrong_or_missing\": {}");
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    private static boolean confluentKafkaAvailable() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro").redirectErrorStream(true).start();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

}
