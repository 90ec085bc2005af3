package io.sluice.pipeline;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.kafka.SluiceKafka;
import io.sluice.connectors.registry.RegistryClientFactory;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.drift.DriftSettings;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.metrics.MetricsSettings;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.policy.PolicyTopic;
import io.sluice.pipeline.signals.SignalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sluice job: parses configuration, builds the real Kafka source and sink, and puts
 * {@link CurationPipeline} between them. Entry point of the shaded job jar:
 *
 * <pre>flink run sluice-pipeline-*-job.jar --config sluice.properties [--key value ...]</pre>
 */
public final class SluiceJob {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceJob.class);
    public static final String UID_SOURCE = "sluice-source-ingest";
    public static final String UID_SINK = "sluice-sink-outputs";
    public static final String UID_POLICY_SOURCE = "sluice-source-policy";
    public static final String UID_FEEDBACK_SOURCE = "sluice-source-feedback";
    public static final String UID_LEARNER_SINK = "sluice-sink-learner";

    private SluiceJob() {}

    public static void main(String[] args) throws Exception {
        SluiceJobConfig config = parseArgs(args);
        if (config.preflight()) {
            List<String> problems = Preflight.problems(config);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Sluice cannot start: " + String.join(" Also: ", problems));
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        wire(env, config);
        env.execute(config.jobName());
    }

    /** {@code --config FILE} plus {@code --some.key value} overrides. */
    public static SluiceJobConfig parseArgs(String[] args) throws IOException {
        Path file = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --config FILE and --key value pairs, got '" + arg + "'");
            }
            String value = args[++i];
            if (arg.equals("--config")) {
                file = Path.of(value);
            } else {
                overrides.put(arg.substring(2), value);
            }
        }
        return SluiceJobConfig.load(file, overrides);
    }

    /**
     * Settings the job relies on: no Kryo fallback (every type crossing the network has a real
     * serializer; a new type without one fails at build time, not in production), object reuse.
     */
    public static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    /**
     * The base settings plus the job's checkpoint storage and restore point. Retaining the last
     * checkpoint on cancel is what makes a stop-and-restart exactly-once: the checkpoint holds the
     * pending Kafka transactions, which the restarted job commits; restarting from committed
     * consumer offsets alone could drop the outputs of the last checkpoint.
     */
    public static Configuration flinkConfiguration(SluiceJobConfig config) {
        Configuration conf = flinkConfiguration();
        if (config.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            // Two, so that a restart can fall back to the one before the last when the brokers have
            // aborted the last one's transactions (see RestoredTransactions).
            conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        }
        if (config.restorePath() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, config.restorePath());
            // Turning deduplication off, or switching the learner's form, leaves state in the checkpoint
            // that no operator claims; Flink refuses such a restore unless told to drop it. No record is
            // lost with the dedup join's state: a record comes before the checkpoint's barrier only with
            // the answers it waits for (they travel ahead of the same barrier), so none is held then;
            // one held past the barrier (at-least-once checkpoints) is read again from the source.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, config.allowNonRestoredState());
        }
        // Deduplication's state grows with its horizon; on RocksDB it lives on disk and each checkpoint
        // uploads only the files written since the last one.
        if (config.stateBackend() != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
            if (config.stateBackend().equals("rocksdb")) {
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        if (config.metrics().prometheusPort() != null) {
            // Read by a local MiniCluster only; a real cluster's reporters come from its own configuration.
            conf.setString("metrics.reporter.prom.factory.class", MetricsSettings.LOOPBACK_REPORTER_FACTORY);
            conf.setString("metrics.reporter.prom.host", "127.0.0.1");
            conf.setString("metrics.reporter.prom.port", config.metrics().prometheusPort());
        }
        return conf;
    }

    /** What runs between the Kafka source and sink. */
    public enum Topology {
        /** The Sluice job. */
        CURATION,
        /** Decode and re-encode only, through the same sink: the transport's own cost, for {@code sluice bench}. */
        PASSTHROUGH
    }

    /** Adds the whole job (Kafka source → curation → Kafka sink) to {@code env}. */
    public static void wire(StreamExecutionEnvironment env, SluiceJobConfig config) throws IOException {
        wire(env, config, Topology.CURATION);
    }

    /** Adds the job with the given topology between the real Kafka source and sink. */
    public static void wire(StreamExecutionEnvironment env, SluiceJobConfig config, Topology topology)
            throws IOException {
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (topology == Topology.CURATION && config.dedup().enabled()
                && env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            LOG.warn("dedup.enabled=true and no checkpoint directory here (job.checkpoint.dir): unless the cluster sets"
                    + " execution.checkpointing.dir, Flink keeps checkpoints in the JobManager's memory, at most 5 MB per"
                    + " operator state; deduplication's state outgrows that after ~6,000 distinct texts at parallelism 1,"
                    + " and every checkpoint then fails");
        }
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        // Records reach the sink through a network edge (the union of the four outputs cannot chain to
        // it); a half-full buffer waits this long before it is sent. Under load buffers fill first.
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        Optional<PolicyTopic.InForce> inForce = topology == Topology.CURATION ? policyInForce(config) : Optional.empty();
        CurationSettings settings = curationSettings(config, inForce);

        DataStream<KafkaInput> input = env.fromSource(
                        SluiceKafka.rawSource(config.kafka(),
                                List.of(config.topics().syntheticIngest(), config.topics().scrapedIngest()),
                                config.groupId(), config.bounded()),
                        sourceWatermarks(config.drift()), "Kafka ingest")
                .uid(UID_SOURCE);

        DataStream<KafkaOutput> output;
        if (topology == Topology.PASSTHROUGH) {
            output = PassthroughPipeline.build(input, settings);
        } else {
            DataStream<KafkaInput> policyInput = null;
            if (config.livePolicy()) {
                policyInput = env.fromSource(
                                SluiceKafka.policySource(config.kafka(), config.topics().policy(),
                                        config.groupId() + ".policy", config.bounded(),
                                        inForce.map(PolicyTopic.InForce::startOffsets).orElse(Map.of())),
                                WatermarkStrategy.noWatermarks(), "Kafka policy updates")
                        .setParallelism(1)
                        .uid(UID_POLICY_SOURCE);
            }
            CurationPipeline.Outputs outputs = CurationPipeline.build(input, policyInput, settings, config.drift());
            output = CurationPipeline.encode(outputs, settings);
            if (config.learner().enabled()) {
                if (!config.livePolicy()) {
                    throw new IllegalArgumentException("learner.enabled=true needs policy.live=true: the learner's "
                            + "policy updates reach the job through the policy topic");
                }
                DataStream<KafkaInput> feedback = env.fromSource(
                                SluiceKafka.rawSource(config.kafka(), List.of(config.topics().feedback()),
                                        config.groupId() + ".feedback", config.bounded()),
                                WatermarkStrategy.noWatermarks(), "Kafka feedback")
                        .setParallelism(1)
                        .uid(UID_FEEDBACK_SOURCE);
                // A sink of its own with one subtask: the learner's policy updates must reach the policy
                // topic in the order it made them (the latest is the one in force), which the shared
                // sink's subtasks, each with its own transactions, would not keep.
                CurationPipeline.feedbackLoop(feedback, outputs.policyUpdates(), settings, config.learner())
                        .sinkTo(SluiceKafka.sink(config.kafka(), config.deliveryGuarantee(),
                                config.transactionalIdPrefix() + "-learner"))
                        .setParallelism(1)
                        .uid(UID_LEARNER_SINK)
                        .name("Kafka policy updates and ledger");
            }
        }
        output.sinkTo(SluiceKafka.sink(config.kafka(), config.deliveryGuarantee(), config.transactionalIdPrefix()))
                .uid(UID_SINK)
                .name("Kafka outputs");
    }

    /**
     * No watermarks at the source unless drift asks for per-partition ones from the Kafka timestamp;
     * by default drift's watermarks come from event_time, after decoding (see {@link DriftSettings.Watermarks}).
     */
    static WatermarkStrategy<KafkaInput> sourceWatermarks(DriftSettings drift) {
        if (!drift.enabled() || drift.watermarks() != DriftSettings.Watermarks.KAFKA_TIMESTAMP) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.<KafkaInput>forBoundedOutOfOrderness(drift.outOfOrderness())
                .withIdleness(drift.idleness())
                .withTimestampAssigner(new KafkaTimestampAssigner());
    }

    /** The Kafka record timestamp, as the source saw it. */
    static final class KafkaTimestampAssigner implements SerializableTimestampAssigner<KafkaInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(KafkaInput record, long previous) {
            return record.timestamp;
        }
    }

    /**
     * The last valid policy pushed to the policy topic, which is in force over {@code policy.file}
     * (see {@link PolicyTopic}); empty when there is none or the topic cannot be read in time, in
     * which case the job starts from {@code policy.file} and its policy input applies the topic's
     * policy as soon as it has replayed it.
     */
    static Optional<PolicyTopic.InForce> policyInForce(SluiceJobConfig config) {
        if (!config.livePolicy() || config.policyStartupTimeout().isZero()) {
            return Optional.empty();
        }
        try (SchemaRegistryClient registry = RegistryClientFactory.rest(config.registry()).create()) {
            return PolicyTopic.latest(config.kafka(), registry, config.topics().policy(), config.policyStartupTimeout());
        } catch (Exception e) {
            LOG.warn("Could not read the policy in force from {} ({}); starting from policy.file until the job's "
                    + "policy input replays the topic", config.topics().policy(), e.toString());
            return Optional.empty();
        }
    }

    /** The topology settings of a job config; reads and validates the policy now, so a bad policy fails at submit. */
    public static CurationSettings curationSettings(SluiceJobConfig config) throws IOException {
        return curationSettings(config, Optional.empty());
    }

    /** As {@link #curationSettings(SluiceJobConfig)}, starting from {@code inForce} when there is one. */
    static CurationSettings curationSettings(SluiceJobConfig config, Optional<PolicyTopic.InForce> inForce)
            throws IOException {
        String origin;
        String yaml;
        if (config.policyFile() != null) {
            origin = config.policyFile().toString();
            yaml = Files.readString(config.policyFile(), StandardCharsets.UTF_8);
        } else {
            origin = "classpath:" + PolicyLoader.DEFAULT_POLICY_RESOURCE;
            yaml = PolicyLoader.defaultPolicyYaml();
        }
        new PolicyLoader().parse(yaml, origin);
        TargetMix.fromPolicyYaml(yaml, origin); // a bad target_mix fails at submit too
        if (inForce.isPresent()) {
            PolicyUpdate pushed = inForce.get().update();
            origin = "policy topic " + config.topics().policy() + " (version " + pushed.getPolicyVersion()
                    + ", published " + pushed.getPublishedAt() + " by " + pushed.getAuthor() + ")";
            yaml = pushed.getPolicyYaml();
        }
        LOG.info("Starting with the policy from {}", origin);
        config.metrics().checkSignals(SignalRegistry.standard().names());
        return new CurationSettings(config.topics(), RegistryClientFactory.rest(config.registry()), yaml, origin,
                PipelineVersion.current(), config.maxRecordBytes(), config.kafka().maxRequestBytes(), config.dedup(),
                config.metrics());
    }
}
