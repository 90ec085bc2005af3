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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * What both drift detectors do (the one with a fixed policy, {@link DriftDetectorFunction}, and
 * the one whose target mix follows live policy updates, {@link LiveDriftDetectorFunction}): merge
 * the subtasks' {@link DriftPartial}s of each window, and once the watermark passes the window's end
 * run the plain-Java {@link DriftMonitor} on it. Holds the keyed state handles; not serializable,
 * each function builds one in {@code open}.
 *
 * <p>A partial arriving after its window fired (records a subtask received after the others'
 * watermarks had fired the window) is not merged into a distribution already published; its records
 * are counted as late in the next snapshot. State per window is removed when it fires.
 */
final class DriftWindows {
    private final DriftConfig config;
    private final String pipelineVersion;
    private final MapState<Long, byte[]> pending;
    private final ValueState<byte[]> monitorState;
    private final ValueState<Long> firedUpTo;
    private final ValueState<Long> lateCarry;
    private final Counter alertCounter;
    private DriftMonitor monitor;
    private DriftConfig effective;
    private String policyVersion;

    DriftWindows(RuntimeContext context, DriftConfig config, TargetMix targetMix, String policyVersion,
            String pipelineVersion) {
        this.config = config;
        this.pipelineVersion = pipelineVersion;
        this.effective = config.withTargetMix(targetMix);
        this.policyVersion = policyVersion;
        pending = context.getMapState(new MapStateDescriptor<>("drift-pending-windows", Types.LONG,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        monitorState = context.getState(new ValueStateDescriptor<>("drift-monitor",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        firedUpTo = context.getState(new ValueStateDescriptor<>("drift-fired-up-to", Types.LONG));
        lateCarry = context.getState(new ValueStateDescriptor<>("drift-late-carry", Types.LONG));
        alertCounter = context.getMetricGroup().counter("driftAlerts");
    }

    /** What a drift detector function is built with: serializable, shipped with the function. */
    record Spec(CurationSettings settings, DriftConfig config, OutputTag<DriftAlert> alerts,
            OutputTag<ResynthesisRequest> fillGaps) implements Serializable {}

    /** Windows planned with the target mix of the policy the job started with. */
    static DriftWindows withStartingPolicy(RuntimeContext context, Spec spec) {
        CurationSettings settings = spec.settings();
        return new DriftWindows(context, spec.config(),
                TargetMix.fromPolicyYaml(settings.policyYaml(), settings.policyOrigin()),
                new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin()).version(),
                settings.pipelineVersion());
    }

    /**
     * Plans FILL_GAP requests for {@code targetMix} from the next window on, naming {@code version}.
     * The alert machines, references and request cooldowns carry over: none of them depends on the mix.
     */
    void useTargetMix(TargetMix targetMix, String version) {
        effective = config.withTargetMix(targetMix);
        policyVersion = version;
        if (monitor != null) {
            byte[] carried = monitor.stateBytes();
            monitor = DriftMonitor.trailing(effective, policyVersion, pipelineVersion);
            monitor.restore(carried);
        }
    }

    void onPartial(DriftPartial partial, TimerService timers) throws Exception {
        Long fired = firedUpTo.value();
        if (fired != null && partial.windowEnd <= fired) {
            lateCarry.update(valueOr(lateCarry.value()) + partial.count);
            return;
        }
        byte[] mine = pending.get(partial.windowStart);
        if (mine == null) {
            pending.put(partial.windowStart, partial.aggregate);
            timers.registerEventTimeTimer(partial.windowEnd - 1);
        } else {
            WindowAggregate merged = WindowAggregate.fromBytes(config.dimensions(), mine);
            merged.merge(WindowAggregate.fromBytes(config.dimensions(), partial.aggregate));
            pending.put(partial.windowStart, merged.toBytes());
        }
    }

    void onTimer(long timestamp, Collector<DistributionSnapshot> out, Consumer<DriftAlert> alerts,
            Consumer<ResynthesisRequest> fillGaps) throws Exception {
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
                alerts.accept(a);
            }
            report.fillGaps().forEach(fillGaps);
            firedUpTo.update(Math.max(valueOr(firedUpTo.value()), window.end()));
        }
        monitorState.update(m.stateBytes());
    }

    private DriftMonitor monitor() throws Exception {
        if (monitor == null) {
            // Keyed state is only readable inside a key context, so the monitor is restored on first use.
            monitor = DriftMonitor.trailing(effective, policyVersion, pipelineVersion);
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
