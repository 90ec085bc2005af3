package io.sluice.pipeline.drift;

import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift detector: fed complete windows in event-time order, it compares each with the reference,
 * steps one {@link AlertStateMachine} per dimension and plans FILL_GAP requests. Plain Java and
 * single-threaded; the stream job runs one per job (after merging the subtasks' partials) and
 * checkpoints {@link #stateBytes()}, {@code sluice drift} runs one over a file.
 */
public final class DriftMonitor {

    /** What one window produced. */
    public record Report(List<DistributionSnapshot> snapshots, List<DriftAlert> alerts,
                         List<ResynthesisRequest> fillGaps, List<Comparison> comparisons) {}

    private final DriftConfig config;
    private final DriftReference reference;
    private final String policyVersion;
    private final String pipelineVersion;
    private final Map<String, AlertStateMachine> machines = new HashMap<>();
    private final FillGapPlanner fillGaps;
    private long windowsSeen;

    public DriftMonitor(DriftConfig config, DriftReference reference, String policyVersion, String pipelineVersion) {
        this.config = config;
        this.reference = reference;
        this.policyVersion = policyVersion;
        this.pipelineVersion = pipelineVersion;
        this.fillGaps = new FillGapPlanner(config.targetMix());
    }

    /** A monitor with a trailing baseline as configured. */
    public static DriftMonitor trailing(DriftConfig config, String policyVersion, String pipelineVersion) {
        return new DriftMonitor(config, new TrailingBaseline(config.baselineWindows(), config.baselineMinWindows(),
                config.rules().raiseAfter() - 1), policyVersion, pipelineVersion);
    }

    public DriftConfig config() {
        return config;
    }

    /** Judges one complete window; windows must come in increasing start order. */
    public Report onWindow(WindowAggregate window) {
        long seq = windowsSeen++;
        WindowAggregate ref = reference.current();
        List<Comparison> comparisons = ref == null ? List.of() : WindowComparator.compare(ref, window);
        Map<String, Comparison> byDimension = new HashMap<>();
        comparisons.forEach(c -> byDimension.put(c.dimension(), c));

        List<DistributionSnapshot> snapshots = snapshots(window, byDimension);
        List<DriftAlert> alerts = new ArrayList<>();
        AlertRules rules = config.rules();
        for (Comparison c : comparisons) {
            boolean judgeable = c.count() >= rules.minCount() && c.referenceCount() >= rules.minCount();
            boolean significant = c.significance() <= rules.alpha();
            boolean over = c.psi() >= rules.raiseThreshold() && significant;
            boolean under = c.psi() < rules.clearThreshold() || !significant;
            AlertState state = machines.computeIfAbsent(c.dimension(), d -> new AlertStateMachine())
                    .step(seq, judgeable, over, under, rules);
            if (state != null) {
                alerts.add(alert(window, c, state));
            }
        }
        List<ResynthesisRequest> requests = List.of();
        int accepted = config.dimensions().categoricalIndex(DriftDimensions.ACCEPTED_SLICE);
        if (accepted >= 0) {
            requests = fillGaps.plan(seq, window, window.categorical(accepted).counts(), policyVersion,
                    pipelineVersion);
        }
        reference.observe(window);
        return new Report(snapshots, alerts, requests, comparisons);
    }

    private List<DistributionSnapshot> snapshots(WindowAggregate w, Map<String, Comparison> comparisons) {
        DriftDimensions dims = w.dimensions();
        List<DistributionSnapshot> out = new ArrayList<>();
        for (int i = 0; i < dims.categorical().size(); i++) {
            String name = dims.categorical().get(i);
            CategoryCounts c = w.categorical(i);
            byte[] sketch = c.sketchBytes();
            out.add(snapshot(w, name, c.total(), c.counts(), Map.of(),
                    sketch, sketch == null ? null : "frequent_items_strings", comparisons.get(name)));
        }
        for (int i = 0; i < dims.numeric().size(); i++) {
            String name = dims.numeric().get(i);
            NumericSketch s = w.numeric(i);
            Map<String, Double> q = new LinkedHashMap<>();
            if (!s.isEmpty()) {
                q.put("min", s.kll().getMinItem());
                for (double r : new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
                    q.put("p" + (int) Math.round(r * 100), s.quantile(r));
                }
                q.put("max", s.kll().getMaxItem());
                q.put("mean", s.mean());
                q.put("std", s.std());
            }
            out.add(snapshot(w, name, s.count(), Map.of(), q, s.sketchBytes(), "kll_doubles", comparisons.get(name)));
        }
        return out;
    }

    private DistributionSnapshot snapshot(WindowAggregate w, String dimension, long count, Map<String, Long> categories,
            Map<String, Double> quantiles, byte[] sketch, String sketchKind, Comparison c) {
        return DistributionSnapshot.newBuilder()
                .setDimension(dimension)
                .setWindowStart(Instant.ofEpochMilli(w.start()))
                .setWindowEnd(Instant.ofEpochMilli(w.end()))
                .setCount(count)
                .setLateCount(w.lateCount())
                .setCategories(new LinkedHashMap<>(categories))
                .setQuantiles(quantiles)
                .setSketch(sketch == null ? null : ByteBuffer.wrap(sketch))
                .setSketchKind(sketchKind)
                .setMetrics(c == null ? null : c.metrics())
                .setReference(c == null ? null : reference.describe())
                .build();
    }

    private DriftAlert alert(WindowAggregate w, Comparison c, AlertState state) {
        AlertRules rules = config.rules();
        Severity severity = state == AlertState.CLEARED ? Severity.INFO : rules.severity(c.psi());
        // RAISED is judged against the raise threshold; ONGOING and CLEARED against the clear threshold,
        // which is what the alert has to get under.
        double threshold = state == AlertState.RAISED ? rules.raiseThreshold() : rules.clearThreshold();
        List<DriftContribution> top = new ArrayList<>();
        StringBuilder moved = new StringBuilder();
        for (Comparison.Contribution t : c.top()) {
            top.add(new DriftContribution(t.name(), t.reference(), t.current()));
            moved.append(moved.length() == 0 ? "" : ", ").append(describe(c, t));
        }
        String message = String.format(Locale.ROOT, "%s %s: psi %.3f %s %.2f (%s; p=%.2g, n=%d)", c.dimension(),
                state.name().toLowerCase(Locale.ROOT), c.psi(), c.psi() < threshold ? "<" : ">=", threshold,
                moved, c.significance(), c.count());
        return DriftAlert.newBuilder()
                .setAlertId("drift-" + c.dimension() + "-" + w.start() + "-" + state.name().toLowerCase(Locale.ROOT))
                .setDimension(c.dimension())
                .setWindowStart(Instant.ofEpochMilli(w.start()))
                .setWindowEnd(Instant.ofEpochMilli(w.end()))
                .setMetric("psi")
                .setValue(c.psi())
                .setThreshold(threshold)
                .setReference(reference.describe())
                .setTop(top)
                .setState(state)
                .setSeverity(severity)
                .setMessage(message)
                .setMetrics(c.metrics())
                .setCount(c.count())
                .build();
    }

    /** "lang=ru 2.0% → 19.0%", or "p90 812 → 2300" for a numeric dimension. */
    public static String describe(Comparison c, Comparison.Contribution t) {
        if (c.numeric()) {
            return String.format(Locale.ROOT, "%s %s → %s", t.name(), number(t.reference()), number(t.current()));
        }
        return String.format(Locale.ROOT, "%s %.1f%% → %.1f%%", t.name(), 100 * t.reference(), 100 * t.current());
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Alert machines, reference windows and rate limits, for a checkpoint. */
    public byte[] stateBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1);
            out.writeLong(windowsSeen);
            out.writeInt(machines.size());
            for (Map.Entry<String, AlertStateMachine> e : machines.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out);
            }
            fillGaps.write(out);
            reference.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores what {@link #stateBytes()} wrote. */
    public void restore(byte[] state) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            if (in.readByte() != 1) {
                throw new IllegalStateException("unknown drift monitor state format");
            }
            windowsSeen = in.readLong();
            machines.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                machines.put(in.readUTF(), AlertStateMachine.read(in));
            }
            fillGaps.read(in);
            reference.read(in, config.dimensions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
