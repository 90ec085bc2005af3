package io.sluice.pipeline;

import io.sluice.connectors.registry.InMemorySchemaRegistry;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.policy.PolicyLoader;

/** Curation settings for unit tests: default topics and policy, and one in-memory registry per JVM. */
public final class TestSettings {
    /** Shared so serializers in tests and decoders in functions see the same schema ids. */
    public static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();

    private TestSettings() {}

    public static CurationSettings withDefaults() {
        return withMaxRecordBytes(CurationSettings.DEFAULT_MAX_RECORD_BYTES);
    }

    public static CurationSettings withMaxRecordBytes(int maxRecordBytes) {
        return new CurationSettings(SluiceTopics.defaults(), () -> REGISTRY, defaultPolicyYaml(),
                "classpath:" + PolicyLoader.DEFAULT_POLICY_RESOURCE, "sluice-test", maxRecordBytes);
    }

    /** Default settings but for the input limit and the largest output the sink may send. */
    public static CurationSettings withLimits(int maxRecordBytes, int maxOutputBytes) {
        CurationSettings d = withDefaults();
        return new CurationSettings(d.topics(), d.registry(), d.policyYaml(), d.policyOrigin(), d.pipelineVersion(),
                maxRecordBytes, maxOutputBytes, d.dedup(), d.metrics());
    }

    public static String defaultPolicyYaml() {
        return PolicyLoader.defaultPolicyYaml();
    }
}
