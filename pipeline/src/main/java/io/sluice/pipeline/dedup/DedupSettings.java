package io.sluice.pipeline.dedup;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Deduplication in the stream: on or off, and how long a text is remembered.
 *
 * @param enabled {@code dedup.enabled}, default false: deduplication's fan-out costs the stream job a
 *                quarter to a third of its throughput and breaks the p99 latency goal on a 2-core
 *                machine (README, Performance), so it is opt-in until that cost comes down
 * @param horizon {@code dedup.horizon.ms}, default 7 days: a key not written for this long (processing
 *                time) is forgotten, so a copy arriving later counts as a first copy again
 */
public record DedupSettings(boolean enabled, Duration horizon) implements Serializable {

    public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

    public DedupSettings {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("dedup.horizon.ms must be positive, got " + horizon);
        }
    }

    /** Deduplication on, at the default horizon. */
    public static DedupSettings enabledByDefaultHorizon() {
        return new DedupSettings(true, DEFAULT_HORIZON);
    }

    public static DedupSettings disabled() {
        return new DedupSettings(false, DEFAULT_HORIZON);
    }

    /** From {@code dedup.*} settings. */
    public static DedupSettings fromMap(Map<String, String> config) {
        String horizon = config.getOrDefault("dedup.horizon.ms", Long.toString(DEFAULT_HORIZON.toMillis()));
        long millis;
        try {
            millis = Long.parseLong(horizon.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dedup.horizon.ms must be a number of milliseconds, got '" + horizon + "'");
        }
        return new DedupSettings(Boolean.parseBoolean(config.getOrDefault("dedup.enabled", "false").trim()),
                Duration.ofMillis(millis));
    }
}
