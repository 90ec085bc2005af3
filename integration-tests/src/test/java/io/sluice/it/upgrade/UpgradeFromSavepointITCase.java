package io.sluice.it.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.DriftTraffic;
import io.sluice.it.ItJobs;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An upgrade: this build restarts from a savepoint an earlier build took, or from the checkpoint that
 * build retained ({@link UpgradeFixture}), as an operator upgrading Sluice does, and carries on where
 * that job stopped. Every operator's state
 * must be readable by this build's serializers (Flink refuses the restore otherwise) and keep its
 * meaning:
 * <ul>
 *   <li>deduplication remembers the earlier build's texts: copies of them are quarantined as
 *       {@code duplicate} with {@code dup_of} naming the earlier record, new texts are accepted;</li>
 *   <li>the policy the learner had put in force still decides (its version is on every decision),
 *       though this test's policy topic holds none;</li>
 *   <li>the learner's evidence carries over: the next result for an intervention counts as one more
 *       observation of it, not the first;</li>
 *   <li>the sources resume at the savepoint's offsets: the placeholders standing for the records the
 *       earlier build had read are never read (they would be dead-lettered), and every new record comes
 *       out exactly once;</li>
 *   <li>drift (fixtures taken with {@code --drift}): the language alert in force stays in force and the
 *       trailing baseline keeps the mix from before the shift.</li>
 * </ul>
 * A change that breaks this for existing deployments (a renamed state class or field, an operator uid,
 * an incompatible state schema, a policy the new build no longer accepts) fails here; if it is
 * intended, it needs a migration path and a note in the README, not a new fixture alone.
 */
class UpgradeFromSavepointITCase {

    /** Shifted windows sent after the restore of a fixture taken with drift. */
    private static final int DRIFT_WINDOWS_AFTER = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /**
     * Every fixture (taken at parallelism 2 on the heap backend) from its savepoint and from its retained
     * checkpoint, which `sluice run` leaves when stopped; the newest also from its savepoint on RocksDB
     * and rescaled to 4 and to 1. A canonical savepoint does not depend on the backend that took it, an
     * upgrade is when operators move to RocksDB for a longer horizon and when they scale the job.
     * Rescaled, deduplication's keys move to other subtasks by key group and every new scoring subtask
     * gets a copy of the live policy. Those are Flink's mechanics, the same for every fixture; what an
     * older fixture adds is its state's serializers, which the first two restores read.
     */
    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        List<String> names = Files.readAllLines(resource(UpgradeFixture.INDEX)).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        String newest = names.get(names.size() - 1);
        return names.stream().flatMap(name -> {
            Stream<Arguments> each = Stream.of(
                    Arguments.of(name, UpgradeFixture.SAVEPOINT_DIR, "hashmap", 2),
                    Arguments.of(name, UpgradeFixture.CHECKPOINT_DIR, "hashmap", 2));
            return !name.equals(newest) ? each : Stream.concat(each, Stream.of(
                    Arguments.of(name, UpgradeFixture.SAVEPOINT_DIR, "rocksdb", 2),
                    Arguments.of(name, UpgradeFixture.SAVEPOINT_DIR, "hashmap", 4),
                    Arguments.of(name, UpgradeFixture.SAVEPOINT_DIR, "rocksdb", 1)));
        });
    }

    @ParameterizedTest(name = "{0} from its {1} on {2} at parallelism {3}")
    @MethodSource("fixtures")
    void theJobRestoresAnEarlierBuildsRestorePointAndCarriesOnWhereItStopped(String name, String restorePoint,
            String stateBackend, int parallelism, @TempDir Path work) throws Exception {
        UpgradeFixture fixture = UpgradeFixture.load(name, resource("upgrade/" + name));
        // Flink reads a restore point in place; a copy keeps the test's resources untouched, and shows
        // that the restore point does not depend on where the earlier build wrote it.
        Path savepoint = work.resolve(restorePoint);
        UpgradeFixture.copyTree(fixture.restorePoint(restorePoint), savepoint);

        // A stack of its own: the savepoint names its topics, so each restore needs them new and empty.
        try (LocalStack stack = LocalStack.start()) {
            restoreAndCheck(fixture, stateBackend, parallelism, savepoint, stack, work);
        }
    }

    private static void restoreAndCheck(UpgradeFixture fixture, String stateBackend, int parallelism, Path savepoint,
            LocalStack stack, Path work) throws Exception {
        String bootstrap = stack.bootstrapServers();
        Map<String, String> settings = fixture.jobSettings();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.restore.path", savepoint.toUri().toString());
        settings.put("job.checkpoint.dir", work.resolve("checkpoints").toUri().toString());
        settings.put("job.state.backend", stateBackend);
        settings.put("job.parallelism", Integer.toString(parallelism));
        Path learnerFiles = work.resolve(UpgradeFixture.LEARNER_DIR);
        UpgradeFixture.copyTree(fixture.dir.resolve(UpgradeFixture.LEARNER_DIR), learnerFiles);
        settings.put("learner.interventions", learnerFiles.resolve(UpgradeFixture.INTERVENTIONS).toString());
        SluiceTopics topics = SluiceTopics.fromMap(settings);

        JobClient job = null;
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                KafkaProducer<byte[], byte[]> producer = ItJobs.producer(bootstrap)) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            // The records the earlier build had read, as placeholders: the savepoint's offsets point past them.
            int placeholders = 0;
            for (var topic : fixture.inputEndOffsets().entrySet()) {
                for (var partition : topic.getValue().entrySet()) {
                    for (long i = 0; i < partition.getValue(); i++) {
                        producer.send(new ProducerRecord<>(topic.getKey(), partition.getKey(),
                                ("placeholder-" + placeholders++).getBytes(StandardCharsets.UTF_8),
                                "a record the earlier build read; never read again".getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            producer.flush();
            assertThat(placeholders).as("records before the savepoint").isPositive();

            job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
            assertThat(job.getJobStatus().get()).as("restored job").isEqualTo(JobStatus.RUNNING);

            List<String> ids = new ArrayList<>();
            // Drift carries on from the window the earlier build left open, the language mix still shifted;
            // before the records below, whose event time (now) closes these windows.
            Long driftNext = fixture.driftNextWindowStart();
            if (driftNext != null) {
                ids.addAll(UpgradeFixture.publishDriftWindows(producer, registry, topics, "drift-after", driftNext,
                        DRIFT_WINDOWS_AFTER, true, new Random(31)));
                ids.addAll(DriftTraffic.publishFlush(producer, registry, topics, "drift-after",
                        driftNext + (DRIFT_WINDOWS_AFTER + UpgradeFixture.DRIFT_FLUSH_GAP) * UpgradeFixture.DRIFT_WINDOW_MS));
            }
            for (int i = 0; i < UpgradeFixture.TEXTS_BEFORE.size(); i++) {
                // The other input kind than the earlier record: deduplication is by text.
                String id = "copy-" + i;
                ids.add(id);
                UpgradeFixture.publish(producer, registry, topics, id, UpgradeFixture.TEXTS_BEFORE.get(i), i % 2 != 0);
            }
            for (int i = 0; i < UpgradeFixture.TEXTS_AFTER.size(); i++) {
                String id = "new-" + i;
                ids.add(id);
                UpgradeFixture.publish(producer, registry, topics, id, UpgradeFixture.TEXTS_AFTER.get(i), i % 2 == 0);
            }
            List<String> outputs = topics.terminalOutputs(); // the dead-letter topic among them
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readSettled(bootstrap, outputs, ids.size(),
                    Duration.ofSeconds(120));

            assertThat(out).as("outputs after the restore (no placeholder dead-lettered)").extracting(TopicReader::key)
                    .containsExactlyInAnyOrderElementsOf(ids);
            var decoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            List<CuratedRecord> curated = UpgradeFixture.curated(decoder, out);
            assertThat(curated).hasSize(ids.size()).allSatisfy(c -> assertThat(c.getDecision().getPolicyVersion())
                    .as("policy of %s", c.getId()).isEqualTo(fixture.policyVersion()));
            for (CuratedRecord c : curated) {
                if (c.getId().startsWith("copy-")) {
                    int i = Integer.parseInt(c.getId().substring("copy-".length()));
                    assertThat(c.getDecision().getRoute()).as("route of %s", c.getId()).isEqualTo(Route.QUARANTINED);
                    assertThat(c.getDecision().getReasons()).extracting(ReasonCode::getCode).contains("duplicate");
                    assertThat(c.getDupOf()).as("dup_of of %s", c.getId()).isEqualTo(fixture.idBefore(i));
                } else if (c.getId().startsWith("new-")) {
                    assertThat(c.getDecision().getRoute()).as("route of %s", c.getId()).isEqualTo(Route.ACCEPTED);
                    assertThat(c.getDupOf()).isNull();
                }
            }

            // One more evaluation: the ledger credits it to the evidence the earlier build gathered.
            UpgradeFixture.LearnerForm form = fixture.learnerForm();
            UpgradeFixture.publishResult(producer, registry, topics, "better-after-upgrade", form.better, form.slice, 0.81);
            var ledgerDecoder = new ConfluentAvroDecoder<>(registry, InterventionRecord.class);
            List<InterventionRecord> ledger = TopicReader.readUntil(bootstrap, List.of(topics.interventions()),
                    r -> !r.isEmpty(), Duration.ofSeconds(90)).stream().map(r -> ledgerDecoder.decode(r.value())).toList();
            assertThat(ledger).as("ledger after the restore").hasSize(1).first().satisfies(entry -> {
                assertThat(entry.getInterventionId()).isEqualTo(form.better);
                assertThat(entry.getObservations()).isEqualTo(fixture.betterObservations() + 1);
            });
            if (driftNext != null) {
                checkLanguageAlertCarriesOn(bootstrap, registry, topics, driftNext);
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
        }
    }

    /**
     * The alert the earlier build raised is still in force and its baseline still the mix from before the
     * shift: the first window after the restore, as shifted as the earlier ones, continues the alert
     * (ONGOING) against a reference where Polish is rare. Restored without its alert, the monitor would
     * raise it again a window later; without its baseline, it would judge nothing until it had three
     * windows, all shifted, and then see no drift.
     */
    private static void checkLanguageAlertCarriesOn(String bootstrap, SchemaRegistryClient registry, SluiceTopics topics,
            long driftNext) {
        List<DriftAlert> alerts = UpgradeFixture.languageAlerts(registry, TopicReader.readUntil(bootstrap,
                List.of(topics.drift()), r -> UpgradeFixture.languageAlerts(registry, r).stream()
                        .anyMatch(a -> a.getWindowStart().toEpochMilli() == driftNext), Duration.ofSeconds(90)));
        assertThat(alerts).as("lang alerts after the restore").extracting(DriftAlert::getState)
                .doesNotContain(AlertState.RAISED);
        DriftAlert first = alerts.stream().filter(a -> a.getWindowStart().toEpochMilli() == driftNext).findFirst()
                .orElseThrow(() -> new AssertionError("no lang alert for the first window after the restore: " + alerts));
        assertThat(first.getState()).as("the first window's alert").isEqualTo(AlertState.ONGOING);
        assertThat(first.getTop().get(0).getCategory()).isEqualTo("lang=pl");
        // The baseline: five windows, at most two of them shifted (Polish in half their records).
        assertThat(first.getTop().get(0).getReferenceShare()).as("Polish in the baseline").isLessThan(0.25);
        assertThat(first.getTop().get(0).getCurrentShare()).as("Polish in the window").isGreaterThan(0.4);
    }

    private static Path resource(String name) throws URISyntaxException {
        URL url = UpgradeFromSavepointITCase.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        return Path.of(url.toURI());
    }
}
