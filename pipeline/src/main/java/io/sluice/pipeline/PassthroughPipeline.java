package io.sluice.pipeline;

import static io.sluice.pipeline.types.SpecificRecordTypeInfo.forRecord;

import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.pipeline.functions.DecodeFunction;
import io.sluice.pipeline.functions.EncodeFunction;
import org.apache.flink.api.common.functions.MapFunction;
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
                .process(new DecodeFunction(settings, CurationPipeline.DEAD_LETTERS), forRecord(NormalizedRecord.class))
                .uid(CurationPipeline.UID_DECODE)
                .name("Decode and normalize");
        return decoded
                // The original's text as decoded, as the curated outputs carry it: the baseline writes
                // the same record it always did (see RecordNormalizer.original).
                .map(new RestoreOriginal(), forRecord(NormalizedRecord.class))
                .uid("sluice-passthrough-restore-original").name("Restore original text")
                .map(new EncodeFunction<>(settings, settings.topics().accepted(), NormalizedRecord.class,
                        NormalizedRecord::getId), TypeInformation.of(KafkaOutput.class))
                .uid("sluice-passthrough-encode").name("Encode (passthrough)")
                .union(decoded.getSideOutput(CurationPipeline.DEAD_LETTERS));
    }

    /** Puts the original's text back before the record is written. */
    static final class RestoreOriginal implements MapFunction<NormalizedRecord, NormalizedRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public NormalizedRecord map(NormalizedRecord record) {
            RecordNormalizer.original(record);
            return record;
        }
    }
}
