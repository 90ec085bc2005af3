package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.types.SpecificRecordSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceJobTest {

    @Test
    void wholeJobBuildsWithGenericTypesDisabledSoNothingFallsBackToKryo() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration());
        SluiceJob.wire(env, SluiceJobConfig.fromMap(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1", "registry.url", "http://127.0.0.1:1",
                "policy.startup.timeout.ms", "0")));
        // Building the stream graph creates a serializer for every edge; a Kryo fallback throws here.
        var graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).hasSizeGreaterThanOrEqualTo(4);
    }

    /**
     * flink-avro's serializer comes from the cluster's lib/ where it is there, with the cluster's Avro,
     * and writes the job's records by reflection (see SpecificRecordSerializer): no edge may use it.
     */
    @Test
    void noEdgeUsesFlinkAvrosSerializerSoTheClustersJarsDoNotMatter(@TempDir Path dir) throws Exception {
        Path interventions = dir.resolve("interventions.yaml");
        Files.writeString(interventions, """
                metric: val_accuracy
                interventions:
                  - { id: a, kind: threshold_change, description: shipped, policy_file: default }
                  - { id: b, kind: threshold_change, description: hold all, policy_file: b.yaml }
                """);
        Files.writeString(dir.resolve("b.yaml"), """
                version: "b-1"
                rules:
                  - { code: held, when: { signal: text.word_count, op: ">=", value: 1 }, route: quarantine }
                """);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration());
        SluiceJob.wire(env, SluiceJobConfig.fromMap(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1", "registry.url", "http://127.0.0.1:1",
                "policy.startup.timeout.ms", "0", "dedup.enabled", "true",
                "learner.enabled", "true", "learner.interventions", interventions.toString())));
        var graph = env.getStreamGraph();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            serializers.add(node.getTypeSerializerOut());
            serializers.addAll(Arrays.asList(node.getTypeSerializersIn()));
            for (StreamEdge edge : node.getOutEdges()) {
                if (edge.getOutputTag() != null) {
                    serializers.add(edge.getOutputTag().getTypeInfo().createSerializer(new SerializerConfigImpl()));
                }
            }
        }
        assertThat(serializers).filteredOn(s -> s != null).isNotEmpty()
                .noneMatch(s -> s.getClass().getName().startsWith("org.apache.flink.formats.avro."))
                .anyMatch(s -> s instanceof SpecificRecordSerializer<?>);
    }

    @Test
    void everyOperatorHasAStableUid() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration());
        SluiceJob.wire(env, SluiceJobConfig.fromMap(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1", "registry.url", "http://127.0.0.1:1",
                "policy.startup.timeout.ms", "0")));
        for (Transformation<?> t : env.getTransformations()) {
            assertThat(t.getUid()).as("uid of %s", t.getName()).isNotNull().startsWith("sluice-");
        }
    }

    @Test
    void driftCanBeSwitchedOffOrFedPerPartitionWatermarksFromTheSource() throws Exception {
        for (Map<String, String> drift : java.util.List.of(Map.of("drift.enabled", "false"),
                Map.of("drift.watermarks", "kafka-timestamp"))) {
            Map<String, String> settings = new java.util.HashMap<>(drift);
            settings.put("kafka.bootstrap.servers", "127.0.0.1:1");
            settings.put("registry.url", "http://127.0.0.1:1");
            settings.put("policy.startup.timeout.ms", "0");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration());
            SluiceJob.wire(env, SluiceJobConfig.fromMap(settings));
            var names = env.getStreamGraph().getStreamNodes().stream().map(n -> n.getOperatorName()).toList();
            // Off: no drift operator at all. Kafka timestamps: watermarks at the source, none after decode.
            assertThat(names).noneMatch(n -> n.contains("Event time"));
            if (drift.containsKey("drift.enabled")) {
                assertThat(names).noneMatch(n -> n.contains("Drift"));
            } else {
                assertThat(names).anyMatch(n -> n.contains("Drift detector"));
            }
        }
    }

    @Test
    void livePolicyUpdatesAreReadFromThePolicyTopicUnlessSwitchedOff() throws Exception {
        for (String live : java.util.List.of("true", "false")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration());
            SluiceJob.wire(env, SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "registry.url", "http://127.0.0.1:1", "policy.live", live, "policy.startup.timeout.ms", "0")));
            var names = env.getStreamGraph().getStreamNodes().stream().map(n -> n.getOperatorName()).toList();
            if (live.equals("true")) {
                assertThat(names).contains("Source: Kafka policy updates", "Score and decide (live policy)");
            } else {
                assertThat(names).noneMatch(n -> n.contains("policy")).contains("Score and decide");
            }
        }
    }

    @Test
    void theStateBackendIsSetOnlyWhenAsked() {
        Map<String, String> base = Map.of("kafka.bootstrap.servers", "k:1", "registry.url", "http://r");
        assertThat(SluiceJob.flinkConfiguration(SluiceJobConfig.fromMap(base)).getOptional(StateBackendOptions.STATE_BACKEND))
                .as("a cluster's own choice stays").isEmpty();
        Map<String, String> rocks = new java.util.HashMap<>(base);
        rocks.put("job.state.backend", "rocksdb");
        var conf = SluiceJob.flinkConfiguration(SluiceJobConfig.fromMap(rocks));
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        rocks.put("job.state.backend", "rocks");
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(rocks)).hasMessageContaining("job.state.backend must be hashmap or rocksdb");
    }

    @Test
    void badDriftSettingsAreNamed() {
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1",
                "registry.url", "http://r", "drift.watermarks", "wall-clock")))
                .hasMessageContaining("drift.watermarks");
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1",
                "registry.url", "http://r", "drift.psi.raise", "0.5", "drift.psi.critical", "0.25")))
                .hasMessageContaining("clear <= raise <= critical");
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1",
                "registry.url", "http://r", "drift.dimensions.categorical", "lang,colour")))
                .hasMessageContaining("colour");
    }

    @Test
    void missingRequiredSettingsAreNamed() {
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("registry.url", "http://r")))
                .hasMessageContaining("kafka.bootstrap.servers");
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1")))
                .hasMessageContaining("registry.url");
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1",
                "registry.url", "http://r", "job.delivery.guarantee", "maybe-once")))
                .hasMessageContaining("job.delivery.guarantee");
    }

    @Test
    void secretsAreReadFromFilesAndNeverShownInToString(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "s3cr3t-value\n");
        SluiceJobConfig config = SluiceJobConfig.fromMap(Map.of(
                "kafka.bootstrap.servers", "k:1",
                "kafka.client.sasl.jaas.config", "${file:" + secret + "}",
                "registry.url", "http://r",
                "registry.basic.auth.user", "curator",
                "registry.basic.auth.password", "${file:" + secret + "}"));
        assertThat(config.kafka().clientProperties()).containsEntry("sasl.jaas.config", "s3cr3t-value");
        assertThat(config.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void unsetEnvironmentReferenceFailsNamingTheSetting() {
        assertThatThrownBy(() -> SluiceJobConfig.fromMap(Map.of("kafka.bootstrap.servers", "k:1",
                "registry.url", "http://r", "registry.basic.auth.password", "${env:SLUICE_SURELY_UNSET_VAR}")))
                .hasMessageContaining("registry.basic.auth.password").hasMessageContaining("SLUICE_SURELY_UNSET_VAR");
    }
}
