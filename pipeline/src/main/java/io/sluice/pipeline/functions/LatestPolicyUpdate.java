package io.sluice.pipeline.functions;

import static io.sluice.pipeline.types.SpecificRecordTypeInfo.forRecord;

import io.sluice.avro.PolicyUpdate;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Keeps one operator instance in step with the live policy: the latest {@link PolicyUpdate} is kept in
 * broadcast state (so it survives restarts and is checkpointed with the records it decided) and
 * handed to the operator's {@code apply} once per distinct update, whether it arrives on the broadcast
 * input or is found in the state after a restore. Shared by every operator that follows the policy
 * topic, so they all apply an update the same way. Not serializable: create it in {@code open}.
 */
final class LatestPolicyUpdate {

    /** The latest policy update, under {@link #CURRENT}: the same on every parallel instance. */
    static final MapStateDescriptor<String, PolicyUpdate> STATE = new MapStateDescriptor<>(
            "sluice-live-policy", Types.STRING, forRecord(PolicyUpdate.class));
    static final String CURRENT = "current";

    private final Consumer<PolicyUpdate> apply;
    /** The update applied last (or tried), so the state is read, not re-parsed, per record. */
    private PolicyUpdate applied;

    LatestPolicyUpdate(Consumer<PolicyUpdate> apply) {
        this.apply = apply;
    }

    /** Before a record or timer: applies the update in the state if it is not the one applied last. */
    void follow(ReadOnlyBroadcastState<String, PolicyUpdate> state) throws Exception {
        PolicyUpdate current = state.get(CURRENT);
        if (current != null && current != applied) {
            applyOnce(current);
        }
    }

    /** An update from the broadcast input: the last published wins (the topic is read in order). */
    void accept(BroadcastState<String, PolicyUpdate> state, PolicyUpdate update) throws Exception {
        state.put(CURRENT, update);
        applyOnce(update);
    }

    private void applyOnce(PolicyUpdate update) {
        PolicyUpdate previous = applied;
        applied = update;
        if (previous != null && previous.equals(update)) {
            return; // the same update, e.g. read back from state after a restore
        }
        apply.accept(update);
    }
}
