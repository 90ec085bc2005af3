package io.sluice.pipeline.drift;

import io.sluice.avro.AlertState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Hysteresis for one dimension: QUIET until {@code raiseAfter} consecutive over windows (and no
 * cooldown), then ACTIVE until {@code clearAfter} consecutive windows under the clear threshold,
 * then a cooldown. Windows too small to judge leave the counters as they are.
 */
public final class AlertStateMachine {
    private boolean active;
    private int overRun;
    private int underRun;
    private long cooldownUntil = Long.MIN_VALUE;

    /**
     * Feeds one judged window.
     *
     * @param window   the window's sequence number (cooldown counts in windows)
     * @param judgeable whether the window and reference were large enough
     * @param over     PSI and p-value both past the raise bar
     * @param under    PSI under the clear threshold (or the difference not significant)
     * @return the alert state to publish for this window, or null for none
     */
    public AlertState step(long window, boolean judgeable, boolean over, boolean under, AlertRules rules) {
        if (!judgeable) {
            return null;
        }
        if (!active) {
            overRun = over ? overRun + 1 : 0;
            if (overRun >= rules.raiseAfter() && window >= cooldownUntil) {
                active = true;
                overRun = 0;
                underRun = 0;
                return AlertState.RAISED;
            }
            return null;
        }
        underRun = under ? underRun + 1 : 0;
        if (underRun >= rules.clearAfter()) {
            active = false;
            underRun = 0;
            overRun = 0;
            cooldownUntil = window + 1 + rules.cooldownWindows();
            return AlertState.CLEARED;
        }
        return AlertState.ONGOING;
    }

    public boolean active() {
        return active;
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(active);
        out.writeInt(overRun);
        out.writeInt(underRun);
        out.writeLong(cooldownUntil);
    }

    static AlertStateMachine read(DataInput in) throws IOException {
        AlertStateMachine m = new AlertStateMachine();
        m.active = in.readBoolean();
        m.overRun = in.readInt();
        m.underRun = in.readInt();
        m.cooldownUntil = in.readLong();
        return m;
    }
}
