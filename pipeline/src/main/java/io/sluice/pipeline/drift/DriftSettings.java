package io.sluice.pipeline.drift;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Drift settings of the stream job: the detector configuration plus the event-time knobs only a
 * stream has. The target mix is not here: it is part of the policy.
 *
 * <table>
 * <caption>Keys (job configuration)</caption>
 * <tr><td>drift.enabled</td><td>default true</td></tr>
 * <tr><td>drift.window.ms</td><td>tumbling window, default 60000</td></tr>
 * <tr><td>drift.out.of.orderness.ms</td><td>watermark delay behind the largest event time, default 5000</td></tr>
 * <tr><td>drift.watermarks</td><td>{@code event-time} (default): from each record's event_time, assigned
 * after decoding, per subtask; {@code kafka-timestamp}: from the Kafka record timestamp, per partition at
 * the source (records are still windowed by their event_time)</td></tr>
 * <tr><td>drift.idleness.ms</td><td>a subtask without input for this long stops holding the watermark back,
 * default 30000</td></tr>
 * <tr><td>drift.baseline.windows</td><td>trailing baseline size, default 10</td></tr>
 * <tr><td>drift.min.count, drift.alpha</td><td>smallest window judged (200), test level (0.01)</td></tr>
 * <tr><td>drift.psi.raise, drift.psi.critical, drift.psi.clear</td><td>0.1, 0.25, 0.05</td></tr>
 * <tr><td>drift.raise.after, drift.clear.after, drift.cooldown.windows</td><td>2, 2, 3</td></tr>
 * <tr><td>drift.dimensions.categorical, drift.dimensions.numeric</td><td>comma-separated; see
 * {@link DriftDimensions}</td></tr>
 * </table>
 *
 * @param enabled        whether the job tracks drift at all
 * @param config         windows, dimensions, baseline and rules
 * @param outOfOrderness bounded out-of-orderness of the watermark
 * @param idleness       source idleness timeout
 */
public record DriftSettings(boolean enabled, DriftConfig config, Duration outOfOrderness, Duration idleness,
                            Watermarks watermarks) implements Serializable {

    /**
     * Where watermarks come from. The source only has bytes, so a watermark from event_time can only be
     * made after decoding, per subtask: a subtask that drains one partition's backlog ahead of another
     * pushes the other's records past the bound, and they are counted late. Producers that set the
     * Kafka timestamp to the event time (Kafka's default CreateTime does) can have Flink track it per
     * partition at the source instead, which stays correct while catching up.
     */
    public enum Watermarks { EVENT_TIME, KAFKA_TIMESTAMP }

    public static DriftSettings defaults() {
        return new DriftSettings(true, DriftConfig.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Watermarks.EVENT_TIME);
    }

    /** Drift switched off: the job runs the curation topology only. */
    public static DriftSettings disabled() {
        return new DriftSettings(false, DriftConfig.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Watermarks.EVENT_TIME);
    }

    /** Reads {@code drift.*} keys; anything unset keeps its default. */
    public static DriftSettings fromMap(Map<String, String> c) {
        DriftConfig d = DriftConfig.defaults();
        AlertRules r = d.rules();
        DriftDimensions dims = d.dimensions();
        if (c.containsKey("drift.dimensions.categorical") || c.containsKey("drift.dimensions.numeric")) {
            dims = new DriftDimensions(
                    list(c.get("drift.dimensions.categorical"), dims.categorical()),
                    list(c.get("drift.dimensions.numeric"), dims.numeric()));
        }
        AlertRules rules = new AlertRules(
                dbl(c, "drift.psi.raise", r.raiseThreshold()), dbl(c, "drift.psi.critical", r.criticalThreshold()),
                dbl(c, "drift.psi.clear", r.clearThreshold()), dbl(c, "drift.alpha", r.alpha()),
                lng(c, "drift.min.count", r.minCount()), (int) lng(c, "drift.raise.after", r.raiseAfter()),
                (int) lng(c, "drift.clear.after", r.clearAfter()),
                (int) lng(c, "drift.cooldown.windows", r.cooldownWindows()));
        int baseline = (int) lng(c, "drift.baseline.windows", d.baselineWindows());
        DriftConfig config = new DriftConfig(Duration.ofMillis(lng(c, "drift.window.ms", d.window().toMillis())), dims,
                baseline, Math.min(d.baselineMinWindows(), baseline), rules, TargetMix.NONE);
        String enabled = c.getOrDefault("drift.enabled", "true").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException("setting 'drift.enabled' must be true or false, got '" + enabled + "'");
        }
        String wm = c.getOrDefault("drift.watermarks", "event-time").trim();
        Watermarks watermarks = switch (wm) {
            case "event-time" -> Watermarks.EVENT_TIME;
            case "kafka-timestamp" -> Watermarks.KAFKA_TIMESTAMP;
            default -> throw new IllegalArgumentException(
                    "setting 'drift.watermarks' must be event-time or kafka-timestamp, got '" + wm + "'");
        };
        return new DriftSettings(Boolean.parseBoolean(enabled), config,
                Duration.ofMillis(lng(c, "drift.out.of.orderness.ms", 5000)),
                Duration.ofMillis(lng(c, "drift.idleness.ms", 30000)), watermarks);
    }

    private static List<String> list(String value, List<String> dflt) {
        if (value == null) {
            return dflt;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double dbl(Map<String, String> c, String key, double dflt) {
        String v = c.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, got '" + v + "'");
        }
    }

    private static long lng(Map<String, String> c, String key, long dflt) {
        String v = c.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, got '" + v + "'");
        }
    }
}
