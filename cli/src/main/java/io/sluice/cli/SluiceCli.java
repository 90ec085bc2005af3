package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line: one entry point for the demo, the job and the tools around it. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
        description = "Continual curation of training data on Apache Flink and Kafka.",
        subcommands = {DemoCommand.class, StackCommand.class, RunCommand.class, ScoreCommand.class,
                AgreementCommand.class, DriftCommand.class, TailCommand.class, TopicsCommand.class, ProduceCommand.class, PolicyCommand.class, ConsoleCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SluiceCli {

    public static void main(String[] args) {
        int exit = new CommandLine(new SluiceCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(exit);
    }

    /** Prints the pipeline version written into every decision. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {io.sluice.pipeline.PipelineVersion.current()};
        }
    }
}
