package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.cli.SluiceCli;
import io.sluice.cli.demo.TrafficGenerator;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TopicReader;
import io.sluice.stack.LocalStack;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice topics create} then {@code sluice produce} against a real broker and registry, as a
 * user of {@code docker/} runs them: every record arrives once, good ones decode with the registered
 * schemas, and the bad-input share is what the demo promises.
 */
class ProduceCommandITCase {

    private static final int RECORDS = 300;

    @Test
    void publishesTheDemoMixToTheConfiguredInputTopics(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String synthetic = "produce-it.ingest.synthetic";
        String scraped = "produce-it.ingest.scraped";
        Path config = dir.resolve("sluice.properties");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap.servers=" + stack.bootstrapServers(),
                "registry.url=" + stack.registryUrl(),
                "topics.ingest.synthetic=" + synthetic,
                "topics.ingest.scraped=" + scraped,
                ""));

        assertThat(cli("topics", "create", "--config", config.toString(), "--partitions", "2",
                "--replication-factor", "1")).isZero();
        assertThat(cli("produce", "--config", config.toString(), "--records", Integer.toString(RECORDS),
                "--rate", "1000")).isZero();

        List<ConsumerRecord<byte[], byte[]>> read = TopicReader.readUntil(stack.bootstrapServers(),
                List.of(synthetic, scraped), all -> all.size() >= RECORDS, Duration.ofSeconds(60));
        assertThat(read).hasSize(RECORDS);
        Set<String> keys = new HashSet<>();
        read.forEach(r -> keys.add(TopicReader.key(r)));
        assertThat(keys).hasSize(RECORDS);

        int garbage = 0;
        int unknownSchema = 0;
        int decoded = 0;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            var syntheticDecoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
            var scrapedDecoder = new ConfluentAvroDecoder<>(registry, ScrapedRecord.class);
            for (ConsumerRecord<byte[], byte[]> r : read) {
                byte[] value = r.value();
                if (value[0] != 0) {
                    garbage++;
                } else if (ByteBuffer.wrap(value).getInt(1) == 987_654_321) {
                    unknownSchema++;
                } else if (r.topic().equals(synthetic)) {
                    assertThat(syntheticDecoder.decode(value).getId()).isEqualTo(TopicReader.key(r));
                    decoded++;
                } else {
                    assertThat(scrapedDecoder.decode(value).getId()).isEqualTo(TopicReader.key(r));
                    decoded++;
                }
            }
        }
        long expectedGarbage = 0;
        long expectedUnknown = 0;
        for (long i = 0; i < RECORDS; i++) {
            TrafficGenerator.Kind kind = TrafficGenerator.kindOf(i);
            expectedGarbage += kind == TrafficGenerator.Kind.GARBAGE_BYTES ? 1 : 0;
            expectedUnknown += kind == TrafficGenerator.Kind.UNKNOWN_SCHEMA_ID ? 1 : 0;
        }
        assertThat(garbage).isEqualTo(expectedGarbage).isPositive();
        assertThat(unknownSchema).isEqualTo(expectedUnknown).isPositive();
        assertThat(decoded).isEqualTo(RECORDS - expectedGarbage - expectedUnknown);
    }

    private static int cli(String... args) {
        return SluiceCli.commandLine().execute(args);
    }
}
