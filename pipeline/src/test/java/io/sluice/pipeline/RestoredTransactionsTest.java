package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredTransactionsTest {

    /** The brokers' answer: the given states for these ids, nothing for the others. */
    private static java.util.function.Function<List<String>, Map<String, String>> brokers(
            Map<String, String> states) {
        return ids -> {
            Map<String, String> known = new HashMap<>();
            ids.forEach(id -> {
                if (states.containsKey(id)) {
                    known.put(id, states.get(id));
                }
            });
            return known;
        };
    }

    @Test
    void committedOrOpenTransactionsAreNoProblem() {
        assertThat(RestoredTransactions.problem("file:/c/job/chk-7", 7, "sluice-a",
                brokers(Map.of("sluice-a-0-7", "CompleteCommit", "sluice-a-1-7", "Ongoing")))).isNull();
        assertThat(RestoredTransactions.problem("file:/c/job/chk-7", 7, "sluice-a", brokers(Map.of()))).isNull();
        // Another checkpoint's abort (Flink aborts N + 1 and later on every restart) says nothing about N.
        assertThat(RestoredTransactions.problem("file:/c/job/chk-7", 7, "sluice-a",
                brokers(Map.of("sluice-a-0-8", "CompleteAbort", "sluice-a-0-7", "CompleteCommit")))).isNull();
    }

    @Test
    void anAbortedTransactionOfTheCheckpointIsNamedWithTheCheckpointBefore(@TempDir Path root) throws Exception {
        Path job = root.resolve("job");
        for (int id : new int[] {5, 6, 7}) {
            Files.createDirectories(job.resolve("chk-" + id));
        }
        Files.writeString(job.resolve("chk-5/_metadata"), "m");
        Files.writeString(job.resolve("chk-7/_metadata"), "m"); // chk-6 was never completed
        String restore = job.resolve("chk-7").toUri().toString();
        String problem = RestoredTransactions.problem(restore, 7, "sluice-a",
                brokers(Map.of("sluice-a-0-7", "CompleteCommit", "sluice-a-1-7", "CompleteAbort",
                        "sluice-a-3-7", "PrepareAbort")));
        assertThat(problem)
                .contains("checkpoint 7 for subtasks [1, 3]")
                .contains("'sluice-a'")
                .contains("kafka.transaction.timeout.ms")
                .contains(job.resolve("chk-5").toUri().toString())
                .contains("1 subtask(s) whose transactions were committed")
                .contains("job.preflight=false");
    }

    @Test
    void noRetainedCheckpointBeforeIsSaid(@TempDir Path root) throws Exception {
        Path chk = Files.createDirectories(root.resolve("job/chk-2"));
        Files.writeString(chk.resolve("_metadata"), "m");
        assertThat(RestoredTransactions.problem(chk.resolve("_metadata").toString(), 2, "p",
                brokers(Map.of("p-0-2", "CompleteAbort")))).contains("(none retained here)");
    }
}
