package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.Severity;
import io.sluice.cli.SluiceCli;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.stack.LocalStack;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice console} against the real broker and registry: an alert and a window snapshot
 * published to the drift and snapshot topics, and policy updates and ledger entries published to the
 * policy and intervention topics, show up on the console's page state.
 */
class ConsoleCommandITCase {

    @Test
    void showsWhatTheDriftSnapshotPolicyAndLedgerTopicsHold(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfig(dir, stack, "it-console");
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("it-console"));
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            Properties p = new Properties();
            p.put("bootstrap.servers", stack.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                var alerts = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.drift()), DriftAlert.class);
                var snapshots = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.snapshots()),
                        DistributionSnapshot.class);
                producer.send(new ProducerRecord<>(topics.drift(), "lang".getBytes(StandardCharsets.UTF_8),
                        alerts.serialize(DriftAlert.newBuilder().setAlertId("a1").setDimension("lang")
                                .setWindowStart(Instant.ofEpochSecond(0)).setWindowEnd(Instant.ofEpochSecond(60))
                                .setMetric("psi").setValue(0.41).setThreshold(0.1).setReference("trailing")
                                .setTop(List.of(new DriftContribution("lang=ru", 0.02, 0.19)))
                                .setState(AlertState.RAISED).setSeverity(Severity.CRITICAL).build())));
                producer.send(new ProducerRecord<>(topics.snapshots(), "lang".getBytes(StandardCharsets.UTF_8),
                        snapshots.serialize(DistributionSnapshot.newBuilder().setDimension("lang")
                                .setWindowStart(Instant.ofEpochSecond(0)).setWindowEnd(Instant.ofEpochSecond(60))
                                .setCount(100).setCategories(Map.of("en", 81L, "ru", 19L)).build())));
                var policies = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.policy()),
                        PolicyUpdate.class);
                var ledger = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.interventions()),
                        InterventionRecord.class);
                for (String version : List.of("v-1", "v-1+learned:de-open")) {
                    producer.send(new ProducerRecord<>(topics.policy(), "policy".getBytes(StandardCharsets.UTF_8),
                            policies.serialize(PolicyUpdate.newBuilder().setPolicyVersion(version).setPolicyYaml("rules: []")
                                    .setPublishedAt(Instant.ofEpochSecond(70)).setAuthor("sluice-learner")
                                    .setReason("synthetic/de/* -> de-open").setInterventionId("de-open").build())));
                }
                // Two results for one arm: the console keeps the one with more results.
                for (long n = 1; n <= 2; n++) {
                    producer.send(new ProducerRecord<>(topics.interventions(), "de-open".getBytes(StandardCharsets.UTF_8),
                            ledger.serialize(InterventionRecord.newBuilder().setInterventionId("de-open")
                                    .setSlice("synthetic/de/*").setKind("threshold_change").setDescription("open German")
                                    .setPolicyVersion("v-1+learned:de-open").setMeasuredEffect(0.7 + n / 100.0)
                                    .setObservations(n).setRecordedAt(Instant.ofEpochSecond(70 + n)).build())));
                }
                producer.flush();
            }
        }

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Thread console = new Thread(() -> SluiceCli.commandLine().execute("console", "--config", config.toString(),
                "--port", Integer.toString(port), "--timeout", "60s"));
        console.setDaemon(true);
        console.start();

        HttpClient http = HttpClient.newHttpClient();
        JsonNode state = null;
        long deadline = System.nanoTime() + 45_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/state")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                state = new ObjectMapper().readTree(body);
                if (state.get("active").size() == 1 && state.get("windows").size() == 1
                        && state.get("policy_updates_read").asLong() == 2 && state.at("/interventions/0/observations").asLong() == 2) {
                    break;
                }
            } catch (java.io.IOException notYetListening) {
                // the console is still starting
            }
            Thread.sleep(250);
        }
        assertThat(state).isNotNull();
        assertThat(state.at("/active/0/dimension").asText()).isEqualTo("lang");
        assertThat(state.at("/active/0/severity").asText()).isEqualTo("CRITICAL");
        assertThat(state.at("/windows/0/top/0/category").asText()).isEqualTo("en");
        assertThat(state.at("/windows/0/top/1/share").asDouble()).isEqualTo(0.19);
        assertThat(state.at("/policy/version").asText()).isEqualTo("v-1+learned:de-open");
        assertThat(state.at("/policy/author").asText()).isEqualTo("sluice-learner");
        assertThat(state.get("interventions")).hasSize(1);
        assertThat(state.at("/interventions/0/id").asText()).isEqualTo("de-open");
        assertThat(state.at("/interventions/0/effect").asDouble()).isEqualTo(0.72);
        console.interrupt();
    }
}
