package io.sluice.cli.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the drift console shows, built from the drift and snapshot topics: the alerts in force (the
 * latest alert of each dimension, unless it cleared), the most recent alerts, and each dimension's
 * latest window (its top categories with their shares, or its quantiles, and the metrics against
 * the reference). Thread-safe: the watchers write, the web server reads.
 */
public final class DriftConsole {
    static final int RECENT_ALERTS = 50;
    static final int TOP_CATEGORIES = 8;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, DriftAlert> latestAlert = new TreeMap<>();
    private final Deque<DriftAlert> recent = new ArrayDeque<>();
    private final Map<String, DistributionSnapshot> latestWindow = new TreeMap<>();
    private long alerts;
    private long snapshots;

    public synchronized void onAlert(DriftAlert alert) {
        alerts++;
        DriftAlert before = latestAlert.get(alert.getDimension());
        if (before == null || !alert.getWindowEnd().isBefore(before.getWindowEnd())) {
            latestAlert.put(alert.getDimension(), alert);
        }
        recent.addFirst(alert);
        while (recent.size() > RECENT_ALERTS) {
            recent.removeLast();
        }
    }

    public synchronized void onSnapshot(DistributionSnapshot snapshot) {
        snapshots++;
        DistributionSnapshot before = latestWindow.get(snapshot.getDimension());
        if (before == null || !snapshot.getWindowStart().isBefore(before.getWindowStart())) {
            latestWindow.put(snapshot.getDimension(), snapshot);
        }
    }

    /** Everything the page shows, as JSON. */
    public synchronized String stateJson() {
        ObjectNode root = json.createObjectNode();
        root.put("alerts_read", alerts);
        root.put("snapshots_read", snapshots);
        ArrayNode active = root.putArray("active");
        latestAlert.values().stream()
                .filter(a -> a.getState() != AlertState.CLEARED)
                .sorted(Comparator.comparing((DriftAlert a) -> a.getSeverity().ordinal()).reversed())
                .forEach(a -> alert(active.addObject(), a));
        ArrayNode recentNode = root.putArray("recent");
        recent.forEach(a -> alert(recentNode.addObject(), a));
        ArrayNode windows = root.putArray("windows");
        for (DistributionSnapshot s : latestWindow.values()) {
            ObjectNode w = windows.addObject();
            w.put("dimension", s.getDimension());
            w.put("window_start", s.getWindowStart().toString());
            w.put("window_end", s.getWindowEnd().toString());
            w.put("count", s.getCount());
            w.put("late_count", s.getLateCount());
            ArrayNode top = w.putArray("top");
            List<Map.Entry<String, Long>> categories = new ArrayList<>(s.getCategories().entrySet());
            categories.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            for (Map.Entry<String, Long> e : categories.subList(0, Math.min(TOP_CATEGORIES, categories.size()))) {
                ObjectNode c = top.addObject();
                c.put("category", e.getKey());
                c.put("share", s.getCount() == 0 ? 0.0 : (double) e.getValue() / s.getCount());
            }
            ObjectNode quantiles = w.putObject("quantiles");
            new TreeMap<>(s.getQuantiles()).forEach(quantiles::put);
            ObjectNode metrics = w.putObject("metrics");
            if (s.getMetrics() != null) {
                new TreeMap<>(s.getMetrics()).forEach(metrics::put);
            }
            w.put("reference", s.getReference());
        }
        return root.toString();
    }

    private static void alert(ObjectNode node, DriftAlert a) {
        node.put("dimension", a.getDimension());
        node.put("state", a.getState().name());
        node.put("severity", a.getSeverity().name());
        node.put("metric", a.getMetric());
        node.put("value", a.getValue());
        node.put("threshold", a.getThreshold());
        node.put("window_start", a.getWindowStart().toString());
        node.put("window_end", a.getWindowEnd().toString());
        node.put("message", a.getMessage());
        ArrayNode top = node.putArray("top");
        for (DriftContribution c : a.getTop()) {
            ObjectNode t = top.addObject();
            t.put("category", c.getCategory());
            t.put("reference_share", c.getReferenceShare());
            t.put("current_share", c.getCurrentShare());
        }
    }
}
