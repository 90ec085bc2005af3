package io.sluice.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Route;
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
import io.sluice.pipeline.Preflight;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walking skeleton end to end: a real KRaft broker, the real Apicurio registry (Confluent
 * API) and the real Sluice job on a Flink MiniCluster with exactly-once checkpointing. Records of
 * both kinds and every kind of bad input go in; each id must come out on the right topic exactly
 * once as seen by a {@code read_committed} consumer, and the job must still be running and
 * curating afterwards.
 */
class CurationJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static LocalStack stack;

    private static String paragraph(int i) {
        return TestRecords.DISTINCT_PARAGRAPHS.get(i);
    }
    private static SchemaRegistryClient registry;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startStack() {
        stack = SharedLocalStack.get();
        registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "all");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        registry.close();
    }

    @Test
    void routesEachRecordToExactlyOneOutputAndKeepsRunningAfterBadInput() throws Exception {
        SluiceTopics topics = createdTopics("it-routing");
        var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                SyntheticRecord.class);
        var scraped = scrapedSerializer(topics);

        JobClient job = startJob(topics, "it-routing");
        try {
            // Batch 1: bad input of every kind, mixed with good records.
            Map<String, byte[]> deadLetterValues = new HashMap<>();
            byte[] goodScraped = scraped.serialize(TestRecords.scraped("x", TestRecords.PARAGRAPH));
            deadLetterValues.put("bad-garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
            deadLetterValues.put("bad-empty-value", new byte[0]);
            byte[] unknownId = goodScraped.clone();
            ByteBuffer.wrap(unknownId).putInt(1, 987_654_321);
            deadLetterValues.put("bad-unknown-schema-id", unknownId);
            byte[] wrongMagic = goodScraped.clone();
            wrongMagic[0] = 1;
            deadLetterValues.put("bad-wrong-magic", wrongMagic);
            deadLetterValues.put("bad-truncated", Arrays.copyOf(goodScraped, goodScraped.length / 2));
            // Correctly framed, then an id claiming to be 2 GiB long: Avro would size a buffer from the
            // claim before reading it, and the task would run out of heap on every restart.
            byte[] claimsTooMuch = Arrays.copyOf(goodScraped, 10);
            System.arraycopy(new byte[] {(byte) 0xE0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, claimsTooMuch, 5, 5);
            deadLetterValues.put("bad-claims-2-gib", claimsTooMuch);
            // A record of another type, correctly framed with its own registered schema.
            var feedback = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.feedback()),
                    FeedbackEvent.class);
            deadLetterValues.put("bad-schema-mismatch", feedback.serialize(FeedbackEvent.newBuilder()
                    .setEventId("f1").setMetric("acc").setValue(0.5).setEvaluatedAt(java.time.Instant.ofEpochMilli(1L)).build()));
            deadLetterValues.forEach((id, value) -> send(topics.scrapedIngest(), id, value));

            send(topics.syntheticIngest(), "syn-good-1", synthetic.serialize(TestRecords.synthetic("syn-good-1", paragraph(0))));
            send(topics.syntheticIngest(), "syn-good-2", synthetic.serialize(TestRecords.synthetic("syn-good-2", paragraph(1))));
            send(topics.scrapedIngest(), "scr-good-1", scraped.serialize(TestRecords.scraped("scr-good-1", paragraph(2))));
            send(topics.scrapedIngest(), "scr-good-2", scraped.serialize(TestRecords.scraped("scr-good-2", paragraph(3))));
            send(topics.syntheticIngest(), "syn-short", synthetic.serialize(TestRecords.synthetic("syn-short", "Too short to be useful.")));
            send(topics.scrapedIngest(), "scr-empty", scraped.serialize(TestRecords.scraped("scr-empty", "   \n\t ")));
            send(topics.syntheticIngest(), "syn-empty", synthetic.serialize(TestRecords.synthetic("syn-empty", "")));
            producer.flush();

            int firstBatch = deadLetterValues.size() + 7;
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(stack.bootstrapServers(),
                    topics.terminalOutputs(), records -> records.size() >= firstBatch, Duration.ofSeconds(90));
            assertThat(out).hasSize(firstBatch);

            // Batch 2: good records after the bad ones still get curated: bad input never stops the job.
            send(topics.scrapedIngest(), "scr-after-1", scraped.serialize(TestRecords.scraped("scr-after-1", paragraph(4))));
            send(topics.syntheticIngest(), "syn-after-1", synthetic.serialize(TestRecords.synthetic("syn-after-1", paragraph(5))));
            // Copies of batch 1's texts, from the other input topic: a reflowed one (an exact duplicate) and
            // one with a word changed (a near duplicate). Published after their originals were curated, so
            // which copy is first does not depend on how the two topics interleave.
            send(topics.scrapedIngest(), "dup-exact", scraped.serialize(TestRecords.scraped("dup-exact",
                    paragraph(1).replace(". ", ".\n"))));
            send(topics.scrapedIngest(), "dup-near", scraped.serialize(TestRecords.scraped("dup-near",
                    paragraph(0).replace("Tuesday", "Monday"))));
            producer.flush();
            int total = firstBatch + 4;
            out = TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(),
                    records -> records.size() >= total, Duration.ofSeconds(90));
            // Let a few more checkpoints commit: any duplicate would show up now.
            Thread.sleep(2000);
            out = TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(),
                    records -> records.size() > total, Duration.ofSeconds(3));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            Map<String, List<String>> byTopic = TopicReader.keysByTopic(out);
            assertThat(byTopic.get(topics.accepted()))
                    .containsExactlyInAnyOrder("syn-good-1", "syn-good-2", "scr-good-1", "scr-good-2", "scr-after-1", "syn-after-1");
            assertThat(byTopic.get(topics.quarantined())).containsExactlyInAnyOrder("scr-empty", "syn-empty", "dup-exact", "dup-near");
            assertThat(byTopic.get(topics.resynthesis())).containsExactlyInAnyOrder("syn-short");
            assertThat(byTopic.get(topics.deadletter())).containsExactlyInAnyOrderElementsOf(deadLetterValues.keySet());

            Map<String, String> stageById = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : out) {
                if (r.topic().equals(topics.deadletter())) {
                    String id = TopicReader.key(r);
                    assertThat(r.value()).as("original bytes of %s", id).isEqualTo(deadLetterValues.get(id));
                    assertThat(TopicReader.header(r, DeadLetters.TOPIC)).isEqualTo(topics.scrapedIngest());
                    assertThat(TopicReader.header(r, DeadLetters.PARTITION)).matches("\\d+");
                    assertThat(TopicReader.header(r, DeadLetters.OFFSET)).matches("\\d+");
                    assertThat(TopicReader.header(r, DeadLetters.EXCEPTION_CLASS)).isNotBlank();
                    assertThat(TopicReader.header(r, DeadLetters.MESSAGE)).contains(topics.scrapedIngest());
                    stageById.put(id, TopicReader.header(r, DeadLetters.STAGE));
                }
            }
            assertThat(stageById).containsEntry("bad-garbage", "wire-format")
                    .containsEntry("bad-empty-value", "wire-format")
                    .containsEntry("bad-wrong-magic", "wire-format")
                    .containsEntry("bad-unknown-schema-id", "schema-lookup")
                    .containsEntry("bad-schema-mismatch", "schema-mismatch")
                    .containsEntry("bad-truncated", "avro-decode")
                    .containsEntry("bad-claims-2-gib", "avro-decode");

            // Outputs decode through the registry and explain themselves.
            var curatedDecoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            var resynthesisDecoder = new ConfluentAvroDecoder<>(registry, ResynthesisRequest.class);
            for (ConsumerRecord<byte[], byte[]> r : out) {
                if (r.topic().equals(topics.accepted()) || r.topic().equals(topics.quarantined())) {
                    CuratedRecord curated = curatedDecoder.decode(r.value());
                    assertThat(curated.getId()).isEqualTo(TopicReader.key(r));
                    assertThat(curated.getDecision().getPolicyVersion()).isNotBlank();
                    assertThat(curated.getDecision().getPipelineVersion()).startsWith("sluice-");
                    assertThat(curated.getSignals()).containsKey("text.word_count");
                    if (r.topic().equals(topics.accepted())) {
                        assertThat(curated.getDecision().getRoute()).isEqualTo(Route.ACCEPTED);
                        assertThat(curated.getSignals().get("text.word_count")).isGreaterThan(50.0);
                        assertThat(curated.getDupOf()).isNull();
                    } else {
                        assertThat(curated.getDecision().getRoute()).isEqualTo(Route.QUARANTINED);
                        var reasons = curated.getDecision().getReasons().stream().map(rc -> rc.getCode()).toList();
                        switch (curated.getId()) {
                            case "dup-exact" -> {
                                assertThat(reasons).containsExactly("duplicate");
                                assertThat(curated.getDupOf()).isEqualTo("syn-good-2");
                                assertThat(curated.getSignals()).containsEntry("dup.exact", 1.0);
                            }
                            case "dup-near" -> {
                                assertThat(reasons).containsExactly("near_duplicate");
                                assertThat(curated.getDupOf()).isEqualTo("syn-good-1");
                                assertThat(curated.getSignals().get("dup.band_matches")).isBetween(1.0, 13.0);
                            }
                            default -> {
                                // Two blank texts are not copies of each other: blank text is never remembered.
                                assertThat(reasons).contains("empty_text").doesNotContain("duplicate");
                                assertThat(curated.getDupOf()).isNull();
                            }
                        }
                    }
                }
                if (r.topic().equals(topics.resynthesis())) {
                    ResynthesisRequest request = resynthesisDecoder.decode(r.value());
                    assertThat(request.getKind()).isEqualTo(ResynthesisKind.REPAIR);
                    assertThat(request.getRecord().getId()).isEqualTo("syn-short");
                    assertThat(request.getInstruction()).isNotBlank();
                    assertThat(request.getFailingSignals()).containsKey("text.word_count");
                    assertThat(request.getRecord().getDecision().getReasons()).extracting(rc -> rc.getCode()).contains("too_short");
                }
            }
        } finally {
            job.cancel().get();
        }
    }

    /** On both state backends: deduplication's keyed state and the source offsets restore together. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void jobCancelledMidStreamAndRestoredFromItsCheckpointNeitherLosesNorDuplicates(String stateBackend,
            @TempDir Path checkpoints) throws Exception {
        String name = "it-restart-" + stateBackend;
        SluiceTopics topics = createdTopics(name);
        var scraped = scrapedSerializer(topics);
        List<String> ids = new ArrayList<>();
        publish(topics, scraped, ids, 0, 1500);

        // First run: cancelled part-way, like a crash, with a transaction open and later records unread.
        Map<String, String> checkpointing = Map.of("job.checkpoint.dir", checkpoints.toUri().toString(),
                "job.state.backend", stateBackend);
        JobClient first = startJob(topics, name, checkpointing);
        List<ConsumerRecord<byte[], byte[]>> partial = TopicReader.readUntil(stack.bootstrapServers(),
                topics.terminalOutputs(), records -> !records.isEmpty(), Duration.ofSeconds(90));
        first.cancel().get();
        assertThat(partial).isNotEmpty();
        Path retained = ItJobs.latestCheckpoint(checkpoints);
        if (stateBackend.equals("rocksdb")) {
            // Incremental RocksDB checkpoints upload their SST files to the job's shared directory (under
            // random names); the heap backend writes whole snapshots into chk-N and leaves it empty.
            assertThat(regularFilesUnder(retained.getParent().resolve("shared"))).isPositive();
        }
        long committedByFirstRun = TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(),
                records -> false, Duration.ofSeconds(2)).size();
        assertThat(committedByFirstRun).isBetween(1L, 1500L);
        // More input arrives while the job is down.
        publish(topics, scraped, ids, 1500, 3000);

        // Second run restores the retained checkpoint: source offsets and pending transactions.
        Map<String, String> restore = new HashMap<>(checkpointing);
        restore.put("job.restore.path", retained.toUri().toString());
        JobClient second = startJob(topics, name, restore);
        try {
            List<ConsumerRecord<byte[], byte[]>> out = everyIdExactlyOnce(topics, ids);
            // Every record has the same text. Deduplication keeps the most senior copy, and a copy
            // passes only when it reaches the job before every more senior one: at most the first copy
            // of each of the two partitions. Its state is restored with the offsets, so no copy
            // published after the crash passes.
            List<String> accepted = TopicReader.keysByTopic(out).get(topics.accepted());
            assertThat(accepted).as("copies accepted").isNotNull().hasSizeBetween(1, 2);
            assertThat(accepted).allSatisfy(id -> assertThat(ids.indexOf(id)).isLessThan(1500));
        } finally {
            second.cancel().get();
        }
    }

    /**
     * An operator turns deduplication off and restarts from the retained checkpoint: the checkpoint
     * still holds deduplication's state, which Flink refuses to drop unless told to
     * ({@code job.restore.allow.non.restored.state}); told so, the job resumes and nothing is lost or
     * doubled.
     */
    @Test
    void dedupTurnedOffOnARestoreDropsItsStateOnlyWhenAllowedAndLosesNothing(@TempDir Path checkpoints) throws Exception {
        String name = "it-dedup-off";
        SluiceTopics topics = createdTopics(name);
        var scraped = scrapedSerializer(topics);
        List<String> ids = new ArrayList<>();
        publish(topics, scraped, ids, 0, 1000);
        Map<String, String> checkpointing = Map.of("job.checkpoint.dir", checkpoints.toUri().toString());
        Path retained = runUntilFirstOutputsThenCancel(topics, name, checkpointing, checkpoints);
        publish(topics, scraped, ids, 1000, 2000);

        Map<String, String> restore = new HashMap<>(checkpointing);
        restore.put("job.restore.path", retained.toUri().toString());
        restore.put("dedup.enabled", "false");
        Throwable refused = catchThrowable(() -> startJob(topics, name, restore).getJobExecutionResult()
                .get(60, TimeUnit.SECONDS));
        assertThat(refused).as("restore without the flag").isNotNull()
                .hasStackTraceContaining("allowNonRestoredState");

        restore.put("job.restore.allow.non.restored.state", "true");
        JobClient second = startJob(topics, name, restore);
        try {
            List<ConsumerRecord<byte[], byte[]>> out = everyIdExactlyOnce(topics, ids);
            // Every record has the same text: with deduplication on, at most the first copy of each
            // partition passes; off, the records published after the restart are all accepted.
            List<String> accepted = TopicReader.keysByTopic(out).get(topics.accepted());
            assertThat(accepted).as("accepted").isNotNull()
                    .filteredOn(id -> ids.indexOf(id) >= 1000).hasSize(1000);
        } finally {
            second.cancel().get();
        }
    }

    /**
     * The preflight asks the brokers what became of the retained checkpoint's transactions: committed,
     * a restart is safe; aborted (here by another producer with the same transactional id, as the
     * brokers' timeout would after a long stop), a restart would lose their outputs, and it says so.
     */
    @Test
    void preflightRefusesARestartFromACheckpointWhoseTransactionsTheBrokersAborted(@TempDir Path checkpoints)
            throws Exception {
        String name = "it-aborted";
        SluiceTopics topics = createdTopics(name);
        var scraped = scrapedSerializer(topics);
        publish(topics, scraped, new ArrayList<>(), 0, 400);
        Map<String, String> checkpointing = Map.of("job.checkpoint.dir", checkpoints.toUri().toString());
        Path retained = runUntilFirstOutputsThenCancel(topics, name, checkpointing, checkpoints);
        Map<String, String> restore = new HashMap<>(checkpointing);
        restore.put("job.restore.path", retained.toUri().toString());
        assertThat(Preflight.problems(config(topics, name, restore))).as("after a clean stop").isEmpty();

        long checkpointId = Long.parseLong(retained.getFileName().toString().substring("chk-".length()));
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-1-" + checkpointId);
        try (KafkaProducer<byte[], byte[]> intruder = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            intruder.initTransactions();
            intruder.beginTransaction();
            intruder.send(new ProducerRecord<>(topics.deadletter(), new byte[] {1})).get();
            intruder.abortTransaction();
        }
        assertThat(Preflight.problems(config(topics, name, restore))).singleElement().asString()
                .contains("aborted the Kafka transactions of checkpoint " + checkpointId + " for subtask [1]")
                .contains("would lose those outputs");
    }

    /** Runs the job until its first outputs, cancels it like a crash, and returns its newest retained checkpoint. */
    private static Path runUntilFirstOutputsThenCancel(SluiceTopics topics, String name, Map<String, String> settings,
            Path checkpoints) throws Exception {
        JobClient first = startJob(topics, name, settings);
        TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(), records -> !records.isEmpty(),
                Duration.ofSeconds(90));
        first.cancel().get();
        return ItJobs.latestCheckpoint(checkpoints);
    }

    /** The topics of a test named {@code name}, created with two partitions, their schemas registered. */
    private static SluiceTopics createdTopics(String name) {
        SluiceTopics topics = prefixedTopics(name);
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 2, (short) 1);
        TopicAdmin.registerSchemas(registry, topics);
        return topics;
    }

    private static ConfluentAvroSerializer<ScrapedRecord> scrapedSerializer(SluiceTopics topics) {
        return new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()), ScrapedRecord.class);
    }

    /**
     * The terminal outputs once there are as many as {@code ids}, read again after a pause so that a
     * duplicate arriving late is counted too; asserts that each id came out exactly once.
     */
    private static List<ConsumerRecord<byte[], byte[]>> everyIdExactlyOnce(SluiceTopics topics, List<String> ids)
            throws Exception {
        TopicReader.readUntil(stack.bootstrapServers(), topics.terminalOutputs(),
                records -> records.size() >= ids.size(), Duration.ofSeconds(120));
        Thread.sleep(2000);
        List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(stack.bootstrapServers(),
                topics.terminalOutputs(), records -> records.size() > ids.size(), Duration.ofSeconds(3));
        Map<String, Long> copies = out.stream().collect(Collectors.groupingBy(TopicReader::key, Collectors.counting()));
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(copies.entrySet()).filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(out).hasSize(ids.size());
        return out;
    }

    private static void publish(SluiceTopics topics, ConfluentAvroSerializer<ScrapedRecord> scraped, List<String> ids,
            int from, int to) {
        for (int i = from; i < to; i++) {
            String id = "r-" + i;
            ids.add(id);
            send(topics.scrapedIngest(), id, scraped.serialize(TestRecords.scraped(id, TestRecords.PARAGRAPH)));
        }
        producer.flush();
    }

    /** Regular files under a directory, skipping any that a concurrent discard deletes during the walk. */
    private static long regularFilesUnder(Path directory) throws IOException {
        long[] count = {0};
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file,
                    BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    private static SluiceTopics prefixedTopics(String prefix) {
        return SluiceTopics.fromMap(ItJobs.prefixedTopicSettings(prefix));
    }

    private static JobClient startJob(SluiceTopics topics, String name) throws Exception {
        return startJob(topics, name, Map.of());
    }

    private static JobClient startJob(SluiceTopics topics, String name, Map<String, String> extra) throws Exception {
        return ItJobs.startAndAwaitRunning(config(topics, name, extra));
    }

    private static SluiceJobConfig config(SluiceTopics topics, String name, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.name", name);
        settings.put("job.group.id", name);
        // Same prefix across restarts, as in production: the new job aborts the old one's lingering transactions.
        settings.put("job.transactional.id.prefix", name);
        settings.put("job.checkpoint.interval.ms", "500");
        settings.put("job.parallelism", "2");
        // Both tests check deduplication too (off by default): copies, and its state across a restore.
        settings.putIfAbsent("dedup.enabled", "true");
        for (SluiceTopics.TopicSpec spec : topics.all()) {
            settings.put("topics." + spec.role(), spec.name());
        }
        return SluiceJobConfig.fromMap(settings);
    }

    private static void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }
}
