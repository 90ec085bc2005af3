package io.sluice.pipeline.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Remembers, per dedup key, the id of the first record that had it, for the dedup horizon (state
 * time-to-live, refreshed only when written: the first copy's key expires a horizon after it was
 * first seen, however often copies follow). Answers each probe with what the key held before it.
 */
public final class FirstSeenFunction extends KeyedProcessFunction<Long, DedupProbe, DedupAnswer> {
    private static final long serialVersionUID = 1L;

    private final Duration horizon;
    private transient ValueState<String> firstId;

    public FirstSeenFunction(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("first-seen-id", Types.STRING);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        firstId = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(DedupProbe probe, Context ctx, Collector<DedupAnswer> out) throws Exception {
        String first = firstId.value();
        if (first == null) {
            firstId.update(probe.recordId);
        }
        out.collect(new DedupAnswer(probe.recordRef, probe.exactKey, first, probe.expected));
    }
}
