package io.sluice.cli;

import io.sluice.cli.bench.DriftBench;
import picocli.CommandLine.Command;

/** {@code sluice bench}: benchmarks that print figures (they assert nothing; the tests do). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {DriftBench.class, DriftCostBench.class})
public final class BenchCommand {
}
