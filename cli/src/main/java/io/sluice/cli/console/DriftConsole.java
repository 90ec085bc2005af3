package io.sluice.cli.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the drift console shows, built from the drift and snapshot topics: the alerts in force (the
 * latest alert of each dimension, unless it cleared), the most recent alerts, and each dimension's
 * latest window (its top categories with their shares, or its quantiles, and the metrics against
 * the reference). From the policy and intervention topics it also shows the policy in force (the
 * latest update: version, author, why) and the learner's ledger (the latest entry of each
 * intervention: slice, effect so far, results), so an operator sees what the feedback loop changed
 * next to the drift it may answer. Thread-safe: the watchers write, the web server reads.
 */
public final class DriftConsole {
    static final int RECENT_ALERTS = 50;
    static final int TOP_CATEGORIES = 8;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, DriftAlert> latestAlert = new TreeMap<>();
    private final Deque<DriftAlert> recent = new ArrayDeque<>();
    private final Map<String, DistributionSnapshot> latestWindow = new TreeMap<>();
    private final Map<String, InterventionRecord> latestLedger = new TreeMap<>();
    private PolicyUpdate policy;
    private long alerts;
    private long snapshots;
    private long policyUpdates;

    /**
     * Watchers feeding a console from {@code topics}' drift, snapshot, policy and intervention topics,
     * not started; the caller runs each on a thread and closes them.
     */
    public static List<AvroTopicWatcher<?>> watchers(DriftConsole console, Properties client, SchemaRegistryClient registry,
            SluiceTopics topics) {
        return List.of(
                new AvroTopicWatcher<>(client, registry, topics.drift(), DriftAlert.class, console::onAlert),
                new AvroTopicWatcher<>(client, registry, topics.snapshots(), DistributionSnapshot.class, console::onSnapshot),
                new AvroTopicWatcher<>(client, registry, topics.policy(), PolicyUpdate.class, console::onPolicyUpdate),
                new AvroTopicWatcher<>(client, registry, topics.interventions(), InterventionRecord.class, console::onLedger));
    }

    /** A policy update: the latest published one is in force (running jobs apply updates in topic order). */
    public synchronized void onPolicyUpdate(PolicyUpdate update) {
        policyUpdates++;
        policy = update;
    }

    /** A ledger entry: the one with the most results is an intervention's latest. */
    public synchronized void onLedger(InterventionRecord entry) {
        InterventionRecord before = latestLedger.get(entry.getInterventionId());
        if (before == null || entry.getObservations() >= before.getObservations()) {
            latestLedger.put(entry.getInterventionId(), entry);
        }
    }

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
        root.put("policy_updates_read", policyUpdates);
        if (policy == null) {
            root.putNull("policy");
        } else {
            ObjectNode p = root.putObject("policy");
            p.put("version", policy.getPolicyVersion());
            p.put("author", policy.getAuthor());
            p.put("reason", policy.getReason());
            p.put("interventions", policy.getInterventionId());
            p.put("published_at", policy.getPublishedAt().toString());
        }
        ArrayNode ledger = root.putArray("interventions");
        latestLedger.values().stream()
                .sorted(Comparator.comparing((InterventionRecord r) -> String.valueOf(r.getSlice()))
                        .thenComparing(r -> r.getMeasuredEffect() == null ? Double.NEGATIVE_INFINITY : -r.getMeasuredEffect()))
                .forEach(r -> {
                    ObjectNode e = ledger.addObject();
                    e.put("id", r.getInterventionId());
                    e.put("slice", r.getSlice());
                    e.put("kind", r.getKind());
                    e.put("description", r.getDescription());
                    if (r.getMeasuredEffect() == null) {
                        e.putNull("effect");
                    } else {
                        e.put("effect", r.getMeasuredEffect());
                    }
                    e.put("observations", r.getObservations());
                    e.put("policy_version", r.getPolicyVersion());
                    e.put("recorded_at", r.getRecordedAt().toString());
                });
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
