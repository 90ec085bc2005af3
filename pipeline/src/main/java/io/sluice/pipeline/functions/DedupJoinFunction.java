package io.sluice.pipeline.functions;

import static io.sluice.pipeline.types.SpecificRecordTypeInfo.forRecord;

import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.dedup.Duplication;
import io.sluice.pipeline.dedup.FirstSeenIndex;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by a record's input coordinates ({@link DedupProbeFunction#recordRef}): holds the record until the answers to all its probes have
 * arrived (they travel separately, in any order), then sets its {@code dup_*} fields and lets it go
 * on to scoring. State lives only while a record waits, and is checkpointed like any other, so a
 * record in flight at a failure is neither lost nor doubled.
 */
public final class DedupJoinFunction extends KeyedCoProcessFunction<Long, NormalizedRecord, DedupAnswer, NormalizedRecord> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<NormalizedRecord> pending;
    private transient ValueState<Progress> progress;

    /**
     * Answers so far. A Flink POJO; arrays rather than lists, which would need Kryo. Kept in
     * savepoints: its class and field names are part of the savepoint contract (see FirstSeenFunction.Holder).
     */
    public static class Progress {
        public int received;
        public int expected;
        public String exactOf;
        public String[] bandOf = new String[0];

        public Progress() {}
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup-pending-record",
                forRecord(NormalizedRecord.class)));
        progress = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup-answers", TypeInformation.of(Progress.class)));
    }

    @Override
    public void processElement1(NormalizedRecord record, Context ctx, Collector<NormalizedRecord> out) throws Exception {
        Progress p = progress.value();
        if (p != null && p.received == p.expected) {
            emit(record, p, out);
        } else {
            pending.update(record);
        }
    }

    @Override
    public void processElement2(DedupAnswer answer, Context ctx, Collector<NormalizedRecord> out) throws Exception {
        Progress p = progress.value();
        if (p == null) {
            p = new Progress();
            p.expected = answer.expected;
        }
        p.received++;
        if (answer.exactKey) {
            p.exactOf = answer.firstId;
        } else {
            p.bandOf = Arrays.copyOf(p.bandOf, p.bandOf.length + 1);
            p.bandOf[p.bandOf.length - 1] = answer.firstId;
        }
        NormalizedRecord record = pending.value();
        if (p.received == p.expected && record != null) {
            emit(record, p, out);
        } else {
            progress.update(p);
        }
    }

    private void emit(NormalizedRecord record, Progress p, Collector<NormalizedRecord> out) {
        Duplication d = FirstSeenIndex.resolve(p.exactOf, p.bandOf);
        record.setDupExact(d.exact());
        record.setDupBandMatches(d.bandMatches());
        record.setDupOf(d.firstSeenId());
        pending.clear();
        progress.clear();
        out.collect(record);
    }
}
