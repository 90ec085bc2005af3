package io.sluice.pipeline.drift;

import java.io.Serializable;
import java.time.Duration;

/**
 * How drift is measured: window size, dimensions, reference, alert rules and target mix. The same
 * settings drive the stream job and {@code sluice drift}.
 *
 * @param window            tumbling event-time window size
 * @param dimensions        what is tracked
 * @param baselineWindows   N of the trailing baseline (ignored with a pinned reference)
 * @param baselineMinWindows windows the baseline needs before it is compared with
 * @param rules             when an alert is raised and cleared
 * @param targetMix         target shares of accepted slices (FILL_GAP); {@link TargetMix#NONE} for none
 */
public record DriftConfig(Duration window, DriftDimensions dimensions, int baselineWindows, int baselineMinWindows,
                          AlertRules rules, TargetMix targetMix) implements Serializable {

    public DriftConfig {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("drift window must be positive, got " + window);
        }
    }

    /** 60 s windows, default dimensions, baseline of 10 windows (judged from 3), default rules, no target mix. */
    public static DriftConfig defaults() {
        return new DriftConfig(Duration.ofSeconds(60), DriftDimensions.defaults(), 10, 3, AlertRules.defaults(),
                TargetMix.NONE);
    }

    public DriftConfig withWindow(Duration w) {
        return new DriftConfig(w, dimensions, baselineWindows, baselineMinWindows, rules, targetMix);
    }

    public DriftConfig withTargetMix(TargetMix mix) {
        return new DriftConfig(window, dimensions, baselineWindows, baselineMinWindows, rules, mix);
    }

    public DriftConfig withRules(AlertRules r) {
        return new DriftConfig(window, dimensions, baselineWindows, baselineMinWindows, r, targetMix);
    }

    public DriftConfig withBaseline(int windows, int minWindows) {
        return new DriftConfig(window, dimensions, windows, minWindows, rules, targetMix);
    }

    /** Start of the tumbling window holding {@code eventTime} (epoch-aligned, as Flink's). */
    public long windowStart(long eventTime) {
        long size = window.toMillis();
        return eventTime - Math.floorMod(eventTime, size);
    }
}
