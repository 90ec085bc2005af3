package io.sluice.cli;

import io.sluice.connectors.kafka.DeadLetterReplay;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice deadletter}: what to do with the dead-letter topic once a cause is fixed. */
@Command(name = "deadletter", mixinStandardHelpOptions = true,
        description = "Work with the dead-letter topic.", subcommands = DeadLetterCommand.Replay.class)
public final class DeadLetterCommand {

    /** {@code sluice deadletter replay}: dead letters back to their input topics, exactly once. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send dead letters back to the input topic they came from (original key, value, partition and"
                    + " timestamp, plus a __sluice.replayed.from header), once their cause is fixed. Each run resumes after"
                    + " what the previous run of the same selection sent; --dry-run only counts.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--stage", split = ",", description = "Replay only dead letters of these stages (size, schema-lookup,"
                + " schema-mismatch, avro-decode, wire-format, normalize, …; see __sluice.errors.stage). Default: every stage.")
        List<String> stages = List.of();

        @Option(names = "--group", description = "Consumer group keeping this replay's progress (default:"
                + " sluice-deadletter-replay.<stages>).")
        String group;

        @Option(names = "--from-beginning", description = "Read the whole topic, ignoring the group's progress: dead letters"
                + " replayed before are sent again.")
        boolean fromBeginning;

        @Option(names = "--dry-run", description = "Count what would be replayed; write and commit nothing.")
        boolean dryRun;

        @Option(names = "--timeout", defaultValue = "60s", description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            Set<String> selected = new LinkedHashSet<>();
            stages.forEach(s -> selected.add(s.trim()));
            DeadLetterReplay replay = new DeadLetterReplay(selected,
                    Set.of(cfg.topics().syntheticIngest(), cfg.topics().scrapedIngest()));
            String groupId = group != null ? group : DeadLetterReplay.defaultGroup(selected);
            DeadLetterReplay.Summary summary;
            try {
                summary = replay.run(cfg.kafka(), cfg.topics().deadletter(), groupId, fromBeginning, dryRun,
                        Durations.parse(timeout));
            } catch (IllegalArgumentException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sluice deadletter replay: " + e.getMessage() + " (topics.deadletter in the config)");
                err.flush();
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            long replayed = summary.byVerdict().getOrDefault(DeadLetterReplay.Verdict.REPLAYED, 0L);
            out.printf("%s %d dead letter(s) of %s%s (group %s):%n", dryRun ? "Would replay" : "Replayed", replayed,
                    cfg.topics().deadletter(), selected.isEmpty() ? "" : " at stage(s) " + String.join(", ", selected), groupId);
            summary.replayedByTopic().forEach((topic, n) -> out.printf("  %,d to %s%n", n, topic));
            summary.selectedByStage().forEach((stage, n) -> out.printf("  %,d from stage %s%n", n, stage));
            summary.byVerdict().forEach((verdict, n) -> {
                switch (verdict) {
                    case OTHER_STAGE -> out.printf("  %,d skipped: another stage%n", n);
                    case NOT_AN_INPUT_TOPIC -> out.printf("  %,d skipped: not from one of the job's input topics%n", n);
                    case VALUE_NOT_KEPT -> out.printf("  %,d skipped: value too large to have been kept (replay them from"
                            + " the input coordinates in their headers)%n", n);
                    case NOT_A_DEAD_LETTER -> out.printf("  %,d skipped: no __sluice.errors.* headers%n", n);
                    default -> { }
                }
            });
            out.flush();
            return 0;
        }
    }
}
