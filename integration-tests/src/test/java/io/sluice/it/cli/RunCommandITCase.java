package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.SluiceCli;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sluice run} against a real broker whose topics were never created: it must say which are
 * missing and how to create them, and start no job (which would read nothing, or fail on every
 * restart once its producer gave up on a missing output topic).
 */
class RunCommandITCase {

    @Test
    void refusesToStartWithoutItsTopicsNamingThemAndTheCommandThatCreatesThem(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfigFile(dir, stack, "run-it");
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("run-it"));
        KafkaSettings kafka = KafkaSettings.of(stack.bootstrapServers());
        assertThat(TopicAdmin.missing(kafka, topics)).hasSize(topics.all().size());

        StringWriter err = new StringWriter();
        CommandLine cli = cliWritingErrorsTo(err);
        long start = System.nanoTime();
        assertThat(cli.execute("run", "--config", config.toString(), "--web-ui-port", "0")).isEqualTo(2);
        assertThat(System.nanoTime() - start).as("no job was started").isLessThan(30_000_000_000L);
        assertThat(err.toString()).contains(topics.accepted(), topics.scrapedIngest(), "sluice topics create",
                "--skip-preflight");

        assertThat(SluiceCli.commandLine().execute("topics", "create", "--config", config.toString(),
                "--partitions", "1", "--replication-factor", "1")).isZero();
        assertThat(TopicAdmin.missing(kafka, topics)).isEmpty();
    }

    @Test
    @Timeout(120) // a job started by mistake would run until stopped
    void refusesToStartWithATransactionTimeoutTheBrokersDoNotAllow(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfig(dir, stack, "run-it-txn");
        StringWriter err = new StringWriter();
        CommandLine cli = cliWritingErrorsTo(err);
        long cap = TopicAdmin.brokerTransactionTimeoutCapMillis(KafkaSettings.of(stack.bootstrapServers()));
        assertThat(cap).as("the embedded broker's transaction.max.timeout.ms").isPositive();
        long wanted = cap + 3_600_000L;
        assertThat(cli.execute("run", "--config", config.toString(), "--web-ui-port", "0",
                "-D", "kafka.transaction.timeout.ms=" + wanted)).isEqualTo(2);
        assertThat(err.toString()).contains("transaction.max.timeout.ms", Long.toString(cap), Long.toString(wanted));
    }

    @Test
    void refusesToStartWhereTheRegistryHoldsAnotherSchemaUnderAnOutputSubject(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfigFile(dir, stack, "run-it-schema");
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("run-it-schema"));
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 1, (short) 1);
        // Someone else's record under the subject of Sluice's accepted topic, with a rule that binds.
        String subject = SluiceTopics.valueSubject(topics.accepted());
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            registry.register(subject, new Schema.Parser().parse(
                    "{\"type\":\"record\",\"name\":\"PageView\",\"namespace\":\"com.example\","
                            + "\"fields\":[{\"name\":\"url\",\"type\":\"string\"}]}"));
            registry.setCompatibility(subject, "BACKWARD");
        }

        StringWriter err = new StringWriter();
        CommandLine cli = cliWritingErrorsTo(err);
        assertThat(cli.execute("run", "--config", config.toString(), "--web-ui-port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains(subject, "compatibility").doesNotContain(
                SluiceTopics.valueSubject(topics.quarantined()));
    }

    private static CommandLine cliWritingErrorsTo(StringWriter err) {
        CommandLine cli = SluiceCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
