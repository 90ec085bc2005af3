package io.sluice.pipeline.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The learner against a simulated evaluator whose best intervention is known: each round the
 * learner puts one intervention in force, the evaluator returns that intervention's true effect on
 * the metric plus noise, and the learner is told. Checked over many seeds, not one lucky run.
 */
class ThompsonLearnerTest {
    /** True mean validation accuracy per intervention; index 2 is the best, index 3 a close second. */
    private static final double[] TRUE_EFFECT = {0.600, 0.620, 0.700, 0.680};
    private static final double NOISE = 0.03;
    private static final int ROUNDS = 300;

    @Test
    void settlesOnTheBestInterventionAndRegretsFarLessThanChoosingAtRandom() {
        int seeds = 20;
        int settled = 0;
        double learnerRegret = 0;
        double randomRegret = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Well19937c noise = new Well19937c(1000 + seed);
            Well19937c choices = new Well19937c(seed);
            ThompsonLearner learner = new ThompsonLearner(TRUE_EFFECT.length);
            int bestInLast100 = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int chosen = learner.choose(choices);
                learner.observe(chosen, TRUE_EFFECT[chosen] + NOISE * noise.nextGaussian());
                learnerRegret += TRUE_EFFECT[2] - TRUE_EFFECT[chosen];
                randomRegret += TRUE_EFFECT[2] - TRUE_EFFECT[noise.nextInt(TRUE_EFFECT.length)];
                if (round >= ROUNDS - 100 && chosen == 2) {
                    bestInLast100++;
                }
            }
            settled += bestInLast100 >= 90 ? 1 : 0;
            assertThat(learner.meanReward(2)).isCloseTo(TRUE_EFFECT[2], org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(settled).as("seeds whose last 100 rounds chose the best intervention >= 90 times").isGreaterThanOrEqualTo(18);
        assertThat(learnerRegret).isLessThan(0.1 * randomRegret);
    }

    @Test
    void triesEveryInterventionTwiceBeforeItExploits() {
        ThompsonLearner learner = new ThompsonLearner(TRUE_EFFECT.length);
        Well19937c random = new Well19937c(3);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 2 * TRUE_EFFECT.length; i++) {
            int chosen = learner.choose(random);
            first.add(chosen);
            learner.observe(chosen, TRUE_EFFECT[chosen]);
        }
        assertThat(first).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void resumesFromItsStateAsIfNeverStopped() {
        ThompsonLearner learner = new ThompsonLearner(TRUE_EFFECT.length);
        for (int i = 0; i < 20; i++) {
            learner.observe(i % 4, TRUE_EFFECT[i % 4] + 0.001 * i);
        }
        ThompsonLearner resumed = new ThompsonLearner(TRUE_EFFECT.length, learner.state());
        for (int i = 0; i < 4; i++) {
            assertThat(resumed.observations(i)).isEqualTo(learner.observations(i));
            assertThat(resumed.meanReward(i)).isEqualTo(learner.meanReward(i));
            assertThat(resumed.standardError(i)).isEqualTo(learner.standardError(i));
        }
        assertThat(resumed.choose(new Well19937c(9))).isEqualTo(learner.choose(new Well19937c(9)));
    }

    @Test
    void findsAnInterventionByIdOrByThePolicyVersionItPutsInForce() {
        InterventionSet set = new InterventionSet("val_accuracy", interventions());
        assertThat(set.indexOf("arm-3", null)).isEqualTo(3);
        assertThat(set.indexOf(null, "v1")).isEqualTo(1);
        assertThat(set.indexOf("nope", "v1")).isEqualTo(-1);
    }

    static List<Intervention> interventions() {
        List<Intervention> list = new ArrayList<>();
        for (int i = 0; i < TRUE_EFFECT.length; i++) {
            list.add(new Intervention("arm-" + i, "threshold_change", "arm " + i, "version: v" + i + "\nrules: []\n", "v" + i));
        }
        return list;
    }

    /**
     * Two finite rewards near the doubles' limit used to overflow the running sums: the mean became
     * -Infinity, the squares NaN, and every later choice fell on arm 0 whatever the evidence.
     */
    @Test
    void rewardsBeyondTheLimitAreRefusedAndTheLimitKeepsTheStateFinite() {
        ThompsonLearner learner = new ThompsonLearner(2);
        assertThatThrownBy(() -> learner.observe(0, 1e308)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> learner.observe(0, -1.1e12)).isInstanceOf(IllegalArgumentException.class);
        assertThat(learner.observations(0)).isZero();
        for (int k = 0; k < 1000; k++) {
            learner.observe(0, k % 2 == 0 ? ThompsonLearner.MAX_ABS_REWARD : -ThompsonLearner.MAX_ABS_REWARD);
            learner.observe(1, 0.5 + (k % 3) * 0.01);
        }
        ThompsonLearner.State state = learner.state();
        for (int i = 0; i < 2; i++) {
            assertThat(state.mean[i]).isFinite();
            assertThat(state.squares[i]).isFinite();
            assertThat(learner.standardError(i)).isFinite();
        }
        // Arm 0 averages 0 with a huge spread; arm 1 averages ~0.51: both still get chosen.
        Well19937c random = new Well19937c(3);
        int[] chosen = new int[2];
        for (int k = 0; k < 400; k++) {
            chosen[learner.choose(random)]++;
        }
        assertThat(chosen[0]).isPositive();
        assertThat(chosen[1]).isPositive();
    }
}
