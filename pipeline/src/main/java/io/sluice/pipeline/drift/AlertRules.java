package io.sluice.pipeline.drift;

import io.sluice.avro.Severity;
import java.io.Serializable;

/**
 * When a dimension's drift becomes an alert, and when it stops being one.
 *
 * <p>A window is <em>over</em> when its PSI reaches {@code raiseThreshold}, its test p-value is at
 * most {@code alpha}, and both the window and the reference hold at least {@code minCount} values.
 * The p-value is the sample-size awareness: a 100-record window can show a large PSI by chance and
 * the test says so; on a huge window the test rejects trivial differences, and the PSI floor says
 * those do not matter. Windows under {@code minCount} are not judged at all (they neither raise nor
 * clear).
 *
 * @param raiseThreshold    PSI at which a window counts as over (0.1: "moderate" in the usual bands)
 * @param criticalThreshold PSI from which an active alert is CRITICAL (0.25: "large shift")
 * @param clearThreshold    PSI under which a window counts towards clearing; below raiseThreshold so
 *                          a value hovering at the threshold does not flap
 * @param alpha             significance level of the chi-square / KS test
 * @param minCount          smallest window (and reference) judged
 * @param raiseAfter        k: consecutive over windows before RAISED
 * @param clearAfter        m: consecutive under windows before CLEARED
 * @param cooldownWindows   windows after a CLEARED during which the dimension cannot raise again
 */
public record AlertRules(double raiseThreshold, double criticalThreshold, double clearThreshold, double alpha,
                         long minCount, int raiseAfter, int clearAfter, int cooldownWindows) implements Serializable {

    public AlertRules {
        if (!(clearThreshold <= raiseThreshold && raiseThreshold <= criticalThreshold)) {
            throw new IllegalArgumentException("drift thresholds must satisfy clear <= raise <= critical, got "
                    + clearThreshold + ", " + raiseThreshold + ", " + criticalThreshold);
        }
        if (raiseAfter < 1 || clearAfter < 1 || cooldownWindows < 0 || minCount < 1) {
            throw new IllegalArgumentException("drift raise-after and clear-after must be >= 1, cooldown >= 0, "
                    + "min count >= 1");
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("drift alpha must be in (0, 1], got " + alpha);
        }
    }

    /** PSI 0.1 / 0.25 / 0.05, α = 0.01, at least 200 values, raise after 2, clear after 2, cool down 3. */
    public static AlertRules defaults() {
        return new AlertRules(0.1, 0.25, 0.05, 0.01, 200, 2, 2, 3);
    }

    /** Severity of an active alert at this PSI. */
    public Severity severity(double psi) {
        return psi >= criticalThreshold ? Severity.CRITICAL : Severity.WARNING;
    }
}
