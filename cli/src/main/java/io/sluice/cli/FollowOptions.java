package io.sluice.cli;

import picocli.CommandLine.Option;

/** Where a command that follows a topic starts reading, and when it stops waiting: shared by the tail commands. */
final class FollowOptions {

    @Option(names = "--from-beginning", description = "Start at the oldest messages instead of new ones only.")
    boolean fromBeginning;

    @Option(names = "--timeout", description = "Stop after this long, e.g. 30s (default: never).")
    String timeout;

    /** The {@link System#nanoTime()} at which to stop, or {@link Long#MAX_VALUE} without a timeout. */
    long deadlineNanos() {
        return timeout == null ? Long.MAX_VALUE : System.nanoTime() + Durations.parse(timeout).toNanos();
    }
}
