package io.sluice.pipeline;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryClientFactory;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.dedup.DedupSettings;
import io.sluice.pipeline.metrics.MetricsSettings;
import java.io.Serializable;

/**
 * Everything the pure topology needs to know, and nothing about where its input comes from or
 * where its output goes. Immutable and serializable: Flink functions keep a copy.
 *
 * @param topics          topic names (the decoder tells input kinds apart by topic; outputs are
 *                        addressed to their topics)
 * @param registry        creates the schema-registry client inside each function
 * @param policyYaml      the policy document in force at start (live updates come later on the
 *                        policy topic)
 * @param policyOrigin    where the policy came from, for error messages (a path, "classpath:…")
 * @param pipelineVersion written into every decision
 * @param maxRecordBytes  values larger than this go to the dead-letter topic unread
 * @param maxOutputBytes  the largest record the sink may send (the producer's {@code max.request.size}):
 *                        an output above it goes to the dead-letter topic instead of failing the sink
 * @param dedup           whether and for how long texts are remembered to find duplicates
 * @param metrics         which signals get a histogram metric
 */
public record CurationSettings(
        SluiceTopics topics,
        RegistryClientFactory registry,
        String policyYaml,
        String policyOrigin,
        String pipelineVersion,
        int maxRecordBytes,
        int maxOutputBytes,
        DedupSettings dedup,
        MetricsSettings metrics) implements Serializable {

    /** Settings without deduplication (its default, see {@link DedupSettings}) and with the default metrics. */
    public CurationSettings(SluiceTopics topics, RegistryClientFactory registry, String policyYaml, String policyOrigin,
            String pipelineVersion, int maxRecordBytes) {
        this(topics, registry, policyYaml, policyOrigin, pipelineVersion, maxRecordBytes,
                KafkaSettings.DEFAULT_MAX_REQUEST_BYTES, DedupSettings.disabled(), MetricsSettings.defaults());
    }

    /**
     * Room an output needs besides its input's text twice: ~130 signals with their names (~5 KB),
     * the decision, provenance, headers, and a resynthesis request's instruction.
     */
    public static final int OUTPUT_RESERVE_BYTES = 64 * 1024;

    /** The input limit that fits Kafka's default 1 MiB {@code max.request.size}: 480 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = maxRecordBytesFor(KafkaSettings.DEFAULT_MAX_REQUEST_BYTES);

    /**
     * The default input limit for outputs of at most {@code maxOutputBytes}: a curated record carries
     * its text twice (as curated, and in the original input record it keeps), so an input may take
     * half of what is left after {@link #OUTPUT_RESERVE_BYTES}. A larger input would make an output
     * the producer refuses; dead-lettering it at the door keeps its original bytes for a replay.
     */
    public static int maxRecordBytesFor(int maxOutputBytes) {
        return Math.max(1, (maxOutputBytes - OUTPUT_RESERVE_BYTES) / 2);
    }

    public CurationSettings {
        if (topics == null || registry == null || policyYaml == null || pipelineVersion == null) {
            throw new IllegalArgumentException("topics, registry, policyYaml and pipelineVersion are required");
        }
        if (dedup == null) {
            throw new IllegalArgumentException("dedup settings are required (DedupSettings.disabled() turns it off)");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics settings are required (MetricsSettings.defaults())");
        }
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive, got " + maxOutputBytes);
        }
    }
}
