package io.sluice.pipeline.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code when} of a policy rule: a comparison of one signal with a threshold, or any / all of
 * nested conditions.
 */
public sealed interface Condition permits Condition.Compare, Condition.AnyOf, Condition.AllOf {

    /** True when the condition holds for these signal values. A missing signal never matches. */
    boolean test(Map<String, Double> signals);

    /**
     * Adds the comparisons that made this condition hold to {@code out}, in rule order: for
     * {@code any}, the alternatives that hold; for {@code all}, every part. Only meaningful after
     * {@link #test} returned true; used to explain a decision, so it is off the hot path.
     */
    void explain(Map<String, Double> signals, List<Compare> out);

    /** Adds every signal name this condition reads to {@code out}. */
    void collectSignals(Set<String> out);

    /** {@code signal op threshold}, e.g. {@code text.word_count < 30}. */
    record Compare(String signal, ComparisonOp op, double threshold) implements Condition {
        public Compare {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(op, "op");
        }

        @Override
        public boolean test(Map<String, Double> signals) {
            Double value = signals.get(signal);
            return value != null && op.test(value, threshold);
        }

        @Override
        public void explain(Map<String, Double> signals, List<Compare> out) {
            if (test(signals)) {
                out.add(this);
            }
        }

        @Override
        public void collectSignals(Set<String> out) {
            out.add(signal);
        }

        /** E.g. {@code text.word_count=12 < 30}. */
        public String describe(double value) {
            return signal + "=" + Numbers.format(value) + " " + op.symbol() + " " + Numbers.format(threshold);
        }
    }

    /** Holds when at least one of {@code conditions} holds. */
    record AnyOf(List<Condition> conditions) implements Condition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(Map<String, Double> signals) {
            for (Condition c : conditions) {
                if (c.test(signals)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(Map<String, Double> signals, List<Compare> out) {
            for (Condition c : conditions) {
                if (c.test(signals)) {
                    c.explain(signals, out);
                }
            }
        }

        @Override
        public void collectSignals(Set<String> out) {
            conditions.forEach(c -> c.collectSignals(out));
        }
    }

    /** Holds when every one of {@code conditions} holds. */
    record AllOf(List<Condition> conditions) implements Condition {
        public AllOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean test(Map<String, Double> signals) {
            for (Condition c : conditions) {
                if (!c.test(signals)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(Map<String, Double> signals, List<Compare> out) {
            for (Condition c : conditions) {
                c.explain(signals, out);
            }
        }

        @Override
        public void collectSignals(Set<String> out) {
            conditions.forEach(c -> c.collectSignals(out));
        }
    }
}
