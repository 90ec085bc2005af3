package io.sluice.pipeline.functions;

import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.TargetMix;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift detector of {@link DriftDetectorFunction} whose {@code target_mix} follows live policy
 * updates: the policy updates the scoring operators receive are broadcast here too, and FILL_GAP
 * requests from the next window on are planned for the pushed targets and name the pushed version.
 * Alerts, references and request cooldowns carry over an update.
 *
 * <p>The latest update is kept in broadcast state, so a restored job plans with the targets it had;
 * an update whose target mix does not load (the policy input validates it, so only by a bug) is
 * logged and the targets in force stay.
 */
public final class LiveDriftDetectorFunction
        extends KeyedBroadcastProcessFunction<Integer, DriftPartial, PolicyUpdate, DistributionSnapshot> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveDriftDetectorFunction.class);

    /** Broadcast state of this operator: the update whose targets are in force. */
    public static final MapStateDescriptor<String, PolicyUpdate> POLICY_STATE = LatestPolicyUpdate.STATE;

    private final DriftWindows.Spec spec;

    private transient DriftWindows windows;
    private transient LatestPolicyUpdate policyUpdates;

    public LiveDriftDetectorFunction(CurationSettings settings, DriftConfig config, OutputTag<DriftAlert> alerts,
            OutputTag<ResynthesisRequest> fillGaps) {
        this.spec = new DriftWindows.Spec(settings, config, alerts, fillGaps);
    }

    @Override
    public void open(OpenContext openContext) {
        windows = DriftWindows.withStartingPolicy(getRuntimeContext(), spec);
        policyUpdates = new LatestPolicyUpdate(this::apply);
    }

    @Override
    public void processElement(DriftPartial partial, ReadOnlyContext ctx, Collector<DistributionSnapshot> out)
            throws Exception {
        policyUpdates.follow(ctx.getBroadcastState(POLICY_STATE));
        windows.onPartial(partial, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistributionSnapshot> out) throws Exception {
        policyUpdates.follow(ctx.getBroadcastState(POLICY_STATE));
        windows.onTimer(timestamp, out, a -> ctx.output(spec.alerts(), a), r -> ctx.output(spec.fillGaps(), r));
    }

    @Override
    public void processBroadcastElement(PolicyUpdate update, Context ctx, Collector<DistributionSnapshot> out)
            throws Exception {
        policyUpdates.accept(ctx.getBroadcastState(POLICY_STATE), update);
    }

    private void apply(PolicyUpdate update) {
        TargetMix mix;
        try {
            mix = TargetMix.fromPolicyYaml(update.getPolicyYaml(), "policy update " + update.getPolicyVersion());
        } catch (RuntimeException e) {
            LOG.warn("Keeping the target mix in force: policy update {} has one that does not load: {}",
                    update.getPolicyVersion(), e.getMessage());
            return;
        }
        windows.useTargetMix(mix, update.getPolicyVersion());
    }
}
