package io.sluice.pipeline.config;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.dedup.DedupSettings;
import io.sluice.pipeline.metrics.MetricsSettings;
import io.sluice.pipeline.drift.DriftSettings;
import io.sluice.pipeline.learning.LearnerSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The job's configuration, parsed once from flat {@code key=value} settings (a properties file
 * plus command-line overrides) into immutable records. Required keys fail fast with a message
 * naming the key; nothing defaults to a real environment.
 *
 * <p>Values may reference secrets instead of containing them: {@code ${env:NAME}} reads an
 * environment variable and {@code ${file:/path}} the (trimmed) content of a file, so passwords
 * never need to be in the config file or on the command line.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>kafka.bootstrap.servers</td><td>required</td></tr>
 * <tr><td>kafka.client.*</td><td>passed to every Kafka client (security.protocol, sasl.*, ssl.*)</td></tr>
 * <tr><td>kafka.transaction.timeout.ms</td><td>default 900000</td></tr>
 * <tr><td>registry.url</td><td>required; registry.basic.auth.user/password, registry.ssl.* optional</td></tr>
 * <tr><td>topics.*</td><td>topic names, see {@link SluiceTopics#fromMap}</td></tr>
 * <tr><td>policy.file</td><td>policy YAML; default: the policy shipped in the jar</td></tr>
 * <tr><td>policy.live</td><td>default true: the job reads the policy topic and decides with the latest policy
 * published there ({@code sluice policy push}); false keeps the starting policy for the job's life</td></tr>
 * <tr><td>policy.startup.timeout.ms</td><td>default 10000: with policy.live, the job starts from the last policy
 * pushed to the policy topic (read at submit, within this time) rather than policy.file; 0 skips the read</td></tr>
 * <tr><td>job.name, job.group.id, job.transactional.id.prefix</td><td>default sluice, sluice, sluice-&lt;job.name&gt;</td></tr>
 * <tr><td>job.checkpoint.interval.ms</td><td>default 5000; exactly-once output becomes visible at this pace</td></tr>
 * <tr><td>job.delivery.guarantee</td><td>exactly-once (default) or at-least-once</td></tr>
 * <tr><td>job.parallelism</td><td>default: the environment's</td></tr>
 * <tr><td>job.buffer.timeout.ms</td><td>default 10; longest a record waits in a half-full network buffer between
 * operators that are not chained (Flink's default, 100, dominated the job's tail latency)</td></tr>
 * <tr><td>job.preflight</td><td>default true: before a job starts, check that its topics exist, that the
 * registry takes Sluice's output schemas and that a restore point's Kafka transactions were not aborted (see
 * {@link io.sluice.pipeline.Preflight})</td></tr>
 * <tr><td>curation.max.record.bytes</td><td>default (kafka.client.max.request.size - 64 KiB) / 2, i.e. 491520
 * with Kafka's default 1 MiB: a curated record carries its text twice, so a larger input could not be written</td></tr>
 * <tr><td>job.checkpoint.dir</td><td>where checkpoints are kept (file:// or s3://…); when set, the last two are
 * retained on cancel so the job can be restarted from them</td></tr>
 * <tr><td>job.restore.path</td><td>checkpoint or savepoint to start from</td></tr>
 * <tr><td>job.restore.allow.non.restored.state</td><td>default false: start even though the checkpoint holds state
 * of operators the job no longer has (deduplication turned off, the learner's other form), dropping that state;
 * what Flink's {@code --allowNonRestoredState} does under {@code flink run}</td></tr>
 * <tr><td>job.state.backend</td><td>hashmap (keyed state on the heap) or rocksdb (on local disk, incremental
 * checkpoints; for long deduplication horizons); default: the cluster's own setting (a MiniCluster's: hashmap)</td></tr>
 * <tr><td>job.bounded</td><td>true: read up to the offsets that are the latest at start, then finish (backfills)</td></tr>
 * <tr><td>dedup.enabled, dedup.horizon.ms</td><td>default false, 7 days: exact and near-duplicate detection
 * before scoring, see {@link DedupSettings}</td></tr>
 * <tr><td>learner.enabled, learner.interventions, learner.seed</td><td>the feedback loop, default off; see
 * {@link LearnerSettings}</td></tr>
 * <tr><td>metrics.signal.histograms, metrics.prometheus.port</td><td>signals with a histogram metric, and the
 * port of a local cluster's Prometheus endpoint; see {@link MetricsSettings}</td></tr>
 * <tr><td>drift.*</td><td>windows, watermarks and alert rules of drift, see {@link DriftSettings}</td></tr>
 * </table>
 */
public record SluiceJobConfig(
        KafkaSettings kafka,
        RegistryConfig registry,
        SluiceTopics topics,
        Path policyFile,
        boolean livePolicy,
        Duration policyStartupTimeout,
        String jobName,
        String groupId,
        String transactionalIdPrefix,
        Duration checkpointInterval,
        DeliveryGuarantee deliveryGuarantee,
        int parallelism,
        int maxRecordBytes,
        String checkpointDir,
        String restorePath,
        boolean allowNonRestoredState,
        String stateBackend,
        boolean bounded,
        Duration bufferTimeout,
        DriftSettings drift,
        DedupSettings dedup,
        LearnerSettings learner,
        MetricsSettings metrics,
        boolean preflight) implements Serializable {

    /** Default of {@code job.buffer.timeout.ms}. */
    public static final long DEFAULT_BUFFER_TIMEOUT_MS = 10;

    /** Parses the settings; every value has {@code ${env:…}} / {@code ${file:…}} references resolved. */
    public static SluiceJobConfig fromMap(Map<String, String> raw) {
        Map<String, String> c = new HashMap<>();
        raw.forEach((k, v) -> c.put(k.trim(), SecretReferences.resolve(k.trim(), v == null ? null : v.trim())));

        Map<String, String> clientProps = new TreeMap<>();
        Map<String, String> registryProps = new TreeMap<>();
        c.forEach((k, v) -> {
            if (k.startsWith("kafka.client.")) {
                clientProps.put(k.substring("kafka.client.".length()), v);
            } else if (k.startsWith("registry.")) {
                registryProps.put(k.substring("registry.".length()), v);
            }
        });
        KafkaSettings kafka = new KafkaSettings(required(c, "kafka.bootstrap.servers"), clientProps,
                Duration.ofMillis(longValue(c, "kafka.transaction.timeout.ms", 900_000)));
        if (!registryProps.containsKey("url")) {
            throw new IllegalArgumentException("missing required setting 'registry.url' (the Confluent-compatible "
                    + "schema registry, e.g. http://host:8081 or http://host:8080/apis/ccompat/v7)");
        }
        RegistryConfig registry = RegistryConfig.fromMap(registryProps);

        String jobName = c.getOrDefault("job.name", "sluice");
        String guarantee = c.getOrDefault("job.delivery.guarantee", "exactly-once");
        DeliveryGuarantee deliveryGuarantee = switch (guarantee) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException(
                    "job.delivery.guarantee must be exactly-once or at-least-once, got '" + guarantee + "'");
        };
        long checkpointIntervalMs = longValue(c, "job.checkpoint.interval.ms", 5000);
        if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE && kafka.transactionTimeout().toMillis() <= checkpointIntervalMs) {
            // A transaction is open for at least one interval: the broker would abort it before the
            // checkpoint that commits it completes, and its records would be lost.
            throw new IllegalArgumentException("kafka.transaction.timeout.ms (" + kafka.transactionTimeout().toMillis()
                    + ") must be well above job.checkpoint.interval.ms (" + checkpointIntervalMs + "): an exactly-once"
                    + " transaction stays open for at least one interval, plus any restart");
        }
        String policy = c.get("policy.file");
        return new SluiceJobConfig(kafka, registry, SluiceTopics.fromMap(c),
                policy == null || policy.isBlank() ? null : Path.of(policy),
                Boolean.parseBoolean(c.getOrDefault("policy.live", "true")),
                Duration.ofMillis(longValue(c, "policy.startup.timeout.ms", 10_000)),
                jobName,
                c.getOrDefault("job.group.id", "sluice"),
                c.getOrDefault("job.transactional.id.prefix", "sluice-" + jobName),
                Duration.ofMillis(checkpointIntervalMs),
                deliveryGuarantee,
                (int) longValue(c, "job.parallelism", -1),
                (int) longValue(c, "curation.max.record.bytes", CurationSettings.maxRecordBytesFor(kafka.maxRequestBytes())),
                blankToNull(c.get("job.checkpoint.dir")),
                blankToNull(c.get("job.restore.path")),
                Boolean.parseBoolean(c.getOrDefault("job.restore.allow.non.restored.state", "false")),
                stateBackend(blankToNull(c.get("job.state.backend"))),
                Boolean.parseBoolean(c.getOrDefault("job.bounded", "false")),
                Duration.ofMillis(longValue(c, "job.buffer.timeout.ms", DEFAULT_BUFFER_TIMEOUT_MS)),
                DriftSettings.fromMap(c),
                DedupSettings.fromMap(c),
                LearnerSettings.fromMap(c),
                MetricsSettings.fromMap(c),
                Boolean.parseBoolean(c.getOrDefault("job.preflight", "true")));
    }

    /** Null when not set: the Flink cluster's own {@code state.backend.type} applies (a MiniCluster's is the heap). */
    private static String stateBackend(String name) {
        if (name == null) {
            return null;
        }
        String backend = name.trim();
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new IllegalArgumentException("job.state.backend must be hashmap or rocksdb, got '" + name + "'");
        }
        return backend;
    }

    /** Reads a properties file, then applies {@code overrides} on top. */
    public static SluiceJobConfig load(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new HashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            props.forEach((k, v) -> settings.put(k.toString(), v.toString()));
        }
        settings.putAll(overrides);
        return fromMap(settings);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(Map<String, String> c, String key) {
        String value = c.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required setting '" + key + "'");
        }
        return value;
    }

    private static long longValue(Map<String, String> c, String key, long defaultValue) {
        String value = c.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }
}
