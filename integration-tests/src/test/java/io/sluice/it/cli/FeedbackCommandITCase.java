package io.sluice.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.SluiceCli;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The feedback loop driven from the command line: {@code sluice feedback} publishes an evaluation
 * result, the running job's learner credits it and publishes what it puts in force next, and
 * {@code sluice tail learner} shows both, one line each.
 */
class FeedbackCommandITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aResultSentByTheCliReachesTheLearnerWhoseLedgerAndChoiceTheCliShows(@TempDir Path dir) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        Path config = ItJobs.cliConfig(dir, stack, "it-feedback-cli");
        Files.writeString(dir.resolve("hold.yaml"), """
                version: "it-cli-hold-1"
                description: holds everything
                rules:
                  - code: held_for_review
                    when: { signal: text.word_count, op: ">=", value: 0 }
                    route: quarantine
                    detail: "held"
                """);
        Path interventions = dir.resolve("interventions.yaml");
        Files.writeString(interventions, """
                metric: val_accuracy
                interventions:
                  - { id: baseline, kind: threshold_change, description: the shipped policy, policy_file: default }
                  - { id: hold, kind: threshold_change, description: hold everything, policy_file: hold.yaml }
                """);
        Map<String, String> settings = ItJobs.jobSettings("it-feedback-cli", stack.bootstrapServers(), stack.registryUrl());
        settings.put("learner.enabled", "true");
        settings.put("learner.interventions", interventions.toString());

        JobClient job = ItJobs.startAndAwaitRunning(SluiceJobConfig.fromMap(settings));
        try {
            // Exactly one of --intervention and --policy-version, and a finite value.
            assertThat(run(new StringWriter(), "feedback", "--config", config.toString(), "--metric", "val_accuracy",
                    "--value", "0.5")).isEqualTo(2);
            assertThat(run(new StringWriter(), "feedback", "--config", config.toString(), "--metric", "val_accuracy",
                    "--value", "NaN", "--intervention", "hold")).isEqualTo(2);

            StringWriter sent = new StringWriter();
            assertThat(run(sent, "feedback", "--config", config.toString(), "--intervention", "hold",
                    "--metric", "val_accuracy", "--value", "0.8125", "--model-id", "m-1", "--event-id", "eval-1")).isZero();
            assertThat(sent.toString()).startsWith("Published feedback eval-1 (val_accuracy = 0.8125) to it-feedback-cli");

            // The learner credits "hold", then explores the intervention without results yet.
            StringWriter tail = new StringWriter();
            assertThat(run(tail, "tail", "learner", "--config", config.toString(), "--from-beginning",
                    "--max-lines", "2", "--timeout", "90s")).isZero();
            List<String> lines = tail.toString().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("LEDGER").contains("intervention=hold")
                    .contains("effect=0.8125").contains("n=1").contains("(hold everything)"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("POLICY").contains("author=sluice-learner")
                    .contains("interventions=baseline").contains("reason: exploring"));
        } finally {
            job.cancel().get();
        }
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = SluiceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
