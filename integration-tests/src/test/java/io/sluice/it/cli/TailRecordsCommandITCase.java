package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Decision;
import io.sluice.avro.Provenance;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.cli.SluiceCli;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TestRecords;
import io.sluice.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/**
 * {@code sluice tail records} against the real broker and registry: the quarantine and dead letters
 * by default, one line each, filtered by reason, never the text.
 */
class TailRecordsCommandITCase {
    private static final String TEXT = "Call me on +44 20 7946 0958 about the order.";

    @Test
    void printsTheQuarantineAndDeadLettersOneLineEachWithoutText(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfig(dir, stack, "it-tail");
        SluiceTopics topics = SluiceTopics.fromMap(ItJobs.prefixedTopicSettings("it-tail"));
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            var accepted = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.accepted()), CuratedRecord.class);
            var quarantined = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.quarantined()),
                    CuratedRecord.class);
            Properties p = new Properties();
            p.put("bootstrap.servers", stack.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.accepted(), key("ok-1"),
                        accepted.serialize(curated("ok-1", Route.ACCEPTED))));
                producer.send(new ProducerRecord<>(topics.quarantined(), key("q-1"), quarantined.serialize(
                        curated("q-1", Route.QUARANTINED, reason("pii_phone", "pii.phone 1 > 0")))));
                producer.send(new ProducerRecord<>(topics.quarantined(), key("q-2"), quarantined.serialize(
                        curated("q-2", Route.QUARANTINED, reason("empty_text", null)))));
                var dead = new ProducerRecord<>(topics.deadletter(), key("bad-1"), new byte[] {0, 0, 0, 0, 99, 1});
                dead.headers().add(DeadLetters.TOPIC, bytes(topics.scrapedIngest()))
                        .add(DeadLetters.PARTITION, bytes("0")).add(DeadLetters.OFFSET, bytes("7"))
                        .add(DeadLetters.STAGE, bytes("schema-lookup"))
                        .add(DeadLetters.EXCEPTION_CLASS, bytes("io.sluice.connectors.serde.UnknownSchemaException"))
                        .add(DeadLetters.MESSAGE, bytes("schema id 99 is not registered"));
                producer.send(dead);
                producer.flush();
            }
        }

        List<String> all = tail(config, "--from-beginning", "--max-records", "3", "--timeout", "60s");
        assertThat(all).hasSize(3).noneMatch(l -> l.contains("ok-1")).noneMatch(l -> l.contains("7946"));
        assertThat(all).anySatisfy(l -> assertThat(l).startsWith("QUARANTINED").contains("id=q-1")
                .endsWith("reasons: pii_phone (pii.phone 1 > 0)"));
        assertThat(all).anySatisfy(l -> assertThat(l).startsWith("QUARANTINED").contains("id=q-2").endsWith("reasons: empty_text"));
        assertThat(all).anySatisfy(l -> assertThat(l).isEqualTo("DEADLETTER  key=bad-1  from=" + topics.scrapedIngest()
                + "/0@7  stage=schema-lookup  error=io.sluice.connectors.serde.UnknownSchemaException: schema id 99 is not registered"));

        assertThat(tail(config, "--from-beginning", "--reason", "pii_phone", "--timeout", "8s"))
                .singleElement().asString().contains("id=q-1");
        assertThat(tail(config, "--from-beginning", "--route", "accepted", "--max-records", "1", "--timeout", "60s"))
                .singleElement().asString().startsWith("ACCEPTED").contains("id=ok-1");
        assertThat(SluiceCli.commandLine().execute("tail", "records", "--config", config.toString(),
                "--route", "rejected", "--timeout", "1s")).isEqualTo(2);
    }

    private static List<String> tail(Path config, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SluiceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] all = new String[args.length + 4];
        all[0] = "tail";
        all[1] = "records";
        all[2] = "--config";
        all[3] = config.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        assertThat(cli.execute(all)).isZero();
        return out.toString().lines().toList();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ReasonCode reason(String code, String detail) {
        return ReasonCode.newBuilder().setCode(code).setDetail(detail).build();
    }

    private static CuratedRecord curated(String id, Route route, ReasonCode... reasons) {
        Instant at = Instant.now();
        return CuratedRecord.newBuilder().setId(id).setText(TEXT).setSourceKind(SourceKind.SYNTHETIC).setEventTime(at)
                .setOriginal(TestRecords.synthetic(id, TEXT))
                .setProvenance(Provenance.newBuilder().setTopic("in").setPartition(0).setOffset(1).setWriterSchemaId(1)
                        .setIngestTime(at).build())
                .setSignals(Map.of("pii.phone", 1.0)).setSignalsVersion("4").setSlice("synthetic/en/summarization")
                .setDecision(Decision.newBuilder().setRoute(route).setReasons(List.of(reasons)).setPolicyVersion("it-1")
                        .setPipelineVersion("sluice-it").setDecidedAt(at).build())
                .build();
    }
}
