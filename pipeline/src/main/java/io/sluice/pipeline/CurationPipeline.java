package io.sluice.pipeline;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.pipeline.functions.DecodeFunction;
import io.sluice.pipeline.functions.EncodeFunction;
import io.sluice.pipeline.functions.ScoreAndDecideFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The curation topology, and only the topology: from raw input records to typed output streams.
 * No connectors and no {@code execute()}, so tests drive it with bounded in-memory input and the
 * job ({@link SluiceJob}) wires it to Kafka.
 *
 * <pre>
 * raw ─▶ decode+normalize ─▶ score+decide ─┬─▶ accepted
 *            │                             ├─▶ quarantined
 *            └─▶ dead letters              └─▶ resynthesis (REPAIR)
 * </pre>
 *
 * Operator uids are part of the savepoint contract: never change one, only add new ones.
 */
public final class CurationPipeline {
    public static final String UID_DECODE = "sluice-decode";
    public static final String UID_SCORE_DECIDE = "sluice-score-decide";
    public static final String UID_ENCODE_ACCEPTED = "sluice-encode-accepted";
    public static final String UID_ENCODE_QUARANTINED = "sluice-encode-quarantined";
    public static final String UID_ENCODE_RESYNTHESIS = "sluice-encode-resynthesis";

    static final OutputTag<KafkaOutput> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(KafkaOutput.class));
    static final OutputTag<CuratedRecord> QUARANTINED = new OutputTag<>("quarantined", TypeInformation.of(CuratedRecord.class));
    static final OutputTag<ResynthesisRequest> RESYNTHESIS =
            new OutputTag<>("resynthesis", TypeInformation.of(ResynthesisRequest.class));

    private CurationPipeline() {}

    /** The typed outputs of the topology: every input record appears in exactly one of them. */
    public record Outputs(
            DataStream<CuratedRecord> accepted,
            DataStream<CuratedRecord> quarantined,
            DataStream<ResynthesisRequest> resynthesis,
            DataStream<KafkaOutput> deadLetters) {}

    /** Builds decode → normalize → score → decide → route over {@code input} (both input topics). */
    public static Outputs build(DataStream<KafkaInput> input, CurationSettings settings) {
        SingleOutputStreamOperator<NormalizedRecord> decoded = input
                .process(new DecodeFunction(settings, DEAD_LETTERS), TypeInformation.of(NormalizedRecord.class))
                .uid(UID_DECODE)
                .name("Decode and normalize");

        SingleOutputStreamOperator<CuratedRecord> accepted = decoded
                .process(new ScoreAndDecideFunction(settings, QUARANTINED, RESYNTHESIS),
                        TypeInformation.of(CuratedRecord.class))
                .uid(UID_SCORE_DECIDE)
                .name("Score and decide");

        return new Outputs(accepted, accepted.getSideOutput(QUARANTINED), accepted.getSideOutput(RESYNTHESIS),
                decoded.getSideOutput(DEAD_LETTERS));
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
                .map(new EncodeFunction<>(settings, topics.accepted(), CuratedRecord.class, CuratedRecord::getId),
                        TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_ACCEPTED).name("Encode accepted");
        DataStream<KafkaOutput> quarantined = outputs.quarantined()
                .map(new EncodeFunction<>(settings, topics.quarantined(), CuratedRecord.class, CuratedRecord::getId),
                        TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_QUARANTINED).name("Encode quarantined");
        DataStream<KafkaOutput> resynthesis = outputs.resynthesis()
                .map(new EncodeFunction<>(settings, topics.resynthesis(), ResynthesisRequest.class,
                        CurationPipeline::resynthesisKey), TypeInformation.of(KafkaOutput.class))
                .uid(UID_ENCODE_RESYNTHESIS).name("Encode resynthesis");
        return accepted.union(quarantined, resynthesis, outputs.deadLetters());
    }
}
