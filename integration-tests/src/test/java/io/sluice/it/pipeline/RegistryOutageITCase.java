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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * A schema registry outage is an outage, not bad input: while the job cannot reach the registry it
 * must not dead-letter (or route anywhere) the records whose schemas it cannot fetch; it fails,
 * Flink restarts it, and once the registry answers again every record comes out exactly once. The
 * registry is the real Apicurio server; the outage is a real network failure, made by a TCP relay
 * in front of it that resets every connection while the registry is "down".
 */
class RegistryOutageITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int RECORDS = 100;

    @Test
    void recordsWaitForTheRegistryInsteadOfBeingDeadLettered() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Map<String, String> settings = new HashMap<>(ItJobs.prefixedTopicSettings("it-outage"));
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 2, (short) 1);

        URI registry = URI.create(stack.registryUrl());
        try (Relay relay = new Relay(registry.getPort());
                SchemaRegistryClient direct = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            TopicAdmin.registerSchemas(direct, topics);
            var synthetic = new ConfluentAvroSerializer<>(direct, SluiceTopics.valueSubject(topics.syntheticIngest()),
                    SyntheticRecord.class);
            var scraped = new ConfluentAvroSerializer<>(direct, SluiceTopics.valueSubject(topics.scrapedIngest()),
                    ScrapedRecord.class);

            relay.down = true;
            // The job reaches the registry through the relay, which the test cuts.
            settings.putAll(ItJobs.jobSettings("it-outage", stack.bootstrapServers(),
                    stack.registryUrl().replace(":" + registry.getPort(), ":" + relay.port())));
            JobClient job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    String id = "outage-" + i;
                    ids.add(id);
                    byte[] value = i % 2 == 0
                            ? synthetic.serialize(TestRecords.synthetic(id, TestRecords.PARAGRAPH))
                            : scraped.serialize(TestRecords.scraped(id, TestRecords.PARAGRAPH));
                    producer.send(new ProducerRecord<>(i % 2 == 0 ? topics.syntheticIngest() : topics.scrapedIngest(),
                            id.getBytes(StandardCharsets.UTF_8), value));
                }
                producer.flush();

                // The registry stays unreachable for a while: nothing may come out, least of all dead letters.
                List<ConsumerRecord<byte[], byte[]>> during = TopicReader.readUntil(stack.bootstrapServers(),
                        topics.terminalOutputs(), r -> !r.isEmpty(), Duration.ofSeconds(10));
                assertThat(during).as("outputs while the registry is unreachable").isEmpty();
                assertThat(relay.refused.size()).as("connections the job tried during the outage").isPositive();

                relay.down = false;
                List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readSettled(stack.bootstrapServers(),
                        topics.terminalOutputs(), RECORDS, Duration.ofSeconds(120));
                assertThat(out).extracting(TopicReader::key).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(out).extracting(ConsumerRecord::topic).containsOnly(topics.accepted());
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalStack stack) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Forwards TCP connections on a free loopback port to {@code 127.0.0.1:target}; while
     * {@link #down}, it accepts and immediately resets every connection, as a host behind a failed
     * network path or a crashed registry would look to the client.
     */
    static final class Relay implements AutoCloseable {
        volatile boolean down;
        final Set<Long> refused = ConcurrentHashMap.newKeySet();
        private final ServerSocket server;
        private final int target;
        private final Thread acceptor;

        Relay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::acceptLoop, "registry-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (down) {
                        refused.add(System.nanoTime());
                        client.setSoLinger(true, 0); // RST, not a clean close
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or one connection failed: the relay keeps serving the others
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // connection ended
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "registry-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
