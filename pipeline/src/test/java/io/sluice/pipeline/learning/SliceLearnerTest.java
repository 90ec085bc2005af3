package io.sluice.pipeline.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-slice learner against a simulated evaluator whose best arm differs by slice: each round the
 * evaluator trains on the policy in force and reports one result per slice, naming only the policy
 * version (so the learner must decode which arm each slice had). Checked over many seeds.
 */
class SliceLearnerTest {

    private static final String THREE_ARMS_EACH = """
            metric: val_accuracy
            base_policy: base.yaml
            slices:
              "synthetic/de/*":
                - { id: de-0, kind: threshold_change, description: base }
                - { id: de-1, kind: threshold_change, description: open, override: { disable: [held] } }
                - { id: de-2, kind: threshold_change, description: open too, override: { disable: [held] } }
              "synthetic/en/*":
                - { id: en-0, kind: threshold_change, description: base }
                - { id: en-1, kind: threshold_change, description: open, override: { disable: [held] } }
                - { id: en-2, kind: threshold_change, description: open too, override: { disable: [held] } }
            """;
    /** True accuracy per slice and arm: German is best with arm 2, English with arm 0. */
    private static final double[][] TRUE_EFFECT = {{0.60, 0.64, 0.70}, {0.72, 0.66, 0.65}};
    private static final String[] SLICE_KEYS = {"synthetic/de/wiki.example", "synthetic/en/wiki.example"};
    private static final double NOISE = 0.03;
    private static final int ROUNDS = 300;

    private static SliceInterventionSet set(Path dir) throws IOException {
        return SliceInterventionSetTest.load(dir, THREE_ARMS_EACH, SliceInterventionSetTest.HOLD_ALL).sliceInterventions();
    }

    @Test
    void eachSliceSettlesOnItsOwnBestArm(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = set(dir);
        int seeds = 20;
        int settled = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Well19937c noise = new Well19937c(1000 + seed);
            Well19937c random = new Well19937c(seed);
            SliceLearner learner = new SliceLearner(set, null);
            learner.choose(List.of(), random);
            int[] bestInLast100 = new int[2];
            for (int round = 0; round < ROUNDS; round++) {
                String version = set.version(learner.current());
                int[] inForce = learner.current();
                for (int s = 0; s < 2; s++) {
                    double result = TRUE_EFFECT[s][inForce[s]] + NOISE * noise.nextGaussian();
                    assertThat(learner.observe(null, version, SLICE_KEYS[s], result))
                            .containsExactly(new SliceLearner.Credit(s, inForce[s]));
                    learner.choose(List.of(s), random);
                }
                if (round >= ROUNDS - 100) {
                    bestInLast100[0] += inForce[0] == 2 ? 1 : 0;
                    bestInLast100[1] += inForce[1] == 0 ? 1 : 0;
                }
            }
            settled += bestInLast100[0] >= 90 && bestInLast100[1] >= 90 ? 1 : 0;
        }
        assertThat(settled).as("seeds whose last 100 rounds chose each slice's best arm >= 90 times")
                .isGreaterThanOrEqualTo(18);
    }

    @Test
    void aResultAboutOneSliceNeitherCreditsNorRedrawsAnother(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = set(dir);
        SliceLearner learner = new SliceLearner(set, null);
        Well19937c random = new Well19937c(5);
        learner.choose(List.of(), random);
        // Give English enough evidence that a redraw could move it, then report only on German.
        for (int i = 0; i < 6; i++) {
            learner.observe("en-" + (i % 3), null, null, 0.5 + 0.01 * i);
        }
        int english = learner.current()[1];
        for (int i = 0; i < 50; i++) {
            List<SliceLearner.Credit> credits = learner.observe(null, set.version(learner.current()), "synthetic/de/x.example", 0.6);
            assertThat(credits).extracting(SliceLearner.Credit::slice).containsExactly(0);
            learner.choose(List.of(0), random);
            assertThat(learner.current()[1]).isEqualTo(english);
        }
    }

    @Test
    void creditsEverySliceForAResultAboutTheWholeOutputAndNoneForStrangers(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = set(dir);
        SliceLearner learner = new SliceLearner(set, null);
        assertThat(learner.observe(null, "base-1+learned:de-1,en-2", null, 0.7))
                .containsExactly(new SliceLearner.Credit(0, 1), new SliceLearner.Credit(1, 2));
        assertThat(learner.observe(null, "base-1+learned:de-1,en-2", "synthetic/*/*", 0.7)).isEmpty();
        assertThat(learner.observe(null, "base-1+learned:de-1,en-2", "synthetic/en/*", 0.7))
                .containsExactly(new SliceLearner.Credit(1, 2));
        assertThat(learner.observe(null, "base-1+learned:de-1,en-2", "scraped/en/x.example", 0.7)).isEmpty();
        // The base alone puts each slice at its arm that changes nothing (the first of each, here).
        assertThat(learner.observe(null, "base-1", null, 0.7))
                .containsExactly(new SliceLearner.Credit(0, 0), new SliceLearner.Credit(1, 0));
        assertThat(learner.observe(null, "other-1", null, 0.7)).isEmpty();
        assertThat(learner.observe("nope", null, null, 0.7)).isEmpty();
        assertThat(learner.observe("en-1", "base-1+learned:de-1,en-2", null, 0.7))
                .containsExactly(new SliceLearner.Credit(1, 1));
        assertThat(learner.learner(1).observations(2)).isEqualTo(2);
        assertThat(learner.learner(1).observations(1)).isEqualTo(1);
    }

    @Test
    void resumesEachSlicesEvidenceByPattern(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = set(dir);
        SliceLearner learner = new SliceLearner(set, null);
        learner.choose(List.of(), new Well19937c(1));
        for (int i = 0; i < 12; i++) {
            learner.observe((i % 2 == 0 ? "de-" : "en-") + (i % 3), null, null, 0.6 + 0.01 * i);
        }
        SliceLearner.State state = learner.state();
        // The same slices in another order, as after an edit of the file: evidence follows the pattern.
        SliceInterventionSet reordered = new SliceInterventionSet(set.metric(), set.basePolicyYaml(), set.baseVersion(),
                List.of(set.slices().get(1), set.slices().get(0)));
        SliceLearner resumed = new SliceLearner(reordered, state);
        for (int a = 0; a < 3; a++) {
            assertThat(resumed.learner(0).observations(a)).isEqualTo(learner.learner(1).observations(a));
            assertThat(resumed.learner(1).meanReward(a)).isEqualTo(learner.learner(0).meanReward(a));
        }
        assertThat(resumed.current()).containsExactly(learner.current()[1], learner.current()[0]);
    }
}
