package io.sluice.pipeline;

import static io.sluice.pipeline.types.SpecificRecordTypeInfo.forRecord;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.pipeline.dedup.DedupSettings;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftSettings;
import io.sluice.pipeline.drift.FillGapPlanner;
import io.sluice.pipeline.functions.DecodeFunction;
import io.sluice.pipeline.functions.DedupAnswer;
import io.sluice.pipeline.functions.DedupJoinFunction;
import io.sluice.pipeline.functions.DedupProbe;
import io.sluice.pipeline.functions.DedupProbeFunction;
import io.sluice.pipeline.functions.DriftDetectorFunction;
import io.sluice.pipeline.functions.DriftPartial;
import io.sluice.pipeline.functions.DriftPartialOperator;
import io.sluice.pipeline.functions.DriftRecordFeatures;
import io.sluice.pipeline.functions.EncodeFunction;
import io.sluice.pipeline.functions.EventTimeAssigner;
import io.sluice.pipeline.functions.FeedbackDecodeFunction;
import io.sluice.pipeline.functions.FirstSeenFunction;
import io.sluice.pipeline.functions.IdleInEventTimeOperator;
import io.sluice.pipeline.functions.LearnerFunction;
import io.sluice.pipeline.functions.LiveDriftDetectorFunction;
import io.sluice.pipeline.functions.LivePolicyScoreAndDecideFunction;
import io.sluice.pipeline.functions.PolicyUpdateDecodeFunction;
import io.sluice.pipeline.functions.ScoreAndDecideFunction;
import io.sluice.pipeline.functions.SliceLearnerFunction;
import io.sluice.pipeline.learning.LearnerSettings;
import io.sluice.pipeline.policy.PolicyPublisher;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.ConnectedStreams;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The curation topology, and only the topology: from raw input records to typed output streams.
 * No connectors and no {@code execute()}, so tests drive it with bounded in-memory input and the
 * job ({@link SluiceJob}) wires it to Kafka.
 *
 * <pre>
 * raw ─▶ decode+normalize ─▶ event time ─▶ dedup ─▶ score+decide ─┬─▶ accepted ────┐
 *            │                                          ▲        ├─▶ quarantined ─┤ drift partials (per subtask,
 *            └─▶ dead letters                           │        └─▶ resynthesis ─┘ chained)
 * policy topic ─▶ decode+validate ─▶ broadcast ─────────┘                          │
 *                (live policy updates, when given)                                 │ keyBy(window) ─▶ drift detector
 *                                                          snapshots ◀─────────────┤─▶ drift alerts
 *                                                                                  └─▶ resynthesis (FILL_GAP)
 * dedup: keys ─▶ keyBy(key) first seen ─▶ keyBy(record) answers joined with the record
 * </pre>
 *
 * Drift outputs are not outputs of input records: "every input in exactly one of accepted /
 * quarantined / resynthesis / dead letters" counts REPAIR requests only, and FILL_GAP requests are
 * keyed {@code fill-gap-…} and carry a {@value #KIND_HEADER} header so consumers can tell them apart.
 *
 * Operator uids are part of the savepoint contract: never change one, only add new ones.
 */
public final class CurationPipeline {
    public static final String UID_DECODE = "sluice-decode";
    public static final String UID_SCORE_DECIDE = "sluice-score-decide";
    public static final String UID_DEDUP_PROBE = "sluice-dedup-probe";
    public static final String UID_DEDUP_FIRST_SEEN = "sluice-dedup-first-seen";
    public static final String UID_DEDUP_JOIN = "sluice-dedup-join";
    public static final String UID_FEEDBACK_DECODE = "sluice-feedback-decode";
    public static final String UID_LEARNER = "sluice-learner";
    public static final String UID_SLICE_LEARNER = "sluice-slice-learner";
    public static final String UID_ENCODE_POLICY_UPDATES = "sluice-encode-policy-updates";
    public static final String UID_ENCODE_LEDGER = "sluice-encode-intervention-ledger";
    public static final String UID_POLICY_DECODE = "sluice-policy-decode";
    public static final String UID_POLICY_WATERMARKS = "sluice-policy-watermarks";
    public static final String UID_ENCODE_ACCEPTED = "sluice-encode-accepted";
    public static final String UID_ENCODE_QUARANTINED = "sluice-encode-quarantined";
    public static final String UID_ENCODE_RESYNTHESIS = "sluice-encode-resynthesis";
    public static final String UID_EVENT_TIME = "sluice-drift-event-time";
    public static final String UID_DRIFT_PARTIAL_ACCEPTED = "sluice-drift-partial-accepted";
    public static final String UID_DRIFT_PARTIAL_QUARANTINED = "sluice-drift-partial-quarantined";
    public static final String UID_DRIFT_PARTIAL_RESYNTHESIS = "sluice-drift-partial-resynthesis";
    public static final String UID_DRIFT_DETECT = "sluice-drift-detect";
    public static final String UID_ENCODE_SNAPSHOTS = "sluice-encode-snapshots";
    public static final String UID_ENCODE_DRIFT_ALERTS = "sluice-encode-drift-alerts";
    public static final String UID_ENCODE_FILL_GAP = "sluice-encode-fill-gap";

    /** Header on every resynthesis request naming its kind, so REPAIR and FILL_GAP are told apart unread. */
    public static final String KIND_HEADER = "sluice.resynthesis.kind";

    static final OutputTag<InterventionRecord> LEDGER = new OutputTag<>("ledger", forRecord(InterventionRecord.class));
    static final OutputTag<DedupProbe> DEDUP_PROBES = new OutputTag<>("dedup-probes", TypeInformation.of(DedupProbe.class));
    static final OutputTag<KafkaOutput> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(KafkaOutput.class));
    static final OutputTag<CuratedRecord> QUARANTINED = new OutputTag<>("quarantined", forRecord(CuratedRecord.class));
    static final OutputTag<ResynthesisRequest> RESYNTHESIS =
            new OutputTag<>("resynthesis", forRecord(ResynthesisRequest.class));
    static final OutputTag<DriftAlert> DRIFT_ALERTS = new OutputTag<>("drift-alerts", forRecord(DriftAlert.class));
    static final OutputTag<ResynthesisRequest> FILL_GAP =
            new OutputTag<>("fill-gap", forRecord(ResynthesisRequest.class));

    private CurationPipeline() {}

    /**
     * The typed outputs of the topology. Every input record appears in exactly one of accepted,
     * quarantined, resynthesis (REPAIR) and dead letters; the drift streams are about windows, not
     * records, and are null when drift is off. {@code policyUpdates} are the policy topic's decoded
     * and validated updates (null without a live policy), for the learner.
     */
    public record Outputs(
            DataStream<CuratedRecord> accepted,
            DataStream<CuratedRecord> quarantined,
            DataStream<ResynthesisRequest> resynthesis,
            DataStream<KafkaOutput> deadLetters,
            DataStream<DistributionSnapshot> snapshots,
            DataStream<DriftAlert> driftAlerts,
            DataStream<ResynthesisRequest> fillGaps,
            DataStream<PolicyUpdate> policyUpdates) {}

    /** Builds the topology without drift. */
    public static Outputs build(DataStream<KafkaInput> input, CurationSettings settings) {
        return build(input, settings, DriftSettings.disabled());
    }

    /** Builds the topology with the policy of {@code settings} fixed for the job's life. */
    public static Outputs build(DataStream<KafkaInput> input, CurationSettings settings, DriftSettings drift) {
        return build(input, null, settings, drift);
    }

    /**
     * Builds decode → normalize → score → decide → route over {@code input} (both input topics), plus
     * drift. With {@code policyInput} (the raw records of the policy topic) the policy can be replaced
     * while the job runs; the score-and-decide operator then has two inputs, so it is no longer chained
     * to the decoder and records cross one more (local) edge.
     */
    public static Outputs build(DataStream<KafkaInput> input, DataStream<KafkaInput> policyInput,
            CurationSettings settings, DriftSettings drift) {
        SingleOutputStreamOperator<NormalizedRecord> decoded = input
                .process(new DecodeFunction(settings, DEAD_LETTERS), forRecord(NormalizedRecord.class))
                .uid(UID_DECODE)
                .name("Decode and normalize");

        DataStream<NormalizedRecord> timed = decoded;
        if (drift.enabled() && drift.watermarks() == DriftSettings.Watermarks.EVENT_TIME) {
            // Per subtask, from the record's own event time; the bound absorbs the interleaving of the
            // partitions a subtask reads, idleness keeps a quiet subtask from stalling every window.
            timed = decoded.assignTimestampsAndWatermarks(WatermarkStrategy
                            .<NormalizedRecord>forBoundedOutOfOrderness(drift.outOfOrderness())
                            .withIdleness(drift.idleness())
                            .withTimestampAssigner(new EventTimeAssigner()))
                    .uid(UID_EVENT_TIME)
                    .name("Event time and watermarks");
        }

        DataStream<NormalizedRecord> scored = settings.dedup().enabled() ? deduplicate(timed, settings.dedup()) : timed;
        SingleOutputStreamOperator<CuratedRecord> accepted;
        DataStream<PolicyUpdate> updates = null;
        if (policyInput == null) {
            accepted = scored
                    .process(new ScoreAndDecideFunction(settings, QUARANTINED, RESYNTHESIS),
                            forRecord(CuratedRecord.class))
                    .uid(UID_SCORE_DECIDE)
                    .name("Score and decide");
        } else {
            updates = policyInput
                    .process(new PolicyUpdateDecodeFunction(settings), forRecord(PolicyUpdate.class))
                    .setParallelism(1)
                    .uid(UID_POLICY_DECODE)
                    .name("Decode and validate policy updates")
                    // A two-input operator's event time is the smaller of its active inputs': the rarely
                    // written policy topic must neither hold drift windows back nor, when the records'
                    // input is idle, stand in for it (see IdleInEventTimeOperator).
                    .transform("Policy updates stay idle in event time", forRecord(PolicyUpdate.class),
                            new IdleInEventTimeOperator<>())
                    .setParallelism(1)
                    .uid(UID_POLICY_WATERMARKS);
            accepted = scored
                    .connect(updates.broadcast(LivePolicyScoreAndDecideFunction.POLICY_STATE))
                    .process(new LivePolicyScoreAndDecideFunction(settings, QUARANTINED, RESYNTHESIS),
                            forRecord(CuratedRecord.class))
                    .uid(UID_SCORE_DECIDE)
                    .name("Score and decide (live policy)");
        }
        DataStream<CuratedRecord> quarantined = accepted.getSideOutput(QUARANTINED);
        DataStream<ResynthesisRequest> resynthesis = accepted.getSideOutput(RESYNTHESIS);
        DataStream<KafkaOutput> deadLetters = decoded.getSideOutput(DEAD_LETTERS);
        if (!drift.enabled()) {
            return new Outputs(accepted, quarantined, resynthesis, deadLetters, null, null, null, updates);
        }

        DriftConfig config = drift.config();
        TypeInformation<DriftPartial> partialType = TypeInformation.of(DriftPartial.class);
        DataStream<DriftPartial> partials = accepted
                .transform("Drift partials (accepted)", partialType,
                        new DriftPartialOperator<>(config, DriftRecordFeatures.curated()))
                .uid(UID_DRIFT_PARTIAL_ACCEPTED)
                .union(quarantined.transform("Drift partials (quarantined)", partialType,
                                new DriftPartialOperator<>(config, DriftRecordFeatures.curated()))
                                .uid(UID_DRIFT_PARTIAL_QUARANTINED),
                        resynthesis.transform("Drift partials (resynthesis)", partialType,
                                new DriftPartialOperator<>(config, DriftRecordFeatures.resynthesis()))
                                .uid(UID_DRIFT_PARTIAL_RESYNTHESIS));
        SingleOutputStreamOperator<DistributionSnapshot> snapshots;
        if (updates == null) {
            snapshots = partials
                    .keyBy(new OneKey(), TypeInformation.of(Integer.class))
                    .process(new DriftDetectorFunction(settings, config, DRIFT_ALERTS, FILL_GAP),
                            forRecord(DistributionSnapshot.class))
                    .uid(UID_DRIFT_DETECT)
                    .name("Drift detector");
        } else {
            // The policy updates reach drift too, so FILL_GAP requests follow a pushed target_mix.
            snapshots = partials
                    .keyBy(new OneKey(), TypeInformation.of(Integer.class))
                    .connect(updates.broadcast(LiveDriftDetectorFunction.POLICY_STATE))
                    .process(new LiveDriftDetectorFunction(settings, config, DRIFT_ALERTS, FILL_GAP),
                            forRecord(DistributionSnapshot.class))
                    .uid(UID_DRIFT_DETECT)
                    .name("Drift detector (live policy)");
        }
        return new Outputs(accepted, quarantined, resynthesis, deadLetters, snapshots,
                snapshots.getSideOutput(DRIFT_ALERTS), snapshots.getSideOutput(FILL_GAP), updates);
    }

    /**
     * Exact and near-duplicate detection before scoring: each record sends its keys (one exact, up to
     * 14 MinHash LSH bands) to the subtasks that remember them, keyed by key, and waits, keyed by its
     * own input coordinates, for their answers; it then goes on with its {@code dup_*} fields set,
     * which the {@code dup} signals and the policy read. Two shuffles, so that any two records sharing
     * a key meet on one subtask whatever partitions they came from.
     */
    /**
     * A record waits for its slowest answer, two network edges away, and each edge may hold a
     * half-full buffer this long (the job's default, {@code job.buffer.timeout.ms}, is 10 ms). At full
     * load buffers fill long before; at moderate rates this keeps the wait small.
     */
    static final long DEDUP_BUFFER_TIMEOUT_MS = 2;

    static DataStream<NormalizedRecord> deduplicate(DataStream<NormalizedRecord> records, DedupSettings dedup) {
        TypeInformation<NormalizedRecord> recordType = forRecord(NormalizedRecord.class);
        SingleOutputStreamOperator<NormalizedRecord> probed = records
                .process(new DedupProbeFunction(DEDUP_PROBES), recordType)
                .uid(UID_DEDUP_PROBE)
                .name("Dedup: keys");
        probed.setBufferTimeout(DEDUP_BUFFER_TIMEOUT_MS);
        DataStream<DedupAnswer> answers = probed.getSideOutput(DEDUP_PROBES)
                .keyBy(new ProbeKey(), Types.LONG)
                .process(new FirstSeenFunction(dedup.horizon()), TypeInformation.of(DedupAnswer.class))
                .uid(UID_DEDUP_FIRST_SEEN)
                .name("Dedup: first seen per key")
                .setBufferTimeout(DEDUP_BUFFER_TIMEOUT_MS);
        return probed.keyBy(new RecordRef(), Types.LONG)
                .connect(answers.keyBy(new AnswerRef(), Types.LONG))
                .process(new DedupJoinFunction(), recordType)
                .uid(UID_DEDUP_JOIN)
                .name("Dedup: answers per record")
                .setBufferTimeout(DEDUP_BUFFER_TIMEOUT_MS);
    }

    static final class ProbeKey implements KeySelector<DedupProbe, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(DedupProbe probe) {
            return probe.key;
        }
    }

    static final class RecordRef implements KeySelector<NormalizedRecord, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(NormalizedRecord record) {
            return DedupProbeFunction.recordRef(record);
        }
    }

    static final class AnswerRef implements KeySelector<DedupAnswer, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(DedupAnswer answer) {
            return answer.recordRef;
        }
    }

    /**
     * The feedback loop: evaluation results from the feedback topic → the learner (one instance) →
     * policy updates for the policy topic, which the job's live-policy input reads back, and ledger
     * entries for the interventions topic, encoded for an exactly-once sink of one subtask, which keeps
     * the updates in the order the learner made them (see {@link SluiceJob}). The learner also reads
     * {@code policyUpdates} (the policy topic's, {@link Outputs#policyUpdates}), so that it builds on
     * an operator's push instead of undoing it.
     */
    public static DataStream<KafkaOutput> feedbackLoop(DataStream<KafkaInput> feedbackInput,
            DataStream<PolicyUpdate> policyUpdates, CurationSettings settings, LearnerSettings learner) {
        Objects.requireNonNull(policyUpdates, "the learner needs the live policy's updates (policy.live=true)");
        var topics = settings.topics();
        ConnectedStreams<FeedbackEvent, PolicyUpdate> feedback = feedbackInput
                .process(new FeedbackDecodeFunction(settings), forRecord(FeedbackEvent.class))
                .setParallelism(1)
                .uid(UID_FEEDBACK_DECODE)
                .name("Decode feedback")
                .keyBy(new OneFeedbackKey(), Types.INT)
                .connect(policyUpdates.keyBy(new OnePolicyKey(), Types.INT));
        // The two learners keep different state, hence different uids: switching forms on a restore needs
        // --allowNonRestoredState, rather than failing to read one's evidence as the other's.
        SingleOutputStreamOperator<PolicyUpdate> updates = learner.perSlice()
                ? feedback.process(new SliceLearnerFunction(learner.sliceInterventions(), learner.seed(), LEDGER),
                                forRecord(PolicyUpdate.class))
                        .setParallelism(1)
                        .uid(UID_SLICE_LEARNER)
                        .name("Learner per slice (Thompson sampling)")
                : feedback.process(new LearnerFunction(learner.interventions(), learner.seed(), LEDGER),
                                forRecord(PolicyUpdate.class))
                        .setParallelism(1)
                        .uid(UID_LEARNER)
                        .name("Learner (Thompson sampling)");
        DataStream<KafkaOutput> policies = updates
                .map(new EncodeFunction<>(settings, topics.policy(), PolicyUpdate.class, u -> PolicyPublisher.KEY),
                        TypeInformation.of(KafkaOutput.class))
                .setParallelism(1)
                .uid(UID_ENCODE_POLICY_UPDATES).name("Encode policy updates");
        DataStream<KafkaOutput> ledger = updates.getSideOutput(LEDGER)
                .map(new EncodeFunction<>(settings, topics.interventions(), InterventionRecord.class,
                        InterventionRecord::getInterventionId), TypeInformation.of(KafkaOutput.class))
                .setParallelism(1)
                .uid(UID_ENCODE_LEDGER).name("Encode intervention ledger");
        return policies.union(ledger);
    }

    /** All feedback to one learner: results arrive a few per hour, and one policy combines every choice. */
    static final class OneFeedbackKey implements KeySelector<FeedbackEvent, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(FeedbackEvent event) {
            return 0;
        }
    }

    /** Every policy update to the one learner instance. */
    static final class OnePolicyKey implements KeySelector<PolicyUpdate, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(PolicyUpdate update) {
            return 0;
        }
    }

    /** All partials to one detector: windows are few and small, and one task must see all of a window. */
    static final class OneKey implements KeySelector<DriftPartial, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(DriftPartial partial) {
            return 0;
        }
    }

    /**
     * REPAIR requests are keyed by the record they repair, so every output of an input record carries
     * the input's id (reconciliation, tracing); FILL_GAP requests by their own id.
     */
    static String resynthesisKey(ResynthesisRequest request) {
        return request.getRecord() != null ? request.getRecord().getId() : request.getRequestId();
    }

    /**
     * Encodes every output for its topic and merges them into one stream, which the job writes with
     * a single exactly-once sink: one transaction then spans all output topics of a checkpoint.
     */
    public static DataStream<KafkaOutput> encode(Outputs outputs, CurationSettings settings) {
        var topics = settings.topics();
        DataStream<KafkaOutput> accepted = outputs.accepted()
                .map(new EncodeFunction<>(settings, topics.accepted(), CuratedRecord.class, CuratedRecord::getId,
                        Map.of(), record -> record), TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_ACCEPTED).name("Encode accepted");
        DataStream<KafkaOutput> quarantined = outputs.quarantined()
                .map(new EncodeFunction<>(settings, topics.quarantined(), CuratedRecord.class, CuratedRecord::getId,
                        Map.of(), record -> record), TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_QUARANTINED).name("Encode quarantined");
        DataStream<KafkaOutput> resynthesis = outputs.resynthesis()
                .map(new EncodeFunction<>(settings, topics.resynthesis(), ResynthesisRequest.class,
                        CurationPipeline::resynthesisKey, Map.of(KIND_HEADER, "REPAIR"), ResynthesisRequest::getRecord),
                        TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_RESYNTHESIS).name("Encode resynthesis");
        DataStream<KafkaOutput> all = accepted.union(quarantined, resynthesis, outputs.deadLetters());
        if (outputs.snapshots() == null) {
            return all;
        }
        DataStream<KafkaOutput> snapshots = outputs.snapshots()
                .map(new EncodeFunction<>(settings, topics.snapshots(), DistributionSnapshot.class,
                        CurationPipeline::snapshotKey), TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_SNAPSHOTS).name("Encode drift snapshots");
        DataStream<KafkaOutput> alerts = outputs.driftAlerts()
                .map(new EncodeFunction<>(settings, topics.drift(), DriftAlert.class, DriftAlert::getDimension),
                        TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_DRIFT_ALERTS).name("Encode drift alerts");
        DataStream<KafkaOutput> fillGaps = outputs.fillGaps()
                .map(new EncodeFunction<>(settings, topics.resynthesis(), ResynthesisRequest.class,
                        ResynthesisRequest::getRequestId, Map.of(KIND_HEADER, "FILL_GAP")),
                        TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_FILL_GAP).name("Encode FILL_GAP requests");
        return all.union(snapshots, alerts, fillGaps);
    }

    /** One key per dimension and window: compacted topics keep the latest snapshot of each. */
    static String snapshotKey(DistributionSnapshot s) {
        return s.getDimension() + "@" + s.getWindowStart().toEpochMilli();
    }

    /** True for keys of FILL_GAP requests, which are not outputs of any input record. */
    public static boolean isFillGapKey(String key) {
        return key != null && key.startsWith(FillGapPlanner.ID_PREFIX);
    }
}
