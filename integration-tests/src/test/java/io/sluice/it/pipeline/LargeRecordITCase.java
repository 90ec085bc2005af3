package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.kafka.DeadLetters;
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
import io.sluice.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records too large for their outputs, on the real broker and registry: a curated record carries
 * its text twice, so an input well under Kafka's 1 MiB message limit can make an output the
 * producer refuses. Before this was handled, a 900 KB record failed the sink, and again after
 * every restart: the job never curated another record. Each such record must now land in exactly
 * one topic, the dead-letter one, with its reason and where the original is, and the job must go
 * on curating.
 */
class LargeRecordITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    /** Above Kafka's 1 MiB default, for an input topic that allows it. */
    private static final int HUGE_VALUE_BYTES = 1_300_000;

    private static LocalStack stack;
    private static SchemaRegistryClient registry;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startStack() {
        stack = SharedLocalStack.get();
        registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "all");
        props.put("max.request.size", Integer.toString(2 * HUGE_VALUE_BYTES));
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        registry.close();
    }

    /** Real prose of about {@code chars} characters, paragraphs numbered so no two are the same. */
    static String textOfAbout(int chars) {
        StringBuilder b = new StringBuilder(chars + 1000);
        for (int i = 0; b.length() < chars; i++) {
            b.append(TestRecords.DISTINCT_PARAGRAPHS.get(i % TestRecords.DISTINCT_PARAGRAPHS.size()))
                    .append(" (").append(i).append(")\n\n");
        }
        return b.toString();
    }

    @Test
    void byDefaultAnInputTooLargeForItsCuratedOutputIsDeadLetteredWithItsBytesAndTheJobGoesOn() throws Exception {
        SluiceTopics topics = createTopics("it-large-default");
        var scraped = scrapedSerializer(topics);
        JobClient job = startJob("it-large-default", Map.of());
        try {
            byte[] big = scraped.serialize(TestRecords.scraped("scr-900k", textOfAbout(900_000)));
            send(topics.scrapedIngest(), "scr-900k", big);
            // Under the default input limit (480 KiB): curated as usual, its output ~600 KB.
            send(topics.scrapedIngest(), "scr-300k", scraped.serialize(TestRecords.scraped("scr-300k", textOfAbout(300_000))));
            send(topics.scrapedIngest(), "scr-after", scraped.serialize(TestRecords.scraped("scr-after", TestRecords.PARAGRAPH)));
            producer.flush();

            Map<String, ConsumerRecord<byte[], byte[]>> out = readAll(topics, 3);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            ConsumerRecord<byte[], byte[]> dead = out.get("scr-900k");
            assertThat(dead.topic()).isEqualTo(topics.deadletter());
            assertThat(TopicReader.header(dead, DeadLetters.STAGE)).isEqualTo("size");
            assertThat(TopicReader.header(dead, DeadLetters.MESSAGE)).contains("491520", "curation.max.record.bytes");
            assertThat(dead.value()).as("the original bytes, for a replay").isEqualTo(big);
            assertThat(out.get("scr-300k").topic()).isIn(topics.accepted(), topics.quarantined());
            CuratedRecord curated = new ConfluentAvroDecoder<>(registry, CuratedRecord.class).decode(out.get("scr-300k").value());
            assertThat(curated.getText().length()).isGreaterThan(290_000);
            assertThat(out.get("scr-after").topic()).isEqualTo(topics.accepted());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void outputsAndDeadLettersTheProducerWouldRefuseGoToTheDeadLetterTopicWithoutTheirValue() throws Exception {
        SluiceTopics topics = createTopics("it-large-raised");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.scrapedIngest()),
                    (Collection<AlterConfigOp>) List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes",
                            Integer.toString(2 * HUGE_VALUE_BYTES)), AlterConfigOp.OpType.SET)))).all().get();
        }
        var scraped = scrapedSerializer(topics);
        var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                SyntheticRecord.class);
        // An input limit above what the outputs can hold: the encoder's check is what stands between
        // a 700 KB record and a sink that fails on every restart.
        JobClient job = startJob("it-large-raised", Map.of("curation.max.record.bytes", "1000000"));
        try {
            send(topics.syntheticIngest(), "syn-700k", synthetic.serialize(TestRecords.synthetic("syn-700k", textOfAbout(700_000))));
            byte[] huge = scraped.serialize(TestRecords.scraped("scr-huge", textOfAbout(HUGE_VALUE_BYTES)));
            send(topics.scrapedIngest(), "scr-huge", huge);
            send(topics.scrapedIngest(), "scr-after", scraped.serialize(TestRecords.scraped("scr-after", TestRecords.PARAGRAPH)));
            producer.flush();

            Map<String, ConsumerRecord<byte[], byte[]>> out = readAll(topics, 3);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            ConsumerRecord<byte[], byte[]> tooLargeOutput = out.get("syn-700k");
            assertThat(tooLargeOutput.topic()).isEqualTo(topics.deadletter());
            assertThat(TopicReader.header(tooLargeOutput, DeadLetters.STAGE)).isEqualTo("output-size");
            assertThat(TopicReader.header(tooLargeOutput, DeadLetters.TOPIC)).isEqualTo(topics.syntheticIngest());
            assertThat(TopicReader.header(tooLargeOutput, DeadLetters.OFFSET)).isEqualTo("0");
            assertThat(TopicReader.header(tooLargeOutput, DeadLetters.MESSAGE)).contains("max.request.size of 1048576");
            assertThat(tooLargeOutput.value()).isEmpty();

            ConsumerRecord<byte[], byte[]> tooLargeInput = out.get("scr-huge");
            assertThat(tooLargeInput.topic()).isEqualTo(topics.deadletter());
            assertThat(TopicReader.header(tooLargeInput, DeadLetters.STAGE)).isEqualTo("size");
            assertThat(TopicReader.header(tooLargeInput, DeadLetters.VALUE_DROPPED)).isEqualTo(Integer.toString(huge.length));
            assertThat(tooLargeInput.value()).isEmpty();

            assertThat(out.get("scr-after").topic()).isEqualTo(topics.accepted());
        } finally {
            job.cancel().get();
        }
    }

    private static SluiceTopics createTopics(String prefix) throws Exception {
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings(prefix));
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 1, (short) 1);
        TopicAdmin.registerSchemas(registry, topics);
        return topics;
    }

    private static ConfluentAvroSerializer<ScrapedRecord> scrapedSerializer(SluiceTopics topics) {
        return new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()), ScrapedRecord.class);
    }

    /** The job on {@code name}'s topics (see {@link #createTopics}), one subtask. */
    private static JobClient startJob(String name, Map<String, String> extra) throws Exception {
        Map<String, String> settings = ItJobs.jobSettings(name, stack.bootstrapServers(), stack.registryUrl());
        settings.put("job.transactional.id.prefix", name);
        settings.put("job.parallelism", "1");
        settings.putAll(extra);
        return ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
    }

    /** Every output of the test's {@code expected} records by key, then a few more checkpoints: exactly one each. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> readAll(SluiceTopics topics, int expected) throws Exception {
        TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(),
                records -> records.size() >= expected, Duration.ofSeconds(90));
        Thread.sleep(2000);
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(stack.bootstrapServers(),
                topics.terminalOutputs(), records -> records.size() > expected, Duration.ofSeconds(3));
        assertThat(out).hasSize(expected);
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            assertThat(byKey.put(TopicReader.key(r), r)).as("a second output for %s", TopicReader.key(r)).isNull();
        }
        return byKey;
    }

    private static void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }
}
