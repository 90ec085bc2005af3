package io.sluice.pipeline;

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
        DedupSettings dedup,
        MetricsSettings metrics) implements Serializable {

    /** Settings without deduplication (its default, see {@link DedupSettings}) and with the default metrics. */
    public CurationSettings(SluiceTopics topics, RegistryClientFactory registry, String policyYaml, String policyOrigin,
            String pipelineVersion, int maxRecordBytes) {
        this(topics, registry, policyYaml, policyOrigin, pipelineVersion, maxRecordBytes, DedupSettings.disabled(),
                MetricsSettings.defaults());
    }

    /** 1 MiB: Kafka's default max.message.bytes, so anything bigger did not come from a default producer. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

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
    }
}
