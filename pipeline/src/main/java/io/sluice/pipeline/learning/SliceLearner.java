package io.sluice.pipeline.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One {@link ThompsonLearner} per learned slice, as online data-mixing methods learn a weight per
 * domain: each slice's bandit chooses among that slice's arms on the evidence about that slice, and
 * the policy in force combines the choices ({@link SliceInterventionSet#compose}).
 *
 * <p>A result is credited to the arm its event names; or, when it names a composed policy version, to
 * the arm that version had in force in each slice the result is about (the base policy's own version:
 * each slice's arm that changes nothing, {@link SliceInterventionSet#baseArms}) (its {@code slice} a key such
 * as {@code synthetic/de/example.org} or a learned pattern; no slice: a result about the whole
 * output, credited to every slice's arm). Only slices that got new evidence are drawn again, so a
 * result about one slice never reshuffles another.
 *
 * <p>Plain Java, not thread-safe, driven the same way by the job's operator and by tests.
 */
public final class SliceLearner {

    private final SliceInterventionSet set;
    private final ThompsonLearner[] learners;
    /** The arm in force per slice; -1 before the slice's first choice. */
    private final int[] current;
    /** Arm id to its (slice, arm). */
    private final Map<String, int[]> armsById;

    /** One arm credited with one result. */
    public record Credit(int slice, int arm) {}

    /**
     * A learner resumed from {@link #state()} (null: none). Evidence is resumed by slice pattern, so
     * adding or removing a slice in the configuration keeps the others' evidence; a slice whose number
     * of arms changed starts over.
     */
    public SliceLearner(SliceInterventionSet set, State state) {
        this.set = set;
        int n = set.slices().size();
        this.learners = new ThompsonLearner[n];
        this.current = new int[n];
        this.armsById = set.armsById();
        Arrays.fill(current, -1);
        for (int s = 0; s < n; s++) {
            String pattern = set.slices().get(s).pattern();
            int saved = state == null || state.slices == null ? -1 : Arrays.asList(state.slices).indexOf(pattern);
            ThompsonLearner.State evidence = saved < 0 ? null : state.evidence[saved];
            learners[s] = new ThompsonLearner(set.arms(s), evidence);
            if (saved >= 0 && state.current[saved] != null) {
                current[s] = set.indexOf(s, state.current[saved]);
            }
        }
    }

    /**
     * Credits one reward (higher is better) and returns the arms credited: none when the event names
     * an unknown arm, a policy version this set did not compose, or a slice no learned slice concerns.
     */
    public List<Credit> observe(String armId, String policyVersion, String slice, double reward) {
        List<Credit> credits = new ArrayList<>();
        if (armId != null) {
            int[] at = armsById.get(armId);
            if (at != null) {
                credits.add(new Credit(at[0], at[1]));
            }
        } else {
            int[] inForce = set.decode(policyVersion);
            if (inForce == null && set.baseVersion().equals(policyVersion)) {
                inForce = set.baseArms(); // the base alone: each slice at its arm that changes nothing
            }
            if (inForce != null) {
                for (int s = 0; s < inForce.length; s++) {
                    if (inForce[s] >= 0 && (slice == null || set.slices().get(s).concerns(slice))) {
                        credits.add(new Credit(s, inForce[s]));
                    }
                }
            }
        }
        for (Credit c : credits) {
            learners[c.slice()].observe(c.arm(), reward);
        }
        return credits;
    }

    /**
     * Draws again the arm of each slice in {@code slices}, and of every slice not chosen yet; returns
     * true when the choice in force changed.
     */
    public boolean choose(List<Integer> slices, RandomGenerator random) {
        boolean changed = false;
        for (int s = 0; s < current.length; s++) {
            if (current[s] < 0 || slices.contains(s)) {
                int next = learners[s].choose(random);
                changed |= next != current[s];
                current[s] = next;
            }
        }
        return changed;
    }

    /** The arm in force per slice (-1: not chosen yet). */
    public int[] current() {
        return current.clone();
    }

    /**
     * Puts {@code arms} (one per slice) in force without drawing: an operator pushed a policy composed
     * of them ({@code sluice policy compose}), and the learner carries on from what is in force.
     */
    public void force(int[] arms) {
        if (arms.length != current.length) {
            throw new IllegalArgumentException("one arm per learned slice expected, got " + arms.length);
        }
        System.arraycopy(arms, 0, current, 0, arms.length);
    }

    /** Slice {@code s}'s bandit, for its evidence. */
    public ThompsonLearner learner(int s) {
        return learners[s];
    }

    /** The whole state, for checkpoints. */
    public State state() {
        State st = new State();
        int n = current.length;
        st.slices = new String[n];
        st.evidence = new ThompsonLearner.State[n];
        st.current = new String[n];
        for (int s = 0; s < n; s++) {
            st.slices[s] = set.slices().get(s).pattern();
            st.evidence[s] = learners[s].state();
            st.current[s] = current[s] < 0 ? null : set.slices().get(s).arms().get(current[s]).id();
        }
        return st;
    }

    /**
     * A Flink POJO: per learned slice, its pattern, its bandit's evidence and the arm id in force. Kept
     * in savepoints: its class and field names are part of the savepoint contract (a renamed field
     * restores as null; UpgradeFromSavepointITCase fails on it).
     */
    public static class State {
        public String[] slices;
        public ThompsonLearner.State[] evidence;
        public String[] current;

        public State() {}
    }
}
