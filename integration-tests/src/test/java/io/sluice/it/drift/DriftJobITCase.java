package io.sluice.it.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.DriftTraffic;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.CurationPipeline;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift end to end through Kafka: records with event times in 2-second windows go into the real job
 * (parallelism 2, so every window is merged from two subtasks' partials); after the language mix
 * shifts, a RAISED alert naming the language must appear on the drift topic within two windows,
 * snapshots count every record once, and FILL_GAP requests for a slice under its target share land
 * on the resynthesis topic with keys that are not input ids.
 *
 * <p>Run twice: with a steady producer, and with one that pauses. Pausing, the records' input is idle
 * twice, as a real one is: the job starts before its producer, and the producer pauses after four
 * windows, each time for longer than {@code drift.idleness.ms}. Until the policy
 * updates' stream was made idle in event time ({@code IdleInEventTimeOperator}), the first such pause
 * let event time jump to its end: every window fired at once, every later record was late, and no
 * alert came.
 */
class DriftJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long WINDOW = 2000;
    private static final int PER_WINDOW = 300;
    private static final int SHIFT_AT = 8;
    private static final int WINDOWS = 14;
    /** drift.idleness.ms of this test's job. */
    private static final long IDLENESS_MS = 2000;
    /** The producer's pauses: longer than drift.idleness.ms, so that the records' input goes idle. */
    private static final long QUIET_MS = 2 * IDLENESS_MS + 1000;
    /**
     * After the first window that follows a pause, shorter than drift.idleness.ms. In a live stream
     * event time moves with the wall clock, so both subtasks have their first records after a pause, and
     * are active again, long before either has moved event time past that window (they have
     * drift.out.of.orderness.ms, 5 s by default). Here the next twenty seconds of event time are published
     * in under one: without this pause, the subtask whose records came first can fire the window while
     * the other, still idle and so left out of event time, holds its half (counted late then). On a
     * loaded machine a subtask's first fetch can take longer still, so the first window after a pause is
     * only required to hold at least one subtask's share with pauses (exactly its records without).
     */
    private static final long RESUME_MS = 1000;
    private static final int QUIET_BEFORE_WINDOW = 4;

    @ParameterizedTest(name = "producer pausing: {0}")
    @ValueSource(booleans = {false, true})
    void languageShiftRaisesAnAlertOnTheDriftTopicAndSnapshotsCountEveryRecordOnce(boolean pausing, @TempDir Path dir)
            throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String name = pausing ? "it-drift-pausing" : "it-drift";
        SluiceTopics topics = prefixedTopics(name);
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 2, (short) 1);
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            TopicAdmin.registerSchemas(registry, topics);
            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, defaultPolicy() + "\ntarget_mix:\n  min_accepted: 100\n  cooldown_windows: 100\n"
                    + "  targets:\n    \"synthetic/*/*\": 0.25\n");
            JobClient job = startJob(stack, topics, policy, name);
            try {
                if (pausing) {
                    Thread.sleep(QUIET_MS); // the job runs before its producer does
                }
                long t0 = (Instant.now().toEpochMilli() - 3_600_000L) / WINDOW * WINDOW;
                int produced = publish(stack, registry, topics, t0, pausing);

                List<ConsumerRecord<byte[], byte[]>> drift = TopicReader.readUntil(stack.bootstrapServers(),
                        List.of(topics.drift()), records -> raised(registry, records) != null, Duration.ofSeconds(120));
                DriftAlert alert = raised(registry, drift);
                assertThat(alert).as("a RAISED lang alert on %s", topics.drift()).isNotNull();
                assertThat(alert.getWindowStart().toEpochMilli()).isBetween(t0 + SHIFT_AT * WINDOW,
                        t0 + (SHIFT_AT + 1) * WINDOW);
                assertThat(alert.getTop().get(0).getCategory()).isEqualTo("lang=pl");
                assertThat(alert.getTop().get(0).getReferenceShare()).isLessThan(0.01);
                assertThat(alert.getTop().get(0).getCurrentShare()).isGreaterThan(0.3);

                var snapshotDecoder = new ConfluentAvroDecoder<>(registry, DistributionSnapshot.class);
                List<ConsumerRecord<byte[], byte[]>> snapshots = TopicReader.readUntil(stack.bootstrapServers(),
                        List.of(topics.snapshots()), records -> records.size() >= 10 * 10, Duration.ofSeconds(60));
                Map<Long, Long> langCounts = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : snapshots) {
                    DistributionSnapshot s = snapshotDecoder.decode(r.value());
                    if (s.getDimension().equals("lang")) {
                        langCounts.merge(s.getWindowStart().toEpochMilli(), s.getCount(), Long::sum);
                    }
                }
                // Each window's partials from both subtasks merged into one snapshot: exactly the records sent.
                // With pauses, at least the share of one subtask: Flink leaves an idle subtask out of event time
                // until it has new records, and on a loaded machine the other's records can close the windows
                // before then (the rest is counted as late; see RESUME_MS). Seen in CI: windows 0, 1 and 4.
                for (int w = 0; w < SHIFT_AT; w++) {
                    long count = langCounts.get(t0 + w * WINDOW);
                    if (pausing) {
                        assertThat(count).as("window %d", w).isBetween((long) PER_WINDOW / 2, (long) PER_WINDOW);
                    } else {
                        assertThat(count).as("window %d", w).isEqualTo((long) PER_WINDOW);
                    }
                }
                if (pausing) {
                    assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                    return;
                }

                // FILL_GAP: keyed fill-gap-*, marked by header, never an input id.
                var requestDecoder = new ConfluentAvroDecoder<>(registry, ResynthesisRequest.class);
                List<ConsumerRecord<byte[], byte[]>> resynthesis = TopicReader.readUntil(stack.bootstrapServers(),
                        List.of(topics.resynthesis()), records -> !records.isEmpty(), Duration.ofSeconds(30));
                assertThat(resynthesis).isNotEmpty().allSatisfy(r -> {
                    assertThat(CurationPipeline.isFillGapKey(TopicReader.key(r))).isTrue();
                    assertThat(TopicReader.header(r, CurationPipeline.KIND_HEADER)).isEqualTo("FILL_GAP");
                    ResynthesisRequest req = requestDecoder.decode(r.value());
                    assertThat(req.getKind()).isEqualTo(ResynthesisKind.FILL_GAP);
                    assertThat(req.getSlice()).isEqualTo("synthetic/*/*");
                    assertThat(req.getWantedCount()).isPositive();
                });
                // Cooldown of 100 windows: one request, not one per window.
                assertThat(resynthesis).hasSize(1);
                assertThat(produced).isGreaterThan(WINDOWS * PER_WINDOW);
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static DriftAlert raised(SchemaRegistryClient registry, List<ConsumerRecord<byte[], byte[]>> records) {
        var decoder = new ConfluentAvroDecoder<>(registry, DriftAlert.class);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            DriftAlert a = decoder.decode(r.value());
            if (a.getState() == AlertState.RAISED && a.getDimension().equals("lang")) {
                return a;
            }
        }
        return null;
    }

    /** Windows 0..13 of scraped records in event-time order; pl takes half of the mix from window 8. */
    private static int publish(LocalStack stack, SchemaRegistryClient registry, SluiceTopics topics, long t0, boolean pausing) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "all");
        int sent = 0;
        Random random = new Random(7);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int w = 0; w < WINDOWS; w++) {
                if (pausing && w == QUIET_BEFORE_WINDOW) {
                    pause(QUIET_MS);
                }
                sent += DriftTraffic.publishWindows(producer, registry, topics, "d-" + w, t0 + w * WINDOW, WINDOW, 1,
                        PER_WINDOW, w >= SHIFT_AT, random).size();
                if (pausing && (w == 0 || w == QUIET_BEFORE_WINDOW)) {
                    pause(RESUME_MS);
                }
            }
            // One record per partition far ahead, so both subtasks' watermarks pass every window above.
            sent += DriftTraffic.publishFlush(producer, registry, topics, "d", t0 + (WINDOWS + 5) * WINDOW).size();
        }
        return sent;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String defaultPolicy() {
        return PolicyLoader.defaultPolicyYaml();
    }

    private static SluiceTopics prefixedTopics(String prefix) {
        Map<String, String> names = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : SluiceTopics.defaults().all()) {
            names.put("topics." + spec.role(), prefix + "." + spec.name());
        }
        return SluiceTopics.fromMap(names);
    }

    private static JobClient startJob(LocalStack stack, SluiceTopics topics, Path policy, String name) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.name", name);
        settings.put("job.group.id", name);
        settings.put("job.transactional.id.prefix", name);
        settings.put("job.checkpoint.interval.ms", "500");
        settings.put("job.parallelism", "2");
        settings.put("policy.file", policy.toString());
        settings.put("drift.window.ms", Long.toString(WINDOW));
        // Every record here has the same text; this test is about drift, not about duplicates.
        settings.put("dedup.enabled", "false");
        settings.put("drift.min.count", "100");
        settings.put("drift.baseline.windows", "5");
        settings.put("drift.out.of.orderness.ms", "200");
        settings.put("drift.idleness.ms", Long.toString(IDLENESS_MS));
        for (SluiceTopics.TopicSpec spec : topics.all()) {
            settings.put("topics." + spec.role(), spec.name());
        }
        SluiceJobConfig config = SluiceJobConfig.fromMap(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        JobClient client = env.executeAsync(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return client;
    }
}
