package io.sluice.pipeline.learning;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Chooses among interventions by Thompson sampling, as online data-mixing methods do: each
 * intervention's reward (the downstream metric, oriented so that higher is better) is Gaussian with
 * unknown mean and variance; under the usual non-informative prior the posterior of the mean after n
 * observations is {@code mean + sd / sqrt(n) * T(n - 1)} (Student's t). Each choice draws one sample
 * per intervention and takes the largest, so an intervention is chosen with the probability that it
 * is the best given the evidence: clearly worse ones fade out, close calls keep being tested.
 * Interventions with fewer than {@value #MIN_OBSERVATIONS} observations are chosen first, in order,
 * since their posterior is not defined yet.
 *
 * <p>Arms are numbered 0..n-1; what they stand for (whole policies, or one slice's overrides) is
 * the caller's. Plain Java and not thread-safe: the job's learner operators and tests drive it the
 * same way. Its whole state is the per-arm counts, means and sums of squares ({@link #state()}).
 */
public final class ThompsonLearner {
    /** Observations before an intervention's posterior is sampled (the t distribution needs 1 degree of freedom). */
    public static final int MIN_OBSERVATIONS = 2;
    /**
     * The largest reward magnitude taken. Evaluation metrics (accuracies, losses, perplexities, win
     * rates) are far inside it; beyond it lies an evaluator's bug, and two rewards near the doubles'
     * limit (±1e308) would overflow the running sums to infinities and NaN, which the checkpointed
     * state would keep for good, every later choice of the learner with it.
     */
    public static final double MAX_ABS_REWARD = 1e12;

    private final long[] count;
    private final double[] mean;
    /** Sum of squared deviations from the mean (Welford). */
    private final double[] squares;

    /** A learner over {@code arms} interventions without evidence yet. */
    public ThompsonLearner(int arms) {
        if (arms < 1) {
            throw new IllegalArgumentException("the learner needs at least one intervention");
        }
        this.count = new long[arms];
        this.mean = new double[arms];
        this.squares = new double[arms];
    }

    /** A learner resumed from {@link #state()}; a state of another number of arms is not resumed. */
    public ThompsonLearner(int arms, State state) {
        this(arms);
        if (state != null && state.count != null && state.count.length == count.length) {
            System.arraycopy(state.count, 0, count, 0, count.length);
            System.arraycopy(state.mean, 0, mean, 0, mean.length);
            System.arraycopy(state.squares, 0, squares, 0, squares.length);
        }
    }

    /** The number of arms. */
    public int arms() {
        return count.length;
    }

    /** Adds one reward (higher is better) of intervention {@code i}. */
    public void observe(int i, double reward) {
        if (!Double.isFinite(reward) || Math.abs(reward) > MAX_ABS_REWARD) {
            throw new IllegalArgumentException("reward must be finite and at most " + MAX_ABS_REWARD
                    + " in magnitude, got " + reward);
        }
        count[i]++;
        double delta = reward - mean[i];
        mean[i] += delta / count[i];
        squares[i] += delta * (reward - mean[i]);
    }

    /** The intervention to put in force next. */
    public int choose(RandomGenerator random) {
        for (int i = 0; i < count.length; i++) {
            if (count[i] < MIN_OBSERVATIONS) {
                return i;
            }
        }
        int best = 0;
        double bestSample = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count.length; i++) {
            double sample = mean[i] + standardError(i) * new TDistribution(random, count[i] - 1).sample();
            if (sample > bestSample) {
                bestSample = sample;
                best = i;
            }
        }
        return best;
    }

    /** Observations of intervention {@code i}. */
    public long observations(int i) {
        return count[i];
    }

    /** Mean reward of intervention {@code i} so far (its measured effect). */
    public double meanReward(int i) {
        return mean[i];
    }

    /** Standard error of that mean; a small floor keeps identical rewards from freezing the posterior. */
    public double standardError(int i) {
        if (count[i] < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double variance = squares[i] / (count[i] - 1);
        return Math.sqrt(Math.max(variance, 1e-12) / count[i]);
    }

    /** The learner's whole state, for checkpoints. */
    public State state() {
        State s = new State();
        s.count = count.clone();
        s.mean = mean.clone();
        s.squares = squares.clone();
        return s;
    }

    /**
     * A Flink POJO: per intervention, in the learner's order. Kept in savepoints, so its class and field
     * names are part of the savepoint contract: a renamed field restores as null and the learner starts
     * from no evidence (UpgradeFromSavepointITCase fails on it).
     */
    public static class State {
        public long[] count;
        public double[] mean;
        public double[] squares;

        public State() {}
    }
}
