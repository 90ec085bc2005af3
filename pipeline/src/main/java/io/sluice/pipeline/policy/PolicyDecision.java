package io.sluice.pipeline.policy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Policy} decided for one record.
 *
 * @param route             the most severe route among the matched rules; ACCEPTED when none matched
 * @param reasons           one reason per matched rule, in policy order; empty when none matched.
 *                          The list is immutable; the Avro {@link ReasonCode}s in it are not, and
 *                          must not be changed by callers
 * @param failingSignals    the signals whose comparisons matched, with their values, in rule order
 * @param repairInstruction the instructions of the matched resynthesis rules, joined; set only when
 *                          the route is RESYNTHESIS
 */
public record PolicyDecision(Route route, List<ReasonCode> reasons, Map<String, Double> failingSignals,
                             String repairInstruction) {

    /** The decision for a record no rule matched; shared because it is the common case. */
    public static final PolicyDecision ACCEPTED = new PolicyDecision(Route.ACCEPTED, List.of(), Map.of(), null);

    public PolicyDecision {
        Objects.requireNonNull(route, "route");
        reasons = List.copyOf(reasons);
        // A copy keeps rule order, which Map.copyOf would not.
        failingSignals = Collections.unmodifiableMap(new LinkedHashMap<>(failingSignals));
    }
}
