package io.sluice.pipeline.functions;

import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftMonitor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The second half of drift, with the target mix of the policy the job started with: merges the
 * subtasks' {@link DriftPartial}s of each window, and once the watermark (the minimum over all
 * partial aggregators) passes the window's end, runs the plain-Java {@link DriftMonitor} on it:
 * snapshots on the main output, alerts and FILL_GAP requests on side outputs ({@link DriftWindows}).
 * With live policy updates the job uses {@link LiveDriftDetectorFunction} instead.
 *
 * <p>Keyed by one constant key, so one subtask sees every window: a window is a few partials, once
 * a minute, so there is nothing to parallelize, and keyed state gives per-window timers and a
 * checkpointed monitor.
 */
public final class DriftDetectorFunction extends KeyedProcessFunction<Integer, DriftPartial, DistributionSnapshot> {
    private static final long serialVersionUID = 1L;

    private final DriftWindows.Spec spec;

    private transient DriftWindows windows;

    public DriftDetectorFunction(CurationSettings settings, DriftConfig config, OutputTag<DriftAlert> alerts,
            OutputTag<ResynthesisRequest> fillGaps) {
        this.spec = new DriftWindows.Spec(settings, config, alerts, fillGaps);
    }

    @Override
    public void open(OpenContext openContext) {
        windows = DriftWindows.withStartingPolicy(getRuntimeContext(), spec);
    }

    @Override
    public void processElement(DriftPartial partial, Context ctx, Collector<DistributionSnapshot> out) throws Exception {
        windows.onPartial(partial, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistributionSnapshot> out) throws Exception {
        windows.onTimer(timestamp, out, a -> ctx.output(spec.alerts(), a), r -> ctx.output(spec.fillGaps(), r));
    }
}
