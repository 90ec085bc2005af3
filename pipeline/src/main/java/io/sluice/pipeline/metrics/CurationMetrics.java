package io.sluice.pipeline.metrics;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The decision metrics of a score-and-decide subtask: records per route ({@code route_records},
 * label {@code route}), records per reason code ({@code reason_records}, label {@code reason}; a
 * record with two reasons counts under both) and a histogram of each configured signal ({@code
 * signal_value}, label {@code signal}) over its last {@value #HISTOGRAM_WINDOW} records.
 *
 * <p>Reason counters are made on first use: reason codes are the policy's rule names, a bounded set
 * that a live policy update may extend. Signals come from configuration (see
 * {@code metrics.signal.histograms}) because each histogram is one more series per subtask in
 * Prometheus, and ~130 of them would dwarf everything else it stores.
 */
public final class CurationMetrics {
    /** Records a histogram summarizes: enough for a stable p99, a few seconds of traffic. */
    public static final int HISTOGRAM_WINDOW = 1024;

    private final MetricGroup group;
    private final Map<Route, Counter> routes = new EnumMap<>(Route.class);
    private final Map<String, Counter> reasons = new HashMap<>();
    private final String[] signalNames;
    private final SignalHistogram[] histograms;

    public CurationMetrics(MetricGroup group, List<String> histogramSignals) {
        this.group = group;
        for (Route route : Route.values()) {
            routes.put(route, group.addGroup("route", route.name().toLowerCase()).counter("records"));
        }
        this.signalNames = histogramSignals.toArray(String[]::new);
        this.histograms = new SignalHistogram[signalNames.length];
        for (int i = 0; i < signalNames.length; i++) {
            histograms[i] = group.addGroup("signal", signalNames[i]).histogram("value", new SignalHistogram(HISTOGRAM_WINDOW));
        }
    }

    /** Counts one decided record and adds its signals to the histograms. */
    public void count(CuratedRecord curated) {
        routes.get(curated.getDecision().getRoute()).inc();
        for (ReasonCode reason : curated.getDecision().getReasons()) {
            reasons.computeIfAbsent(reason.getCode(), code -> group.addGroup("reason", code).counter("records")).inc();
        }
        Map<String, Double> signals = curated.getSignals();
        for (int i = 0; i < signalNames.length; i++) {
            Double value = signals.get(signalNames[i]);
            if (value != null) {
                histograms[i].record(value);
            }
        }
    }
}
