package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.SluiceCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice demo --learner} end to end, on its own embedded broker, registry and MiniCluster: the
 * simulated evaluator's results reach the job's learner, whose composed policies the job applies,
 * and every record still ends in exactly one output. The evaluator's true accuracies favour one arm
 * per slice clearly (gaps of 3–4 points, noise of half a point), so over ~25 rounds the learner keeps
 * each slice's best arm in force far more often than the others. Not the policy in force at the end:
 * Thompson sampling still tests a worse arm now and then (its posterior after two results is a
 * Student t with one degree of freedom), and the last round may be such a test.
 */
class DemoLearnerITCase {

    @Test
    void theDemosFeedbackLoopSettlesOnEachSlicesBestArmAndStillReconciles(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.json");
        int exit = SluiceCli.commandLine().execute("demo", "--duration", "25s", "--rate", "400", "--learner",
                "--eval-interval", "1s", "--shift", "none", "--summary-json", summary.toString());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(exit).isZero();
        assertThat(s.get("reconciled").asBoolean()).isTrue();
        assertThat(s.get("missing").asLong()).isZero();
        assertThat(s.get("duplicated").asLong()).isZero();
        // Outputs appear only with completed checkpoints; ~50,000 distinct texts outgrow in-memory checkpoints.
        assertThat(s.get("checkpoints_completed").asLong()).isPositive();
        assertThat(s.get("checkpoints_failed").asLong()).isZero();
        assertThat(s.get("feedback_sent").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(s.get("learner_policy_version").asText()).contains("+learned:");
        JsonNode byArm = s.get("learner_evaluations_by_arm");
        // Each slice's best arm (see DemoCommand's true accuracies) in force at least 1.5 times as often as
        // the other, which also had its two first tries (and, for the scraped slice, the base policy's
        // rounds before the learner's first update): a learner choosing at random fails this.
        assertThat(2 * byArm.path("web-strict-punct").asLong()).as("%s", byArm)
                .isGreaterThanOrEqualTo(3 * byArm.path("web-as-is").asLong());
        assertThat(2 * byArm.path("syn-as-is").asLong()).as("%s", byArm)
                .isGreaterThanOrEqualTo(3 * byArm.path("syn-no-short").asLong());
    }
}
