package io.sluice.pipeline.policy;

import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One policy rule: when {@code when} holds for a record of a kind in {@code appliesTo}, the record
 * gets a reason {@code code} and is routed to at least {@code route}.
 *
 * @param code        stable lower-snake-case code, used in reasons and metric labels
 * @param when        the condition on signals
 * @param unless      optional exception: when it holds the rule does not match. Its signals are not
 *                    reported as failing, which is why it exists rather than an {@code all} with a
 *                    negated guard (e.g. "low alpha ratio, unless the text is blank")
 * @param route       where a matching record goes ({@link Route#ACCEPTED} only annotates)
 * @param appliesTo   the source kinds the rule applies to; never empty
 * @param detail      optional human text prefixed to the computed detail
 * @param instruction the repair instruction for the generator; required for resynthesis rules
 */
public record Rule(String code, Condition when, Condition unless, Route route, Set<SourceKind> appliesTo,
                   String detail, String instruction) {

    public Rule {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(route, "route");
        if (appliesTo.isEmpty()) {
            throw new IllegalArgumentException("rule " + code + ": appliesTo is empty");
        }
        appliesTo = Collections.unmodifiableSet(EnumSet.copyOf(appliesTo));
    }

    /** True when {@code when} holds and {@code unless} (if any) does not. */
    public boolean matches(Map<String, Double> signals) {
        return when.test(signals) && (unless == null || !unless.test(signals));
    }
}
