package io.sluice.cli;

import io.sluice.cli.demo.EuroparlText;
import io.sluice.cli.demo.OutputCounter;
import io.sluice.cli.demo.TrafficGenerator;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench drift-cost}: what drift costs the job. Publishes the demo traffic once, then runs
 * the whole job (Kafka in, exactly-once Kafka out, Flink MiniCluster) over it several times, drift off
 * and on in ABBA order so warm-up and machine noise fall on both sides, each time with a fresh consumer
 * group and fresh output topics, and reports records per second from job start until every record
 * is committed on an output topic.
 */
@Command(name = "drift-cost", mixinStandardHelpOptions = true,
        description = "Job throughput with drift off and on, over the same input, in one run.")
public final class DriftCostBench implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "100000", description = "Input records (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", defaultValue = "2", description = "ABBA rounds (4 jobs each; default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--concurrent", description = "Instead: run a drift-off and a drift-on job side by side over the same "
            + "input, so both see the same machine load, and compare their progress when the first finishes.")
    boolean concurrent;

    @Option(names = "--drift-window", defaultValue = "1s",
            description = "Drift window (default: ${DEFAULT-VALUE}: many windows fire, so the detector is measured too).")
    String driftWindow;

    @Override
    public Integer call() throws Exception {
        SluiceTopics input = SluiceTopics.defaults();
        try (LocalStack stack = LocalStack.start()) {
            StackCommand.prepare(stack, input, Math.max(2, parallelism));
            EuroparlText text = EuroparlText.load(4000);
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                    TrafficGenerator traffic = new TrafficGenerator(stack.bootstrapServers(), registry, input, text)) {
                for (int i = 0; i < records; i++) {
                    traffic.sendNext();
                }
                traffic.flush();
            }
            System.out.printf("Published %,d records; running the job %d times (drift off/on in ABBA order)%n",
                    records, 4 * rounds);
            isolated(text);
            if (concurrent) {
                return sideBySide(stack, input);
            }
            Map<Boolean, List<Double>> rates = new HashMap<>();
            Map<Boolean, List<Double>> cpu = new HashMap<>();
            int trial = 0;
            for (int r = 0; r < rounds; r++) {
                for (boolean drift : new boolean[] {false, true, true, false}) {
                    double[] result = run(stack, input, trial++, drift);
                    rates.computeIfAbsent(drift, k -> new ArrayList<>()).add(result[0]);
                    cpu.computeIfAbsent(drift, k -> new ArrayList<>()).add(result[1]);
                    System.out.printf(Locale.ROOT, "  run %d, drift %-3s: %,8.0f records/s, %6.1f CPU-µs/record%n", trial,
                            drift ? "on" : "off", result[0], result[1]);
                }
            }
            double off = median(rates.get(false));
            double on = median(rates.get(true));
            System.out.printf(Locale.ROOT, "Median: drift off %,.0f records/s, drift on %,.0f records/s: drift costs %.1f%%%n",
                    off, on, 100 * (1 - on / off));
            double cpuOff = median(cpu.get(false));
            double cpuOn = median(cpu.get(true));
            System.out.printf(Locale.ROOT, "Median CPU of this JVM (job, broker, clients) per record: off %.1f µs, on %.1f µs: "
                    + "drift costs %.1f%% of throughput at full CPU%n", cpuOff, cpuOn, 100 * (1 - cpuOff / cpuOn));
        }
        return 0;
    }

    /**
     * Per-record cost of drift in isolation, single-threaded: scoring (what every record costs anyway)
     * against feature extraction plus window aggregation (what drift adds per record).
     */
    private static void isolated(EuroparlText text) {
        var scorer = new io.sluice.pipeline.scoring.DocumentScorer(new io.sluice.pipeline.policy.PolicyLoader().loadDefault());
        var config = io.sluice.pipeline.drift.DriftConfig.defaults().withWindow(Duration.ofSeconds(1));
        var features = new io.sluice.pipeline.drift.DriftFeatures(config.dimensions());
        int n = 200_000;
        var results = new ArrayList<io.sluice.pipeline.scoring.ScoringResult>(text.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            var r = scorer.score(new io.sluice.pipeline.scoring.ScoringInput("r" + i, text.document(i),
                    io.sluice.avro.SourceKind.SCRAPED, 1_000L * i, text.language(i), "example.org", null));
            if (results.size() < text.size()) {
                results.add(r);
            }
        }
        double scoreNs = (System.nanoTime() - t0) / (double) n;
        for (int round = 0; round < 2; round++) { // the first round warms up
            var windows = new io.sluice.pipeline.drift.EventTimeWindows(config);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                var r = results.get(i % results.size());
                features.extract(io.sluice.avro.SourceKind.SCRAPED, r.slice(), "example.org", r.route(), r.reasons(),
                        r.signals());
                windows.add(i / 100, "r" + i, features.categories, features.numerics);
                if (i % 100_000 == 99_999) {
                    windows.advance(i / 100);
                }
            }
            windows.flush();
            double driftNs = (System.nanoTime() - t1) / (double) n;
            if (round == 1) {
                System.out.printf(Locale.ROOT, "In isolation, one thread: scoring %.2f µs/record, drift features and "
                        + "window aggregation %.2f µs/record (%.1f%% of scoring)%n", scoreNs / 1000, driftNs / 1000,
                        100 * driftNs / scoreNs);
            }
        }
    }

    /**
     * Pairs of jobs, drift off and on, started together over the same input; when the first has
     * written every output, the other's share of outputs is its relative speed under identical load.
     */
    private int sideBySide(LocalStack stack, SluiceTopics input) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            SluiceJobConfig off = config(stack, input, 2 * r, false);
            SluiceJobConfig on = config(stack, input, 2 * r + 1, true);
            try (OutputCounter offCount = counter(stack, off); OutputCounter onCount = counter(stack, on)) {
                // Alternate which job is submitted first; progress counts only from when both run.
                JobClient a = submit(r % 2 == 0 ? off : on);
                JobClient b = submit(r % 2 == 0 ? on : off);
                awaitRunning(a);
                awaitRunning(b);
                long offStart = offCount.total();
                long onStart = onCount.total();
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (offCount.total() < records && onCount.total() < records && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long offDone = offCount.total() - offStart;
                long onDone = onCount.total() - onStart;
                a.cancel().get();
                b.cancel().get();
                double ratio = (double) onDone / offDone;
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "  pair %d: while both ran, drift off wrote %,d and drift on %,d outputs "
                        + "(on/off = %.3f)%n", r + 1, offDone, onDone, ratio);
            }
        }
        double median = median(ratios);
        System.out.printf(Locale.ROOT, "Median on/off progress ratio %.3f: drift costs %.1f%% of throughput%n", median,
                100 * (1 - median));
        return 0;
    }

    private OutputCounter counter(LocalStack stack, SluiceJobConfig config) {
        OutputCounter counter = new OutputCounter(stack.bootstrapServers(), config.topics().terminalOutputs(), null);
        Thread t = new Thread(counter, "bench-output-counter-" + config.jobName());
        t.setDaemon(true);
        t.start();
        return counter;
    }

    private static JobClient submit(SluiceJobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        return env.executeAsync(config.jobName());
    }

    private static void awaitRunning(JobClient job) throws Exception {
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            Thread.sleep(20);
        }
    }

    private double[] run(LocalStack stack, SluiceTopics input, int trial, boolean drift) throws Exception {
        SluiceJobConfig config = config(stack, input, trial, drift);
        List<String> outputs = config.topics().terminalOutputs();
        try (OutputCounter counter = new OutputCounter(stack.bootstrapServers(), outputs, null)) {
            Thread counterThread = new Thread(counter, "bench-output-counter");
            counterThread.setDaemon(true);
            counterThread.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    SluiceJob.flinkConfiguration(config));
            SluiceJob.wire(env, config);
            JobClient job = env.executeAsync(config.jobName());
            while (job.getJobStatus().get() != JobStatus.RUNNING) {
                Thread.sleep(20);
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (counter.total() < records && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (os.getProcessCpuTime() - cpuStart) / 1e3 / records;
            job.cancel().get();
            if (counter.total() < records) {
                throw new IllegalStateException("only " + counter.total() + " of " + records + " outputs after 10 minutes");
            }
            return new double[] {records / seconds, cpuMicros};
        }
    }

    private SluiceJobConfig config(LocalStack stack, SluiceTopics input, int trial, boolean drift) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.name", "bench-drift-" + trial);
        settings.put("job.group.id", "bench-drift-" + trial);
        settings.put("job.transactional.id.prefix", "bench-drift-" + trial + "-" + ProcessHandle.current().pid());
        settings.put("job.checkpoint.interval.ms", "1000");
        settings.put("job.parallelism", Integer.toString(parallelism));
        settings.put("drift.enabled", Boolean.toString(drift));
        settings.put("drift.window.ms", Long.toString(Durations.parse(driftWindow).toMillis()));
        for (SluiceTopics.TopicSpec spec : input.all()) {
            boolean isInput = spec.role().startsWith("ingest.");
            settings.put("topics." + spec.role(), isInput ? spec.name() : "bench" + trial + "." + spec.name());
        }
        SluiceJobConfig config = SluiceJobConfig.fromMap(settings);
        StackCommand.prepare(stack, config.topics(), Math.max(2, parallelism));
        return config;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
