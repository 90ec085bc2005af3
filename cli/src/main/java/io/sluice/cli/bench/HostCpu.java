package io.sluice.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How busy the whole host's CPUs were over an interval, from Linux's {@code /proc/stat}, so that a
 * benchmark can tell its own slowness apart from other tenants'. On a shared machine a latency run
 * at a fixed rate builds a queue whenever other processes take the cores below that rate, and
 * without this figure such a run looks like a slow job (see the README's Performance section).
 */
public final class HostCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /**
     * Cumulative clock ticks of all CPUs: busy (user, nice, system, irq, softirq, steal) and total
     * (busy plus idle and iowait), and the number of CPUs the counters cover.
     */
    public record Sample(long busyTicks, long totalTicks, int cpus) {}

    /** The interval between two samples, with this process's share of it. */
    public record Usage(double hostBusyFraction, double processFraction) {

        /** What the other processes took: busy time this process does not account for, never below 0. */
        public double othersFraction() {
            return Math.max(0.0, hostBusyFraction - processFraction);
        }
    }

    private HostCpu() {}

    /** The counters now, or empty where there is no {@code /proc/stat} (not Linux) or it cannot be read. */
    public static Optional<Sample> read() {
        try {
            return Optional.of(parse(Files.readAllLines(PROC_STAT)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code /proc/stat}: the aggregate {@code cpu} line, and one {@code cpuN} line per CPU. */
    static Sample parse(List<String> lines) {
        long[] aggregate = null;
        int cpus = 0;
        for (String line : lines) {
            if (line.startsWith("cpu ")) {
                aggregate = fields(line);
            } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cpus++;
            }
        }
        if (aggregate == null || aggregate.length < 4) {
            throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
        }
        // user nice system idle iowait irq softirq steal (guest time is already counted in user).
        long idle = aggregate[3] + at(aggregate, 4);
        long busy = aggregate[0] + aggregate[1] + aggregate[2] + at(aggregate, 5) + at(aggregate, 6) + at(aggregate, 7);
        return new Sample(busy, busy + idle, Math.max(cpus, 1));
    }

    /**
     * Usage between two samples, given the CPU seconds this process used in the same {@code
     * wallSeconds}. Fractions are of all the host's CPUs: 1.0 is every CPU busy the whole time.
     */
    public static Usage between(Sample before, Sample after, double processCpuSeconds, double wallSeconds) {
        long total = after.totalTicks() - before.totalTicks();
        double busy = total <= 0 ? 0.0 : (double) (after.busyTicks() - before.busyTicks()) / total;
        double process = wallSeconds <= 0 ? 0.0 : processCpuSeconds / (wallSeconds * after.cpus());
        return new Usage(busy, process);
    }

    private static long[] fields(String line) {
        String[] parts = line.trim().split("\\s+");
        long[] values = new long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            values[i - 1] = Long.parseLong(parts[i]);
        }
        return values;
    }

    private static long at(long[] values, int i) {
        return i < values.length ? values[i] : 0L;
    }
}
