package io.sluice.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.stack.EmbeddedKafkaBroker;
import io.sluice.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack against real clients: exactly-once transactions on the embedded broker, the
 * Confluent API of the Apicurio registry, no registry process left behind after close, and a kept
 * broker data directory that survives a restart.
 */
class LocalStackITCase {

    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        String topic = "stack-it-transactions";
        try (Admin admin = admin(stack.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String value : List.of("committed-1", "committed-2", "committed-3")) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.commitTransaction();

            producer.beginTransaction();
            for (String value : List.of("aborted-1", "aborted-2")) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            // Flush first so the aborted records really are in the log, not just never sent.
            producer.flush();
            producer.abortTransaction();
        }

        assertThat(readAllCommitted(topic)).containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void registryServesConfluentApiWithBackwardCompatibility() throws Exception {
        String schema = "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"io.sluice.it\","
                + "\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}";
        String body = JSON.writeValueAsString(Map.of("schema", schema));

        HttpResponse<String> registered = send(HttpRequest.newBuilder(registryUri("/subjects/t-value/versions"))
                .header("Content-Type", CONFLUENT_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        JsonNode id = JSON.readTree(registered.body()).path("id");
        assertThat(id.isIntegralNumber()).as(registered.body()).isTrue();

        HttpResponse<String> fetched = send(HttpRequest.newBuilder(registryUri("/schemas/ids/" + id.asLong())).GET());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        JsonNode fetchedSchema = JSON.readTree(JSON.readTree(fetched.body()).path("schema").asText());
        assertThat(fetchedSchema).isEqualTo(JSON.readTree(schema));

        HttpResponse<String> config = send(HttpRequest.newBuilder(registryUri("/config")).GET());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void closeStopsTheRegistryProcess() throws Exception {
        // A stack of its own: closing the shared one would break the other tests.
        LocalStack own = LocalStack.start();
        long pid = own.registry().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        own.close();

        Optional<ProcessHandle> after = ProcessHandle.of(pid);
        assertThat(after.map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void keptDataDirectoryKeepsTopicsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        // Restarting on a kept directory must reuse its cluster id and find the topic again,
        // even though the broker comes back on different ports.
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir);
             Admin admin = admin(first.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("kept-topic", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir);
             Admin admin = admin(second.bootstrapServers())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept-topic");
        }
        assertThat(dataDir).isNotEmptyDirectory();
    }

    /**
     * A topic with a retention sheds its expired segments while it is written (the demo's
     * {@code --retention}): the broker checks every 10 s, so a demo left running keeps a bounded disk.
     */
    @Test
    void expiredSegmentsOfATopicWithRetentionAreDeleted() throws Exception {
        String topic = "stack-it-retention";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin(stack.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("retention.ms", "2000", "segment.ms", "500")))).all().get(30, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        long earliest = 0;
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                Admin admin = admin(stack.bootstrapServers())) {
            // Keep writing, so that segments roll (a segment rolls on the first record after segment.ms).
            while (earliest == 0 && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, "r" + sent, "value " + sent)).get(10, TimeUnit.SECONDS);
                sent++;
                Thread.sleep(100);
                if (sent % 10 == 0) {
                    earliest = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.earliest()))
                            .partitionResult(partition).get(10, TimeUnit.SECONDS).offset();
                }
            }
        }
        assertThat(earliest).as("log start offset after %d records", sent).isPositive();
        // Only expired records went: the latest are still there to read.
        assertThat(earliest).isLessThan(sent - 10L);
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stack-it-tx");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Reads the single partition up to its end offset, which lies past the abort marker. */
    private static List<String> readAllCommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            // 3 committed + commit marker + 2 aborted + abort marker: proves both transactions landed.
            assertThat(end).isEqualTo(7);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static URI registryUri(String path) {
        return URI.create(stack.registryUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
