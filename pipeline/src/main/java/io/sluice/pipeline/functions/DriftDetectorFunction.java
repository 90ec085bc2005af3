package io.sluice.pipeline.functions;

import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftMonitor;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.policy.PolicyLoader;
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

    private final CurationSettings settings;
    private final DriftConfig config;
    private final OutputTag<DriftAlert> alerts;
    private final OutputTag<ResynthesisRequest> fillGaps;

    private transient DriftWindows windows;

    public DriftDetectorFunction(CurationSettings settings, DriftConfig config, OutputTag<DriftAlert> alerts,
            OutputTag<ResynthesisRequest> fillGaps) {
        this.settings = settings;
        this.config = config;
        this.alerts = alerts;
        this.fillGaps = fillGaps;
    }

    @Override
    public void open(OpenContext openContext) {
        windows = new DriftWindows(getRuntimeContext(), config,
                TargetMix.fromPolicyYaml(settings.policyYaml(), settings.policyOrigin()),
                new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin()).version(),
                settings.pipelineVersion());
    }

    @Override
    public void processElement(DriftPartial partial, Context ctx, Collector<DistributionSnapshot> out) throws Exception {
        windows.onPartial(partial, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistributionSnapshot> out) throws Exception {
        windows.onTimer(timestamp, out, a -> ctx.output(alerts, a), r -> ctx.output(fillGaps, r));
    }
}
