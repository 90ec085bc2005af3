package io.sluice.it.upgrade;

import io.sluice.avro.AlertState;
import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.InterventionRecord;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.DriftTraffic;
import io.sluice.it.ItJobs;
import io.sluice.it.TestRecords;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.PipelineVersion;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.signals.SignalRegistry;
import io.sluice.stack.LocalStack;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes an {@link UpgradeFixture}: runs this build's job on the embedded broker and registry with
 * deduplication and the learner on, sends evaluation results until the learner has put the better
 * intervention's policy in force, curates the fixture's records, takes a canonical savepoint,
 * cancels the job (which keeps its latest checkpoint) and keeps both with what the test needs to
 * restore them. With {@code --drift} the job runs with short drift windows and is left with a
 * {@code lang} alert in force and a trailing baseline from before the shift. Run it before a release
 * whose state may differ from the last fixture's (and whenever a fixture is retired), then add the
 * directory's name to {@value UpgradeFixture#INDEX}:
 *
 * <pre>
 * mvn -o -q -pl integration-tests -am install -DskipTests
 * mvn -o -q -pl integration-tests dependency:build-classpath -Dmdep.outputFile=/tmp/itcp.txt -Dmdep.includeScope=test
 * java -cp integration-tests/target/test-classes:$(cat /tmp/itcp.txt) io.sluice.it.upgrade.UpgradeFixtureGenerator \
 *     integration-tests/src/test/resources/upgrade/&lt;name&gt; [--slice-learner] [--drift]
 * </pre>
 */
public final class UpgradeFixtureGenerator {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private UpgradeFixtureGenerator() {}

    public static void main(String[] args) throws Exception {
        List<String> options = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        if (args.length < 1 || !List.of("--slice-learner", "--drift").containsAll(options)) {
            System.err.println("usage: UpgradeFixtureGenerator <fixture directory, e.g. src/test/resources/upgrade/2026-12-01>"
                    + " [--slice-learner] [--drift]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        UpgradeFixture.LearnerForm form = options.contains("--slice-learner") ? UpgradeFixture.LearnerForm.SLICES
                : UpgradeFixture.LearnerForm.POLICIES;
        boolean drift = options.contains("--drift");
        if (Files.exists(out.resolve(UpgradeFixture.SAVEPOINT_DIR))) {
            throw new IllegalStateException(out + " already holds a savepoint: a fixture is never rewritten, give a new name");
        }
        String name = out.getFileName().toString();
        Files.createDirectories(out);
        try (LocalStack stack = LocalStack.start()) {
            write(stack, name, out, form, drift);
        }
        // The embedded stack's threads and Flink's local cluster do not all stop with close().
        System.exit(0);
    }

    private static void write(LocalStack stack, String name, Path out, UpgradeFixture.LearnerForm form, boolean drift)
            throws Exception {
        String bootstrap = stack.bootstrapServers();
        String prefix = "upgrade-" + name;
        Map<String, String> settings = ItJobs.jobSettings(prefix, bootstrap, stack.registryUrl());
        settings.put("dedup.enabled", "true");
        // Deduplication's keys expire this long after they were written (processing time): a fixture is
        // restored years later, and its keys must still be there.
        settings.put("dedup.horizon.ms", Long.toString(Duration.ofDays(365L * 100).toMillis()));
        Path checkpoints = Files.createTempDirectory("sluice-upgrade-fixture-checkpoints");
        settings.put("job.checkpoint.dir", checkpoints.toUri().toString());
        // The learner on: its evidence is state too, and it puts the better arm's policy in force.
        Path learnerFiles = out.resolve(UpgradeFixture.LEARNER_DIR);
        UpgradeFixture.writeLearnerFiles(learnerFiles, name, form);
        settings.put("learner.enabled", "true");
        settings.put("learner.interventions", learnerFiles.resolve(UpgradeFixture.INTERVENTIONS).toString());
        if (drift) {
            settings.putAll(UpgradeFixture.driftSettings());
        }
        SluiceTopics topics = SluiceTopics.fromMap(settings);
        // The policy the learner puts in force for the better arm: the arm's own file, or the base policy
        // with the arm's override, named by the arms chosen.
        String policyVersion = form == UpgradeFixture.LearnerForm.POLICIES
                ? "upgrade-fixture-" + name + "-" + form.better
                : "upgrade-fixture-" + name + "-base+learned:" + form.better;

        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                KafkaProducer<byte[], byte[]> producer = ItJobs.producer(bootstrap)) {
            TopicAdmin.createMissing(KafkaSettings.of(bootstrap), topics, 2, (short) 1);
            TopicAdmin.registerSchemas(registry, topics);
            JobClient job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
            var decoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);

            // Evaluations of both interventions, the better one ahead: the learner publishes its policy.
            for (int i = 0; i < UpgradeFixture.RESULTS_BEFORE; i++) {
                UpgradeFixture.publishResult(producer, registry, topics, form.worse + "-" + i, form.worse, form.slice,
                        0.60 + i * 0.005);
            }
            for (int i = 0; i < UpgradeFixture.RESULTS_BEFORE; i++) {
                UpgradeFixture.publishResult(producer, registry, topics, form.better + "-" + i, form.better, form.slice,
                        0.80 + i * 0.005);
            }
            // Records and policy updates come from different topics: probe until a record is decided by it.
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean applied = false;
            for (int probe = 0; !applied && System.nanoTime() < deadline; probe++) {
                UpgradeFixture.publish(producer, registry, topics, "probe-" + probe,
                        TestRecords.PARAGRAPH + " Probe " + probe + ".", true);
                Thread.sleep(500);
                applied = UpgradeFixture.curated(decoder, TopicReader.readUntil(bootstrap, topics.terminalOutputs(), r -> false,
                        Duration.ofSeconds(1))).stream().anyMatch(c -> c.getDecision().getPolicyVersion().equals(policyVersion));
            }
            if (!applied) {
                throw new IllegalStateException("the learner's policy never decided a record");
            }
            Thread.sleep(1000); // the probe proves one scoring subtask has it; the broadcast reaches the other too

            List<String> before = new ArrayList<>();
            for (int i = 0; i < UpgradeFixture.TEXTS_BEFORE.size(); i++) {
                String id = "before-" + i;
                before.add(id);
                UpgradeFixture.publish(producer, registry, topics, id, UpgradeFixture.TEXTS_BEFORE.get(i), i % 2 == 0);
            }
            List<CuratedRecord> decided = UpgradeFixture.curated(decoder, TopicReader.readUntil(bootstrap, topics.terminalOutputs(),
                    r -> curatedIds(decoder, r).containsAll(before), WAIT));
            if (!decided.stream().map(CuratedRecord::getId).toList().containsAll(before)) {
                throw new IllegalStateException("the fixture's records did not all come out within " + WAIT);
            }
            for (CuratedRecord c : decided) {
                if (before.contains(c.getId()) && !c.getDecision().getPolicyVersion().equals(policyVersion)) {
                    throw new IllegalStateException(c.getId() + " was decided by " + c.getDecision().getPolicyVersion());
                }
            }
            var ledgerDecoder = new ConfluentAvroDecoder<>(registry, InterventionRecord.class);
            long betterObservations = TopicReader.readUntil(bootstrap, List.of(topics.interventions()),
                            r -> r.size() >= 2 * UpgradeFixture.RESULTS_BEFORE, WAIT).stream()
                    .map(r -> ledgerDecoder.decode(r.value())).filter(l -> l.getInterventionId().equals(form.better))
                    .mapToLong(InterventionRecord::getObservations).max().orElse(0);
            if (betterObservations != UpgradeFixture.RESULTS_BEFORE) {
                throw new IllegalStateException("the ledger credits " + betterObservations + " results to " + form.better
                        + ", not " + UpgradeFixture.RESULTS_BEFORE);
            }
            Long driftNextWindow = drift ? raiseLanguageAlert(bootstrap, registry, producer, topics) : null;
            // Idle for several checkpoints, so the savepoint holds no transaction still to commit (the
            // restoring test's broker never saw this one's).
            Thread.sleep(3000);
            // Both restore points an operator has: a canonical savepoint (`flink stop --savepointPath`), and
            // the checkpoint a cancelled or crashed job leaves in job.checkpoint.dir (`sluice run`, Ctrl-C).
            Path savepoints = Files.createTempDirectory("sluice-upgrade-fixture");
            String savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
            Path savepointDir = Path.of(java.net.URI.create(savepoint.startsWith("file:") ? savepoint : "file://" + savepoint));
            Thread.sleep(1500); // another checkpoint, still idle
            job.cancel().get();
            Path checkpointDir = ItJobs.latestCheckpoint(checkpoints);

            Properties p = new Properties();
            settings.forEach((k, v) -> {
                if (!k.equals("kafka.bootstrap.servers") && !k.equals("registry.url") && !k.equals("job.checkpoint.dir")
                        && !k.equals("learner.interventions")) {
                    p.setProperty("setting." + k, v);
                }
            });
            p.setProperty("policy.version", policyVersion);
            p.setProperty("learner.better.observations", Long.toString(betterObservations));
            p.setProperty("learner.form", form.name());
            if (driftNextWindow != null) {
                p.setProperty("drift.next.window.start", Long.toString(driftNextWindow));
            }
            for (int i = 0; i < before.size(); i++) {
                p.setProperty("before." + i + ".id", before.get(i));
            }
            endOffsets(bootstrap, List.of(topics.syntheticIngest(), topics.scrapedIngest(), topics.policy(), topics.feedback()))
                    .forEach((tp, offset) -> p.setProperty("offset." + tp.topic() + "." + tp.partition(), Long.toString(offset)));
            p.setProperty("created.at", Instant.now().toString());
            p.setProperty("created.flink.version", EnvironmentInformation.getVersion());
            p.setProperty("created.pipeline.version", PipelineVersion.current());
            p.setProperty("created.signals.version", SignalRegistry.SIGNALS_VERSION);

            UpgradeFixture.copyTree(savepointDir, out.resolve(UpgradeFixture.SAVEPOINT_DIR));
            UpgradeFixture.copyTree(checkpointDir, out.resolve(UpgradeFixture.CHECKPOINT_DIR));
            // Properties.store escapes as load expects, in hash order: sorted, the file reads and diffs better.
            StringWriter stored = new StringWriter();
            p.store(stored, null);
            List<String> lines = new ArrayList<>(stored.toString().lines().filter(l -> !l.startsWith("#")).sorted().toList());
            lines.add(0, "# Written by UpgradeFixtureGenerator; restored by UpgradeFromSavepointITCase. Never edit.");
            Files.write(out.resolve(UpgradeFixture.PROPERTIES), lines, StandardCharsets.ISO_8859_1);
            Path index = out.getParent().resolve("fixtures.txt");
            List<String> listed = Files.exists(index) ? Files.readAllLines(index) : List.of();
            if (!listed.contains(out.getFileName().toString())) {
                Files.writeString(index, out.getFileName() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            System.out.println("fixture " + out + " written from savepoint " + savepoint);
        }
    }

    /**
     * Drift traffic after every record above in event time: stable windows, then shifted ones, until
     * the job raises the {@code lang} alert; then the closing records, whose window stays open. Returns
     * that open window's start, where the restoring test carries on.
     */
    private static long raiseLanguageAlert(String bootstrap, SchemaRegistryClient registry, KafkaProducer<byte[], byte[]> producer,
            SluiceTopics topics) throws InterruptedException {
        long window = UpgradeFixture.DRIFT_WINDOW_MS;
        long t0 = (System.currentTimeMillis() / window + 2) * window;
        Random random = new Random(29);
        UpgradeFixture.publishDriftWindows(producer, registry, topics, "drift", t0, UpgradeFixture.DRIFT_STATIONARY_WINDOWS,
                false, random);
        long shiftStart = t0 + UpgradeFixture.DRIFT_STATIONARY_WINDOWS * window;
        UpgradeFixture.publishDriftWindows(producer, registry, topics, "drift-shift", shiftStart,
                UpgradeFixture.DRIFT_SHIFTED_WINDOWS, true, random);
        long next = shiftStart + (UpgradeFixture.DRIFT_SHIFTED_WINDOWS + UpgradeFixture.DRIFT_FLUSH_GAP) * window;
        DriftTraffic.publishFlush(producer, registry, topics, "drift", next);
        long lastShifted = shiftStart + (UpgradeFixture.DRIFT_SHIFTED_WINDOWS - 1) * window;
        List<DriftAlert> alerts = UpgradeFixture.languageAlerts(registry, TopicReader.readUntil(bootstrap,
                List.of(topics.drift()), r -> UpgradeFixture.languageAlerts(registry, r).stream()
                        .anyMatch(a -> a.getWindowStart().toEpochMilli() == lastShifted), WAIT));
        List<String> seen = alerts.stream().map(a -> a.getState() + "@" + (a.getWindowStart().toEpochMilli() - t0) / window).toList();
        if (!seen.equals(List.of(AlertState.RAISED + "@" + (UpgradeFixture.DRIFT_STATIONARY_WINDOWS + UpgradeFixture.DRIFT_SHIFTED_WINDOWS - 1)))) {
            var snapshotDecoder = new ConfluentAvroDecoder<>(registry, DistributionSnapshot.class);
            List<String> windows = TopicReader.readUntil(bootstrap, List.of(topics.snapshots()), r -> false, Duration.ofSeconds(2))
                    .stream().map(r -> snapshotDecoder.decode(r.value())).filter(d -> d.getDimension().equals("lang"))
                    .map(d -> (d.getWindowStart().toEpochMilli() - t0) / window + ":" + d.getCount()).toList();
            Map<String, Long> outputs = new TreeMap<>();
            TopicReader.keysByTopic(TopicReader.readUntil(bootstrap, topics.terminalOutputs(), r -> false, Duration.ofSeconds(2)))
                    .forEach((topic, keys) -> outputs.put(topic, keys.stream().filter(k -> k.startsWith("drift")).count()));
            throw new IllegalStateException("expected one RAISED lang alert in the last shifted window, got " + seen
                    + "; lang snapshots (window:count) " + windows + "; drift records out " + outputs);
        }
        Thread.sleep(1000); // the alert's checkpoint
        return next;
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, List<String> topicNames) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topicNames) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return consumer.endOffsets(partitions);
        }
    }

    private static List<String> curatedIds(ConfluentAvroDecoder<CuratedRecord> decoder, List<ConsumerRecord<byte[], byte[]>> records) {
        return UpgradeFixture.curated(decoder, records).stream().map(CuratedRecord::getId).toList();
    }
}
