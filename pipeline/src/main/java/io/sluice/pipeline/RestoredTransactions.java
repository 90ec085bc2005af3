package io.sluice.pipeline;

import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.internal.TransactionalIdFactory;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;

/**
 * Whether restarting an exactly-once job from a checkpoint would lose that checkpoint's outputs.
 *
 * <p>The sink writes each checkpoint's outputs in one Kafka transaction per subtask (transactional
 * id {@code <prefix>-<subtask>-<checkpoint id>}) and commits them once the checkpoint completes. A
 * restart from checkpoint N commits N's transactions again, which is harmless when they were
 * committed (Flink's committer then logs "Unable to commit transaction ... already fenced") and
 * completes them when the job stopped in between. But when the job stopped in between and stayed
 * down longer than {@code kafka.transaction.timeout.ms}, the brokers have aborted them: the restart
 * cannot commit them, and as N's source offsets lie past their records, those outputs are lost for
 * good, with nothing but that log line to say so. (Another job writing with the same
 * {@code job.transactional.id.prefix} aborts them too.) The brokers remember each transactional id's
 * last state for {@code transactional.id.expiration.ms} (7 days by default), so this asks them before
 * the job starts. Flink's own abort of lingering transactions starts at N + 1, so N's ids show what
 * the previous run left.
 */
final class RestoredTransactions {

    /** Subtasks probed: more than any parallelism a Sluice job runs at. */
    static final int MAX_SUBTASKS = 256;

    private RestoredTransactions() {}

    /**
     * The problem with restarting {@code config}'s job from its {@code job.restore.path}, or null when
     * there is none or nothing can be said (no restore, not exactly-once, unreadable checkpoint,
     * brokers that do not answer).
     */
    static String problem(SluiceJobConfig config) {
        if (config.restorePath() == null || config.deliveryGuarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            return null;
        }
        long checkpointId;
        try {
            checkpointId = checkpointId(config.restorePath());
        } catch (IOException | RuntimeException e) {
            return null; // Flink's restore names what is wrong with the path itself
        }
        return problem(config.restorePath(), checkpointId, config.transactionalIdPrefix(),
                ids -> TopicAdmin.transactionStates(config.kafka(), ids));
    }

    /**
     * As {@link #problem(SluiceJobConfig)}, with the brokers' transaction states from {@code states}
     * (the ids asked → the state of each id they know).
     */
    static String problem(String restorePath, long checkpointId, String prefix,
            Function<List<String>, Map<String, String>> states) {
        List<String> ids = new ArrayList<>();
        for (int subtask = 0; subtask < MAX_SUBTASKS; subtask++) {
            ids.add(TransactionalIdFactory.buildTransactionalId(prefix, subtask, checkpointId));
        }
        Map<String, String> known = states.apply(ids);
        List<Integer> aborted = new ArrayList<>();
        int committed = 0;
        for (int subtask = 0; subtask < MAX_SUBTASKS; subtask++) {
            String state = known.get(ids.get(subtask));
            if ("CompleteAbort".equals(state) || "PrepareAbort".equals(state)) {
                aborted.add(subtask);
            } else if ("CompleteCommit".equals(state) || "PrepareCommit".equals(state)) {
                committed++;
            }
        }
        if (aborted.isEmpty()) {
            return null;
        }
        String previous = previousCheckpoint(restorePath, checkpointId);
        return "the brokers aborted the Kafka transactions of checkpoint " + checkpointId + " for subtask"
                + (aborted.size() > 1 ? "s " : " ") + aborted + " of job.transactional.id.prefix '" + prefix + "': the job"
                + " stopped before committing them and stayed down longer than kafka.transaction.timeout.ms, or another"
                + " job writes with the same prefix. Restarting from " + restorePath + " would lose those outputs, since"
                + " its source offsets lie past their records. Restart from the checkpoint before it"
                + (previous == null ? " (none retained here)" : " (" + previous + ")") + ", which reads them again"
                + (committed > 0 ? " (and writes the outputs of the " + committed + " subtask(s) whose transactions were"
                        + " committed a second time)" : "")
                + ", or set job.preflight=false to restart from this one and accept the loss.";
    }

    /** The id of the checkpoint or savepoint at {@code pointer}, from its metadata. */
    static long checkpointId(String pointer) throws IOException {
        CompletedCheckpointStorageLocation location = AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(pointer);
        try (DataInputStream in = new DataInputStream(location.getMetadataHandle().openInputStream())) {
            return Checkpoints.loadCheckpointMetadata(in, RestoredTransactions.class.getClassLoader(), pointer)
                    .getCheckpointId();
        }
    }

    /**
     * The newest retained checkpoint older than {@code checkpointId} next to a local {@code chk-N}
     * directory, or null.
     */
    static String previousCheckpoint(String restorePath, long checkpointId) {
        try {
            Path chk = Path.of(java.net.URI.create(restorePath.startsWith("/") ? "file://" + restorePath : restorePath));
            if (Files.isRegularFile(chk)) {
                chk = chk.getParent(); // the _metadata file itself
            }
            Path jobDirectory = chk.getParent();
            if (jobDirectory == null || !Files.isDirectory(jobDirectory)) {
                return null;
            }
            try (Stream<Path> siblings = Files.list(jobDirectory)) {
                return siblings
                        .filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                        .filter(p -> Long.parseLong(p.getFileName().toString().substring(4)) < checkpointId)
                        .filter(p -> Files.exists(p.resolve("_metadata")))
                        .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                        .map(p -> p.toUri().toString())
                        .orElse(null);
            }
        } catch (IOException | RuntimeException e) {
            return null; // not a local path
        }
    }
}
