package io.sluice.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line: one entry point for the demo, the job and the tools around it. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
        description = "Continual curation of training data on Apache Flink and Kafka.")
public final class SluiceCli {

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, StackCommand.class, RunCommand.class,
            ScoreCommand.class, AgreementCommand.class, DriftCommand.class, TailCommand.class, TopicsCommand.class,
            ProduceCommand.class, PolicyCommand.class, FeedbackCommand.class, DeadLetterCommand.class, ConsoleCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for {@code args}. When the first argument names a subcommand, only that one is
     * built: picocli reflects over every option of every command it is given, ~0.4 s of CPU for all
     * of them, which a one-core {@code sluice score} over a small file would otherwise spend before
     * its first record. Anything else ({@code --help}, {@code help}, a typo) gets them all, so the
     * usage, help and "did you mean" messages list every subcommand ({@code commandLine()}: all of
     * them, whatever is run next).
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new SluiceCli());
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0]) && c != CommandLine.HelpCommand.class)
                .findFirst().orElse(null);
        for (Class<?> c : named == null ? SUBCOMMANDS : List.of(named)) {
            cli.addSubcommand(c);
        }
        // After the subcommands: picocli applies this setting to the subcommands present.
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Prints the pipeline version written into every decision. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {io.sluice.pipeline.PipelineVersion.current()};
        }
    }
}
