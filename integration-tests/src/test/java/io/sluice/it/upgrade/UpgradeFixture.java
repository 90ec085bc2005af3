package io.sluice.it.upgrade;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.it.DriftTraffic;
import io.sluice.it.TestRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A savepoint taken by an earlier build of the job, and the checkpoint it retained when cancelled right
 * after, kept under {@code src/test/resources/upgrade/<name>/} with the learner's files and
 * {@code fixture.properties}: the job settings it ran with, the records it curated, the policy the
 * learner had put in force, and how many records each input partition held when it was taken (the
 * savepoint's source offsets point past them). {@link UpgradeFixtureGenerator} writes one;
 * {@code UpgradeFromSavepointITCase} restores every one listed in {@value #INDEX} with this build.
 *
 * <p>What the records and the policy are is fixed here, so the generator and the test agree on them.
 */
final class UpgradeFixture {
    /** The list of fixtures the test restores, one directory name per line. */
    static final String INDEX = "upgrade/fixtures.txt";
    static final String PROPERTIES = "fixture.properties";
    static final String SAVEPOINT_DIR = "savepoint";
    static final String CHECKPOINT_DIR = "checkpoint";

    /** The learner's files (interventions and their policies), as the fixture's job read them. */
    static final String LEARNER_DIR = "learner";
    static final String INTERVENTIONS = "interventions.yaml";
    /** Evaluation results per arm before the savepoint. */
    static final int RESULTS_BEFORE = 3;

    /**
     * The learner's two forms, each with a worse and a better arm: candidate policies for the whole
     * stream, or per-slice overrides of a base policy. Their state is kept in different classes.
     */
    enum LearnerForm {
        POLICIES("baseline", "better", null),
        SLICES("keep", "relax", "scraped/en/example.org");

        final String worse;
        final String better;
        /** The slice the results are about (per-slice form only). */
        final String slice;

        LearnerForm(String worse, String better, String slice) {
            this.worse = worse;
            this.better = better;
            this.slice = slice;
        }
    }

    /**
     * Drift in the fixture (with {@code --drift}): windows of {@value #DRIFT_WINDOW_MS} ms, judged from
     * {@value #DRIFT_MIN_COUNT} records against a trailing baseline of {@value #DRIFT_BASELINE_WINDOWS}.
     * The earlier build sees {@value #DRIFT_STATIONARY_WINDOWS} windows of a stable language mix, then
     * {@value #DRIFT_SHIFTED_WINDOWS} in which Polish takes half: it raises a {@code lang} alert in the
     * second. Records go a window's {@value #DRIFT_PER_WINDOW} at a time, in event-time order.
     */
    static final long DRIFT_WINDOW_MS = 2000;
    static final int DRIFT_PER_WINDOW = 300;
    static final int DRIFT_MIN_COUNT = 100;
    static final int DRIFT_BASELINE_WINDOWS = 5;
    static final int DRIFT_STATIONARY_WINDOWS = 7;
    static final int DRIFT_SHIFTED_WINDOWS = 2;
    /** Windows after the last shifted one where the closing records go (their window stays open). */
    static final int DRIFT_FLUSH_GAP = 3;

    /** The drift settings of a fixture taken with {@code --drift}: short windows, so that it takes seconds. */
    static Map<String, String> driftSettings() {
        return Map.of("drift.window.ms", Long.toString(DRIFT_WINDOW_MS),
                "drift.min.count", Integer.toString(DRIFT_MIN_COUNT),
                "drift.baseline.windows", Integer.toString(DRIFT_BASELINE_WINDOWS),
                "drift.out.of.orderness.ms", "200",
                "drift.idleness.ms", "1000");
    }

    /** {@link DriftTraffic#publishWindows} with the fixture's window and window size. */
    static List<String> publishDriftWindows(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry,
            SluiceTopics topics, String idPrefix, long start, int windows, boolean shifted, Random random) {
        return DriftTraffic.publishWindows(producer, registry, topics, idPrefix, start, DRIFT_WINDOW_MS, windows,
                DRIFT_PER_WINDOW, shifted, random);
    }

    /** The {@code lang} alerts among the drift topic's {@code records}. */
    static List<DriftAlert> languageAlerts(SchemaRegistryClient registry, List<ConsumerRecord<byte[], byte[]>> records) {
        var decoder = new ConfluentAvroDecoder<>(registry, DriftAlert.class);
        return records.stream().map(r -> decoder.decode(r.value())).filter(a -> a.getDimension().equals("lang")).toList();
    }

    /** Texts the earlier build curated (and deduplication remembers): the first three distinct paragraphs. */
    static final List<String> TEXTS_BEFORE = TestRecords.DISTINCT_PARAGRAPHS.subList(0, 3);
    /** Texts no record had before the savepoint. */
    static final List<String> TEXTS_AFTER = TestRecords.DISTINCT_PARAGRAPHS.subList(3, 6);

    /**
     * The learner's interventions file and its policies, into {@code dir}: every policy keeps the
     * default policy's duplicate rules; the evaluations will favour {@code form.better}.
     */
    static void writeLearnerFiles(Path dir, String name, LearnerForm form) throws IOException {
        Files.createDirectories(dir);
        if (form == LearnerForm.POLICIES) {
            Files.writeString(dir.resolve(form.worse + ".yaml"), policyYaml("upgrade-fixture-" + name + "-" + form.worse));
            Files.writeString(dir.resolve(form.better + ".yaml"), policyYaml("upgrade-fixture-" + name + "-" + form.better));
            Files.writeString(dir.resolve(INTERVENTIONS), """
                    metric: val_accuracy
                    interventions:
                      - id: %1$s
                        kind: threshold_change
                        description: the policy the fixture's job started with
                        policy_file: %1$s.yaml
                      - id: %2$s
                        kind: threshold_change
                        description: the policy the evaluations favour
                        policy_file: %2$s.yaml
                    """.formatted(form.worse, form.better));
        } else {
            Files.writeString(dir.resolve("base.yaml"), policyYaml("upgrade-fixture-" + name + "-base"));
            Files.writeString(dir.resolve(INTERVENTIONS), """
                    metric: val_accuracy
                    base_policy: base.yaml
                    slices:
                      "scraped/*/example.org":
                        - { id: %1$s, kind: threshold_change, description: the base policy as it is }
                        - { id: %2$s, kind: threshold_change, description: no too_short rule, override: { disable: [too_short] } }
                    """.formatted(form.worse, form.better));
        }
    }

    /** Publishes one evaluation result of {@code intervention}, on the feedback topic's first partition (in order). */
    static void publishResult(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry, SluiceTopics topics,
            String eventId, String intervention, String slice, double value) {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.feedback()), FeedbackEvent.class);
        producer.send(new ProducerRecord<>(topics.feedback(), 0, eventId.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(FeedbackEvent.newBuilder().setEventId(eventId).setInterventionId(intervention)
                        .setSlice(slice).setMetric("val_accuracy").setValue(value).setHigherIsBetter(true)
                        .setEvaluatedAt(java.time.Instant.now()).build())));
        producer.flush();
    }

    /**
     * The policy of each of the learner's interventions. It keeps the default policy's duplicate rules;
     * its version shows that the restored job decides with the policy in its broadcast state, since the
     * fresh policy topic of the test holds none.
     */
    static String policyYaml(String version) {
        return """
                version: "%s"
                description: a policy of the upgrade fixture's learner
                rules:
                  - code: duplicate
                    when: { signal: dup.exact, op: ">=", value: 1 }
                    route: quarantine
                    detail: "an earlier record had the same text; dup_of names it"
                  - code: near_duplicate
                    when: { signal: dup.near, op: ">=", value: 1 }
                    route: quarantine
                    detail: "nearly the same text as an earlier record; dup_of names it"
                  - code: too_short
                    when: { signal: text.word_count, op: "<", value: 30 }
                    route: resynthesis
                    applies_to: [synthetic]
                    detail: "fewer than 30 words"
                    instruction: "Regenerate this record as complete prose of at least 30 words."
                """.formatted(version);
    }

    final String name;
    final Path dir;
    final Properties properties;

    private UpgradeFixture(String name, Path dir, Properties properties) {
        this.name = name;
        this.dir = dir;
        this.properties = properties;
    }

    static UpgradeFixture load(String name, Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PROPERTIES))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " has no readable " + PROPERTIES, e);
        }
        return new UpgradeFixture(name, dir, p);
    }

    /** The restore point of the given kind: {@value #SAVEPOINT_DIR} or {@value #CHECKPOINT_DIR}. */
    Path restorePoint(String kind) {
        return dir.resolve(kind);
    }

    /** The job settings the fixture's job ran with ({@code job.*}, {@code dedup.*}, {@code topics.*}, …). */
    Map<String, String> jobSettings() {
        Map<String, String> settings = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("setting.")) {
                settings.put(key.substring("setting.".length()), properties.getProperty(key));
            }
        }
        return settings;
    }

    /** Records each input partition held at the savepoint: topic → partition → count. */
    Map<String, Map<Integer, Long>> inputEndOffsets() {
        Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("offset.")) {
                String topicPartition = key.substring("offset.".length());
                int at = topicPartition.lastIndexOf('.');
                offsets.computeIfAbsent(topicPartition.substring(0, at), t -> new TreeMap<>())
                        .put(Integer.parseInt(topicPartition.substring(at + 1)), Long.parseLong(properties.getProperty(key)));
            }
        }
        return offsets;
    }

    /** The learner's form (the first fixtures had the whole-stream one and do not say). */
    LearnerForm learnerForm() {
        return LearnerForm.valueOf(properties.getProperty("learner.form", LearnerForm.POLICIES.name()));
    }

    /** Results the learner had credited to its form's better arm at the savepoint. */
    long betterObservations() {
        return Long.parseLong(properties.getProperty("learner.better.observations"));
    }

    String policyVersion() {
        return properties.getProperty("policy.version");
    }

    /**
     * The start of the first drift window the earlier build left open (its closing records are in it),
     * or null when the fixture was taken without {@code --drift}.
     */
    Long driftNextWindowStart() {
        String v = properties.getProperty("drift.next.window.start");
        return v == null ? null : Long.valueOf(v);
    }

    /** The id the earlier build gave the record with {@link #TEXTS_BEFORE}{@code .get(i)}. */
    String idBefore(int i) {
        return properties.getProperty("before." + i + ".id");
    }

    /**
     * Publishes {@code text} as record {@code id}: synthetic when {@code synthetic}, else scraped, on
     * {@code topics}' ingest topics.
     */
    static void publish(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry, SluiceTopics topics,
            String id, String text, boolean synthetic) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        if (synthetic) {
            var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                    SyntheticRecord.class);
            producer.send(new ProducerRecord<>(topics.syntheticIngest(), key, serializer.serialize(TestRecords.synthetic(id, text))));
        } else {
            var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                    ScrapedRecord.class);
            producer.send(new ProducerRecord<>(topics.scrapedIngest(), key, serializer.serialize(TestRecords.scraped(id, text))));
        }
        producer.flush();
    }

    /** The curated records among {@code records} (accepted and quarantined ones). */
    static List<CuratedRecord> curated(ConfluentAvroDecoder<CuratedRecord> decoder, List<ConsumerRecord<byte[], byte[]>> records) {
        List<CuratedRecord> curated = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().endsWith("accepted") || r.topic().endsWith("quarantined")) {
                curated.add(decoder.decode(r.value()));
            }
        }
        return curated;
    }

    /** Copies the directory tree {@code from} to {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
