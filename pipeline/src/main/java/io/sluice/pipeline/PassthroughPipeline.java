package io.sluice.pipeline;

import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.pipeline.functions.DecodeFunction;
import io.sluice.pipeline.functions.EncodeFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The baseline the benchmark compares Sluice with: the same decode and the same exactly-once
 * sink, but no scoring, no policy and no routing — every decoded record is re-encoded to the
 * accepted topic. The ratio of the two throughputs is what curation itself costs.
 */
public final class PassthroughPipeline {
    private PassthroughPipeline() {}

    public static DataStream<KafkaOutput> build(DataStream<KafkaInput> input, CurationSettings settings) {
        SingleOutputStreamOperator<NormalizedRecord> decoded = input
                .process(new DecodeFunction(settings, CurationPipeline.DEAD_LETTERS), TypeInformation.of(NormalizedRecord.class))
                .uid(CurationPipeline.UID_DECODE)
                .name("Decode and normalize");
        return decoded
                .map(new EncodeFunction<>(settings, settings.topics().accepted(), NormalizedRecord.class,
                        NormalizedRecord::getId), TypeInformation.of(KafkaOutput.class))
                .uid("sluice-passthrough-encode").name("Encode (passthrough)")
                .union(decoded.getSideOutput(CurationPipeline.DEAD_LETTERS));
    }
}
