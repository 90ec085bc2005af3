package io.sluice.pipeline.functions;

import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftMonitor;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.drift.WindowAggregate;
import io.sluice.pipeline.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The second half of drift: merges the subtasks' {@link DriftPartial}s of each window, and once the
 * watermark (the minimum over all partial aggregators) passes the window's end, runs the plain-Java
 * {@link DriftMonitor} on it: snapshots on the main output, alerts and FILL_GAP requests on side
 * outputs.
 *
 * <p>Keyed by one constant key, so one subtask sees every window: a window is a few partials, once
 * a minute, so there is nothing to parallelize, and keyed state gives per-window timers and a
 * checkpointed monitor. A partial arriving after its window fired (a subtask that was idle and
 * excluded from the watermark) is not merged into a distribution already published; its records
 * are counted as late in the next snapshot. State per window is removed when it fires.
 */
public final class DriftDetectorFunction extends KeyedProcessFunction<Integer, DriftPartial, DistributionSnapshot> {
    private static final long serialVersionUID = 1L;

    private final CurationSettings settings;
    private final DriftConfig config;
    private final OutputTag<DriftAlert> alerts;
    private final OutputTag<ResynthesisRequest> fillGaps;

    private transient MapState<Long, byte[]> pending;
    private transient ValueState<byte[]> monitorState;
    private transient ValueState<Long> firedUpTo;
    private transient ValueState<Long> lateCarry;
    private transient DriftMonitor monitor;
    private transient DriftConfig effective;
    private transient String policyVersion;
    private transient Counter alertCounter;

    public DriftDetectorFunction(CurationSettings settings, DriftConfig config, OutputTag<DriftAlert> alerts,
            OutputTag<ResynthesisRequest> fillGaps) {
        this.settings = settings;
        this.config = config;
        this.alerts = alerts;
        this.fillGaps = fillGaps;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("drift-pending-windows", Types.LONG,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        monitorState = getRuntimeContext().getState(new ValueStateDescriptor<>("drift-monitor",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        firedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("drift-fired-up-to", Types.LONG));
        lateCarry = getRuntimeContext().getState(new ValueStateDescriptor<>("drift-late-carry", Types.LONG));
        policyVersion = new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin()).version();
        effective = config.withTargetMix(TargetMix.fromPolicyYaml(settings.policyYaml(), settings.policyOrigin()));
        alertCounter = getRuntimeContext().getMetricGroup().counter("driftAlerts");
    }

    @Override
    public void processElement(DriftPartial partial, Context ctx, Collector<DistributionSnapshot> out) throws Exception {
        Long fired = firedUpTo.value();
        if (fired != null && partial.windowEnd <= fired) {
            lateCarry.update(valueOr(lateCarry.value()) + partial.count);
            return;
        }
        byte[] mine = pending.get(partial.windowStart);
        if (mine == null) {
            pending.put(partial.windowStart, partial.aggregate);
            ctx.timerService().registerEventTimeTimer(partial.windowEnd - 1);
        } else {
            WindowAggregate merged = WindowAggregate.fromBytes(config.dimensions(), mine);
            merged.merge(WindowAggregate.fromBytes(config.dimensions(), partial.aggregate));
            pending.put(partial.windowStart, merged.toBytes());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistributionSnapshot> out) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : pending.entries()) {
            if (e.getKey() + config.window().toMillis() - 1 <= timestamp) {
                due.add(e.getKey());
            }
        }
        due.sort(Long::compare);
        if (due.isEmpty()) {
            return;
        }
        DriftMonitor m = monitor();
        for (Long start : due) {
            WindowAggregate window = WindowAggregate.fromBytes(config.dimensions(), pending.get(start));
            pending.remove(start);
            long carried = valueOr(lateCarry.value());
            if (carried > 0) {
                window.addLate(carried);
                lateCarry.clear();
            }
            DriftMonitor.Report report = m.onWindow(window);
            report.snapshots().forEach(out::collect);
            for (DriftAlert a : report.alerts()) {
                alertCounter.inc();
                ctx.output(alerts, a);
            }
            report.fillGaps().forEach(r -> ctx.output(fillGaps, r));
            firedUpTo.update(Math.max(valueOr(firedUpTo.value()), window.end()));
        }
        monitorState.update(m.stateBytes());
    }

    private DriftMonitor monitor() throws Exception {
        if (monitor == null) {
            // Keyed state is only readable inside a key context, so the monitor is restored on first use.
            monitor = DriftMonitor.trailing(effective, policyVersion, settings.pipelineVersion());
            byte[] saved = monitorState.value();
            if (saved != null) {
                monitor.restore(saved);
            }
        }
        return monitor;
    }

    private static long valueOr(Long v) {
        return v == null ? 0 : v;
    }
}
