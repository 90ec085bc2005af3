package io.sluice.pipeline.functions;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Remembers, per dedup key, the most senior record that had it, for the dedup horizon (state
 * time-to-live, refreshed only when written: the holder's key expires a horizon after it was
 * written, however often copies follow). Answers each probe with the holder it found, or null when
 * the probing record is itself the most senior so far.
 *
 * <p>Why seniority (Kafka timestamp, then offset, then input coordinates) and not arrival order: a record's 15
 * keys live on different subtasks, and records from different partitions reach each subtask in its
 * own interleaving. With "first to arrive wins", record A can win its exact key while record B wins
 * a band key they share, and each is then a duplicate of the other: every copy quarantined, the
 * content lost (a CI run caught exactly this). With one total order, the most senior record of any
 * group of copies finds no senior holder on any of its keys, so it always passes. The price: a
 * copy that arrives before a more senior one also passes. Each partition is read in timestamp
 * order (the offset breaks ties within a millisecond), so that happens only while partitions' first
 * copies race: at most one copy per input partition passes.
 */
public final class FirstSeenFunction extends KeyedProcessFunction<Long, DedupProbe, DedupAnswer> {
    private static final long serialVersionUID = 1L;

    private final Duration horizon;
    private transient ValueState<Holder> holder;
    /**
     * The id of the last record whose probe came here, shared by the holders of its keys: a
     * record's probes arrive one after another, each with its own copy of the id off the network,
     * and on the heap backend 15 copies were ~0.8–1.1 KB of every remembered document.
     */
    private transient long lastRecordRef;
    private transient String lastRecordId;

    /**
     * The most senior record seen under a key. A Flink POJO, kept in savepoints: its class and field
     * names are part of the savepoint contract. Flink's POJO serializer restores a renamed field as a
     * dropped one plus a new one left null, so a rename would silently empty deduplication's memory
     * after an upgrade (UpgradeFromSavepointITCase fails on it).
     */
    public static class Holder {
        public long ingestTimeMs;
        public long inputOffset;
        public long recordRef;
        public String recordId;

        public Holder() {}

        Holder(DedupProbe probe, String recordId) {
            this.ingestTimeMs = probe.ingestTimeMs;
            this.inputOffset = probe.inputOffset;
            this.recordRef = probe.recordRef;
            this.recordId = recordId;
        }

        /** Whether this holder ranks before {@code probe}'s record: earlier timestamp, then offset, then reference. */
        boolean outranks(DedupProbe probe) {
            if (ingestTimeMs != probe.ingestTimeMs) {
                return ingestTimeMs < probe.ingestTimeMs;
            }
            if (inputOffset != probe.inputOffset) {
                return inputOffset < probe.inputOffset;
            }
            return recordRef < probe.recordRef;
        }
    }

    public FirstSeenFunction(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Holder> descriptor = new ValueStateDescriptor<>("first-seen-holder",
                TypeInformation.of(Holder.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        holder = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(DedupProbe probe, Context ctx, Collector<DedupAnswer> out) throws Exception {
        Holder senior = holder.value();
        String duplicateOf = null;
        if (senior != null && senior.outranks(probe)) {
            duplicateOf = senior.recordId;
        } else if (senior == null || senior.recordRef != probe.recordRef) {
            holder.update(new Holder(probe, sharedId(probe)));
        }
        out.collect(new DedupAnswer(probe.recordRef, probe.exactKey, duplicateOf, probe.expected));
    }

    /** {@code probe}'s record id, as the instance the previous probe of the same record left here. */
    String sharedId(DedupProbe probe) {
        if (probe.recordRef != lastRecordRef || !Objects.equals(probe.recordId, lastRecordId)) {
            lastRecordRef = probe.recordRef;
            lastRecordId = probe.recordId;
        }
        return lastRecordId;
    }
}
