package io.sluice.cli.bench;

import io.sluice.cli.demo.EuroparlText;
import io.sluice.pipeline.drift.AlertRules;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench drift}: the drift goals, measured. Prints, per injected shift, its PSI (from
 * 50k records on each side) and in which window after its start it was raised, then the alerts a
 * stationary stream raised per 1,000 windows.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Measure drift detection delay and false alerts on Europarl streams with injected shifts.")
public final class DriftBench implements Callable<Integer> {

    @Option(names = "--window-records", defaultValue = "1000", description = "Records per window (default: ${DEFAULT-VALUE}).")
    int windowRecords;

    @Option(names = "--seeds", defaultValue = "5", description = "Runs per shift, each with its own seed (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--stationary-windows", defaultValue = "2000",
            description = "Windows of the stationary stream (default: ${DEFAULT-VALUE}).")
    int stationaryWindows;

    @Option(names = "--documents", defaultValue = "8000", description = "Europarl documents to draw from (at most 8000).")
    int documents;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        DriftConfig config = DriftConfig.defaults();
        AlertRules r = config.rules();
        long t0 = System.nanoTime();
        DriftGoals goals = new DriftGoals(config, new DocumentScorer(new PolicyLoader().loadDefault()),
                EuroparlText.load(documents), out);
        out.printf(Locale.ROOT, "Europarl documents by guessed language: %s (%.1f s to load and score)%n",
                goals.languageCounts(), (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "Rules: raise at PSI >= %.2f with p <= %.2g for %d windows, clear under %.2f for %d, "
                        + "min %d values, baseline %d windows; %d records per window%n%n", r.raiseThreshold(), r.alpha(),
                r.raiseAfter(), r.clearThreshold(), r.clearAfter(), r.minCount(), config.baselineWindows(), windowRecords);

        int shiftAt = 20;
        int total = 40;
        int goalShifts = 0;
        int goalMet = 0;
        int falseInShiftRuns = 0;
        int windowsBeforeShifts = 0;
        out.printf("%-38s %-22s %9s  %s%n", "shift", "dimension", "PSI", "raised in window (1 = first shifted) per seed");
        for (DriftGoals.Shift shift : goals.shifts()) {
            List<String> delays = new ArrayList<>();
            double psi = 0;
            boolean allWithin2 = true;
            for (int seed = 1; seed <= seeds; seed++) {
                DriftGoals.Detection d = goals.detect(shift, seed, windowRecords, shiftAt, total);
                psi += d.truePsi() / seeds;
                delays.add(d.raisedAfter() < 0 ? "never" : Integer.toString(d.raisedAfter()));
                allWithin2 &= d.raisedAfter() >= 1 && d.raisedAfter() <= 2;
                falseInShiftRuns += d.falseBefore();
                windowsBeforeShifts += shiftAt;
            }
            boolean inGoal = psi >= 0.25;
            if (inGoal) {
                goalShifts++;
                goalMet += allWithin2 ? 1 : 0;
            }
            out.printf(Locale.ROOT, "%-38s %-22s %9.3f  %s%s%n", shift.name(), shift.dimension(), psi,
                    String.join(" ", delays), inGoal ? (allWithin2 ? "   [goal: met]" : "   [goal: MISSED]") : "");
        }
        out.printf(Locale.ROOT, "%nShifts with PSI >= 0.25 raised within 2 windows in every run: %d of %d%n", goalMet,
                goalShifts);
        out.printf(Locale.ROOT, "Alerts before the shift in those runs: %d in %d windows%n", falseInShiftRuns,
                windowsBeforeShifts);

        long t1 = System.nanoTime();
        Map<String, Integer> raised = goals.stationary(7, windowRecords, stationaryWindows);
        int alerts = raised.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "Stationary stream: %d windows of %d records, %d alerts raised %s = %.2f per 1,000 "
                        + "windows (%.1f s)%n", stationaryWindows, windowRecords, alerts, raised,
                1000.0 * alerts / stationaryWindows, (System.nanoTime() - t1) / 1e9);
        return 0;
    }
}
