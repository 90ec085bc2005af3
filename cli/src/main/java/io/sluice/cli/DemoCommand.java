package io.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.avro.PolicyUpdate;
import io.sluice.cli.console.AvroTopicWatcher;
import io.sluice.cli.console.DriftConsole;
import io.sluice.cli.console.DriftConsoleServer;
import io.sluice.cli.demo.CheckpointWatch;
import io.sluice.cli.demo.DriftAlertFormat;
import io.sluice.cli.demo.DriftAlertWatcher;
import io.sluice.cli.demo.EuroparlText;
import io.sluice.cli.demo.DeliveryLedger;
import io.sluice.cli.demo.OutputCounter;
import io.sluice.cli.demo.SimulatedEvaluator;
import io.sluice.cli.demo.TrafficGenerator;
import io.sluice.cli.tail.OutputLine;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.functions.LearnerFunction;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: the whole system on one machine. Starts a real KRaft broker and a real
 * Confluent-compatible registry on loopback, creates topics and registers schemas, runs the
 * Sluice job on a local Flink MiniCluster with its web UI, publishes traffic built from real text
 * and shows counts per route live. With {@code --records} or {@code --duration} it ends by itself
 * and reconciles every produced record to exactly one output, by key, as read with
 * {@code read_committed}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Sluice end to end on an embedded Kafka broker, schema registry and Flink MiniCluster.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "0",
            description = "Publish this many records, then drain and stop (0: no limit).")
    long records;

    @Option(names = "--duration", description = "Publish for this long (e.g. 90s, 5m), then drain and stop.")
    String duration;

    @Option(names = "--rate", defaultValue = "2000", description = "Records per second to publish (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--summary-json", description = "Write the final reconciliation as JSON to this file.")
    Path summaryJson;

    @Option(names = "--web-ui-port", defaultValue = "0", description = "Flink web UI port (default: a free one).")
    int webUiPort;

    @Option(names = "--console-port", defaultValue = "0", description = "Drift console port (default: a free one).")
    int consolePort;

    @Option(names = "--metrics-port", defaultValue = "0",
            description = "Port of the job's Prometheus metrics endpoint on 127.0.0.1 (default: a free one).")
    int metricsPort;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval-ms", defaultValue = "1000",
            description = "Checkpoint interval; exactly-once outputs become visible at this pace (default: ${DEFAULT-VALUE}).")
    long checkpointIntervalMs;

    @Option(names = "--drift-window", defaultValue = "5s",
            description = "Drift window size (default: ${DEFAULT-VALUE}, short so a demo sees alerts).")
    String driftWindow;

    @Option(names = "--shift", defaultValue = "el:0.5",
            description = "Language-mix shift injected part-way, LANG:SHARE (default: ${DEFAULT-VALUE}); 'none' for none.")
    String shift;

    @Option(names = "--shift-window", defaultValue = "0.35:0.6",
            description = "When the shift is on, as fractions FROM:TO of --records or --duration "
                    + "(default: ${DEFAULT-VALUE}); without either, from 60 s to 120 s.")
    String shiftWindow;

    @Option(names = "--learner", description = "Also run the feedback loop: a simulated evaluator publishes a result per"
            + " slice every --eval-interval for the policy in force, and the learner chooses each slice's arm (watch the"
            + " console's ledger). Use with --duration, e.g. 90s.")
    boolean learner;

    @Option(names = "--eval-interval", defaultValue = "1s",
            description = "With --learner: how often the simulated evaluator reports (default: ${DEFAULT-VALUE}).")
    String evalInterval;

    @Option(names = "--dedup-horizon", defaultValue = "30s",
            description = "How long deduplication remembers a text (default: ${DEFAULT-VALUE}; a job's dedup.horizon.ms"
                    + " defaults to 7 days). At the demo's rate each remembered text holds ~4 KB of heap, so a long"
                    + " horizon fills the demo's 2 GB within minutes.")
    String dedupHorizon;

    @Option(names = "--retention", defaultValue = "5m",
            description = "How long the embedded broker keeps records (topic retention.ms; default: ${DEFAULT-VALUE};"
                    + " 0 keeps everything). Without one a demo left running fills the disk: ~12 GB an hour at"
                    + " 1,500 records/s. Reconciliation reads outputs as they arrive, so it needs no more.")
    String retention;

    @Option(names = "--drain-timeout", defaultValue = "180s",
            description = "How long to wait for outputs after publishing ends (default: ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Override
    public Integer call() throws Exception {
        // Without a checkpoint directory a local MiniCluster keeps checkpoints in the JobManager's
        // memory, at most 5 MB per operator state: deduplication outgrows that after ~6,000 distinct
        // texts, every checkpoint then fails and the job restarts in a loop, committing nothing.
        Path checkpointDir = Files.createTempDirectory("sluice-demo-checkpoints");
        try {
            return demo(checkpointDir);
        } finally {
            FileUtils.deleteDirectoryQuietly(checkpointDir.toFile());
        }
    }

    private int demo(Path checkpointDir) throws Exception {
        long t0 = System.nanoTime();
        Duration publishFor = duration == null ? null : Durations.parse(duration);
        boolean finite = records > 0 || publishFor != null;
        SluiceTopics topics = SluiceTopics.defaults();

        say("Starting embedded Kafka (KRaft) and schema registry (Apicurio, Confluent API) ...");
        try (LocalStack stack = LocalStack.start()) {
            StackCommand.prepare(stack, topics, Math.max(2, parallelism), retentionConfigs(retention()));
            say("  kafka.bootstrap.servers=%s", stack.bootstrapServers());
            say("  registry.url=%s", stack.registryUrl());

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
            settings.put("registry.url", stack.registryUrl());
            settings.put("job.name", "sluice-demo");
            settings.put("job.checkpoint.interval.ms", Long.toString(checkpointIntervalMs));
            settings.put("job.checkpoint.dir", checkpointDir.toUri().toString());
            settings.put("job.parallelism", Integer.toString(parallelism));
            settings.put("job.transactional.id.prefix", "sluice-demo-" + ProcessHandle.current().pid());
            settings.put("drift.window.ms", Long.toString(Durations.parse(driftWindow).toMillis()));
            settings.put("drift.baseline.windows", "6");
            settings.put("drift.out.of.orderness.ms", "2000");
            // The demo's producers set Kafka timestamps to the event time, so Flink can track watermarks
            // per partition: on a busy machine the job catches up partition by partition, and per-subtask
            // watermarks would count whole partitions late (see DriftSettings.Watermarks).
            settings.put("drift.watermarks", "kafka-timestamp");
            Path policyFile = demoPolicy();
            settings.put("policy.file", policyFile.toString());
            if (learner) {
                settings.put("learner.enabled", "true");
                settings.put("learner.interventions", demoInterventions(policyFile).toString());
            }
            // The demo shows every stage; deduplication is opt-in for real jobs (see DedupSettings).
            settings.put("dedup.enabled", "true");
            // Bounded, so a demo left running keeps its state (and each checkpoint) at a steady size.
            settings.put("dedup.horizon.ms", Long.toString(Durations.parse(dedupHorizon).toMillis()));
            int promPort = metricsPort == 0 ? FreePort.find() : metricsPort;
            settings.put("metrics.prometheus.port", Integer.toString(promPort));
            SluiceJobConfig config = SluiceJobConfig.fromMap(settings);

            int port = webUiPort == 0 ? FreePort.find() : webUiPort;
            Configuration conf = SluiceJob.flinkConfiguration(config);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.PORT, port);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            SluiceJob.wire(env, config);
            JobClient job = env.executeAsync(config.jobName());
            waitUntilRunning(job);
            double startup = (System.nanoTime() - t0) / 1e9;
            say("Sluice job running after %.1f s. Flink web UI: http://127.0.0.1:%d", startup, port);
            say("Prometheus metrics (routes, reasons, signal histograms): http://127.0.0.1:%d/metrics", promPort);
            say("Outputs: %s", topics.terminalOutputs());
            say("Deduplication remembers the last %s of traffic (--dedup-horizon; a job's dedup.horizon.ms defaults to"
                    + " 7 days)", dedupHorizon);

            EuroparlText text = EuroparlText.load(4000);
            String[] shiftSpec = shift.equalsIgnoreCase("none") ? null : shift.split(":", 2);
            String[] shiftSpan = shiftWindow.split(":", 2);
            double shiftFrom = Double.parseDouble(shiftSpan[0]);
            double shiftTo = Double.parseDouble(shiftSpan[1]);
            List<String> outputs = topics.terminalOutputs();
            List<AvroTopicWatcher<?>> consoleWatchers = new ArrayList<>();
            DriftConsoleServer consoleServer;
            SimulatedEvaluator evaluator = null;
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                    TrafficGenerator traffic = new TrafficGenerator(stack.bootstrapServers(), registry, topics, text);
                    // A finite run is reconciled id by id: the ledger keeps 1 to 2 bytes a record.
                    OutputCounter counter = new OutputCounter(stack.bootstrapServers(), outputs,
                            finite ? new DeliveryLedger(traffic.idPrefix(), outputs) : null);
                    DriftAlertWatcher alerts = new DriftAlertWatcher(stack.bootstrapServers(), registry, topics.drift(),
                            true, a -> say("%sDRIFT %s", System.console() != null ? "\n" : "", DriftAlertFormat.line(a)))) {
                Thread counterThread = new Thread(counter, "sluice-demo-output-counter");
                counterThread.setDaemon(true);
                counterThread.start();
                Thread alertThread = new Thread(alerts, "sluice-demo-drift-alerts");
                alertThread.setDaemon(true);
                alertThread.start();
                DriftConsole driftConsole = new DriftConsole();
                var consoleProps = new java.util.Properties();
                consoleProps.put("bootstrap.servers", stack.bootstrapServers());
                consoleWatchers.addAll(DriftConsole.watchers(driftConsole, consoleProps, registry, topics));
                for (AvroTopicWatcher<?> w : consoleWatchers) {
                    Thread t = new Thread(w, "sluice-demo-console");
                    t.setDaemon(true);
                    t.start();
                }
                consoleServer = new DriftConsoleServer(driftConsole, "127.0.0.1", consolePort);
                if (learner) {
                    evaluator = new SimulatedEvaluator(stack.bootstrapServers(), registry, topics,
                            config.learner().sliceInterventions(), DEMO_TRUE_ACCURACY, 0.005, 7);
                    SimulatedEvaluator e = evaluator;
                    var policyWatcher = new AvroTopicWatcher<>(consoleProps, registry, topics.policy(), PolicyUpdate.class,
                            u -> {
                                e.onPolicyUpdate(u);
                                if (LearnerFunction.AUTHOR.equals(u.getAuthor())) {
                                    say("%sLEARNER %s", System.console() != null ? "\n" : "", OutputLine.policyUpdate(u));
                                }
                            });
                    consoleWatchers.add(policyWatcher);
                    Thread t = new Thread(policyWatcher, "sluice-demo-learner-policy");
                    t.setDaemon(true);
                    t.start();
                }
                say("Drift console: http://127.0.0.1:%d/", consoleServer.port());
                boolean shiftOn = false;
                LiveView view = new LiveView(traffic, counter, topics);

                long publishStart = System.nanoTime();
                long evalEvery = Durations.parse(evalInterval).toNanos();
                long nextEvaluation = publishStart + evalEvery;
                long publishDeadline = publishFor == null ? Long.MAX_VALUE : publishStart + publishFor.toNanos();
                CheckpointWatch checkpoints = new CheckpointWatch(port, job.getJobID());
                long nextCheckpointPoll = publishStart + CHECKPOINT_POLL.toNanos();
                while ((records == 0 || traffic.sent() < records) && System.nanoTime() < publishDeadline) {
                    // Pace to --rate in 10 ms steps: bursts small enough to look like a live feed.
                    long due = (long) ((System.nanoTime() - publishStart) / 1e9 * rate) + 1;
                    while (traffic.sent() < due && (records == 0 || traffic.sent() < records)) {
                        String id = traffic.sendNext();
                        if (counter.ledger() != null) {
                            counter.ledger().published(id);
                        }
                    }
                    if (shiftSpec != null) {
                        double progress = records > 0 ? (double) traffic.sent() / records
                                : publishFor != null ? (System.nanoTime() - publishStart) / (double) publishFor.toNanos()
                                : (System.nanoTime() - publishStart) / 1e9 / 180.0;
                        boolean want = progress >= shiftFrom && progress < shiftTo;
                        if (want != shiftOn) {
                            shiftOn = want;
                            traffic.shiftLanguage(shiftSpec[0], want ? Double.parseDouble(shiftSpec[1]) : 0);
                            say("%s%s language shift: %s of records in '%s'", System.console() != null ? "\n" : "",
                                    want ? "Starting" : "Ending", want ? shiftSpec[1] : "no more", shiftSpec[0]);
                        }
                    }
                    if (evaluator != null && System.nanoTime() >= nextEvaluation) {
                        evaluator.evaluateOnce(line -> { });
                        nextEvaluation = System.nanoTime() + evalEvery;
                    }
                    if (System.nanoTime() >= nextCheckpointPoll) {
                        reportCheckpointFailures(checkpoints);
                        nextCheckpointPoll = System.nanoTime() + CHECKPOINT_POLL.toNanos();
                    }
                    view.maybePrint();
                    Thread.sleep(10);
                }
                traffic.flush();
                long produced = traffic.sent() - traffic.failed();
                say("Published %d records (%d refused by the broker); draining ...", produced, traffic.failed());

                long drainDeadline = System.nanoTime() + Durations.parse(drainTimeout).toNanos();
                while (counter.total() < produced && System.nanoTime() < drainDeadline) {
                    view.maybePrint();
                    Thread.sleep(100);
                }
                Thread.sleep(Math.max(2 * checkpointIntervalMs, 1000)); // would reveal duplicates arriving late
                view.print();
                reportCheckpointFailures(checkpoints); // before the cancel, whose pending checkpoint fails by design
                job.cancel().get();
                counter.close();
                counterThread.join(5000);
                alerts.close();
                alertThread.join(5000);
                consoleServer.close();
                consoleWatchers.forEach(AvroTopicWatcher::close);
                if (evaluator != null) {
                    evaluator.close();
                }
                return summarize(produced, counter, alerts, outputs, startup,
                        (System.nanoTime() - t0) / 1e9, evaluator, checkpoints, logBytes(stack.broker().dataDir()));
            }
        }
    }

    /**
     * Topic configs for the demo's topics: records expire after {@code retention} (zero: never), and
     * segments roll at a quarter of it, since Kafka deletes only whole segments that are no longer
     * written and its default segment of 1 GB would hold ~5 minutes of the demo's traffic.
     */
    private Duration retention() {
        return retention.trim().equals("0") ? Duration.ZERO : Durations.parse(retention);
    }

    static Map<String, String> retentionConfigs(Duration retention) {
        if (retention.isZero()) {
            return Map.of();
        }
        return Map.of("retention.ms", Long.toString(retention.toMillis()),
                "segment.ms", Long.toString(Math.max(10_000, retention.toMillis() / 4)));
    }

    /**
     * Bytes of Kafka record logs ({@code *.log}) under {@code dir}, 0 if it cannot be read: the
     * records the broker keeps. Index files are left out: Kafka sizes them at 10 MB each up front
     * (sparse, so they take little real disk) and they would double the figure.
     */
    static long logBytes(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".log")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (java.io.IOException gone) {
                    return 0; // a segment deleted while walking
                }
            }).sum();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private int summarize(long produced, OutputCounter counter, DriftAlertWatcher alerts, List<String> outputs,
            double startupSeconds, double elapsedSeconds, SimulatedEvaluator evaluator,
            CheckpointWatch checkpoints, long brokerLogBytes) throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("produced", produced);
        summary.put("accepted", counter.count(outputs.get(0)));
        summary.put("quarantined", counter.count(outputs.get(1)));
        summary.put("resynthesis", counter.count(outputs.get(2)));
        summary.put("deadletter", counter.count(outputs.get(3)));
        long outputTotal = counter.total();
        boolean reconciled = outputTotal == produced;
        if (counter.ledger() != null) {
            DeliveryLedger.Reconciliation r = counter.ledger().reconcile();
            summary.put("missing", r.missing());
            summary.put("duplicated", r.duplicated());
            reconciled &= r.missing() == 0 && r.duplicated() == 0;
            if (r.missing() > 0) {
                say("MISSING outputs for %d records, e.g. %s", r.missing(), r.missingExamples());
            }
            if (r.duplicated() > 0) {
                say("DUPLICATE outputs for %d records, e.g. %s", r.duplicated(), r.duplicatedExamples());
            }
        }
        summary.put("reconciled", reconciled);
        // Window-level outputs, not outputs of input records: reported, never reconciled against inputs.
        summary.put("fill_gap_requests", counter.fillGapRequests());
        summary.put("drift_alerts_raised", alerts.raised());
        summary.put("drift_alerts_cleared", alerts.cleared());
        summary.put("checkpoints_completed", checkpoints.completed());
        summary.put("checkpoints_failed", checkpoints.failed());
        summary.put("broker_log_bytes", brokerLogBytes);
        summary.put("startup_seconds", Math.round(startupSeconds * 10) / 10.0);
        summary.put("elapsed_seconds", Math.round(elapsedSeconds * 10) / 10.0);
        say("");
        say("Summary: produced %d = accepted %d + quarantined %d + resynthesis %d + deadletter %d -> %s", produced,
                summary.get("accepted"), summary.get("quarantined"), summary.get("resynthesis"), summary.get("deadletter"),
                reconciled ? "every record in exactly one output" : "NOT RECONCILED");
        say("Drift: %d alerts raised, %d cleared; %d FILL_GAP requests (keyed fill-gap-*, not counted above)",
                alerts.raised(), alerts.cleared(), counter.fillGapRequests());
        say("Checkpoints: %d completed, %d failed%s", checkpoints.completed(), checkpoints.failed(),
                checkpoints.failed() == 0 ? "" : " (latest: " + (checkpoints.latestFailure() == null ? "no reason recorded"
                        : checkpoints.latestFailure()) + ")");
        if (evaluator != null) {
            summary.put("feedback_sent", evaluator.sent());
            summary.put("learner_policy_version", evaluator.versionInForce());
            summary.put("learner_evaluations_by_arm", evaluator.evaluationsByArm());
            say("Learner: %d evaluation results sent; policy in force at the end: %s; evaluations by arm: %s",
                    evaluator.sent(), evaluator.versionInForce(), evaluator.evaluationsByArm());
        }
        if (summaryJson != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryJson.toFile(), summary);
            say("Summary written to %s", summaryJson);
        }
        return reconciled ? 0 : 1;
    }

    /** How often the demo asks the job whether checkpoints fail. */
    private static final Duration CHECKPOINT_POLL = Duration.ofSeconds(5);

    /** Prints failed checkpoints since the last look: without completed ones, no output becomes visible. */
    private void reportCheckpointFailures(CheckpointWatch checkpoints) {
        String failures = checkpoints.poll();
        if (failures != null) {
            say("%sCHECKPOINT %s", System.console() != null ? "\n" : "", failures);
        }
    }

    /**
     * The shipped policy plus a target mix for the demo's slices: synthetic dialogue records are about
     * 15% of accepted ones, under a 25% target, so the operator sees FILL_GAP requests too.
     */
    private static Path demoPolicy() throws Exception {
        String base = PolicyLoader.defaultPolicyYaml();
        Path file = Files.createTempFile("sluice-demo-policy", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, base + "\n# Added by `sluice demo`.\ntarget_mix:\n  tolerance: 0.02\n"
                + "  max_requests_per_window: 2\n  cooldown_windows: 6\n  min_accepted: 200\n"
                + "  targets:\n    \"synthetic/*/dialogue\": 0.25\n");
        return file;
    }

    /**
     * What a model trained under each of the demo's arms scores, for the simulated evaluator: on web
     * pages the stricter FineWeb punctuation rule helps, on synthetic records dropping the length rule
     * hurts. The console's ledger should end with those two arms ahead.
     */
    static final Map<String, Double> DEMO_TRUE_ACCURACY = Map.of(
            "web-as-is", 0.62, "web-strict-punct", 0.66, "syn-as-is", 0.60, "syn-no-short", 0.57);

    /** The demo's per-slice interventions over its own policy (see {@link #DEMO_TRUE_ACCURACY}). */
    private static Path demoInterventions(Path policyFile) throws Exception {
        Path file = Files.createTempFile("sluice-demo-interventions", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                metric: %s
                base_policy: "%s"
                slices:
                  "scraped/*/*":
                    - { id: web-as-is, kind: threshold_change, description: the demo policy }
                    - id: web-strict-punct
                      kind: threshold_change
                      description: "FineWeb line_punct_ratio 0.12 -> 0.2 on web pages"
                      override: { quality: { fineweb: { line_punct_ratio: 0.2 } } }
                  "synthetic/*/*":
                    - { id: syn-as-is, kind: threshold_change, description: the demo policy }
                    - id: syn-no-short
                      kind: threshold_change
                      description: "no too_short rule for synthetic records"
                      override: { disable: [too_short] }
                """.formatted(SimulatedEvaluator.METRIC, policyFile.toAbsolutePath()));
        return file;
    }

    private static void waitUntilRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get();
            if (status == JobStatus.RUNNING) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new IllegalStateException("the Sluice job ended before it started: " + status);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the Sluice job did not reach RUNNING within 120 s");
    }

    static void say(String format, Object... args) {
        System.out.println(args.length == 0 ? format : String.format(format, args));
        System.out.flush();
    }

    /** Prints counts per route, in place on a terminal and once every few seconds otherwise. */
    private static final class LiveView {
        private final TrafficGenerator traffic;
        private final OutputCounter counter;
        private final SluiceTopics topics;
        private final boolean terminal = System.console() != null;
        private long lastPrint;

        LiveView(TrafficGenerator traffic, OutputCounter counter, SluiceTopics topics) {
            this.traffic = traffic;
            this.counter = counter;
            this.topics = topics;
        }

        void maybePrint() {
            long now = System.nanoTime();
            if (now - lastPrint >= (terminal ? 500_000_000L : 3_000_000_000L)) {
                print();
            }
        }

        void print() {
            lastPrint = System.nanoTime();
            long out = counter.total();
            String line = String.format("produced %7d | accepted %7d | quarantined %6d | resynthesis %6d | deadletter %5d | in flight %6d",
                    traffic.sent(), counter.count(topics.accepted()), counter.count(topics.quarantined()),
                    counter.count(topics.resynthesis()), counter.count(topics.deadletter()), traffic.sent() - out);
            if (terminal) {
                System.out.print("\r" + line);
                System.out.flush();
            } else {
                say(line);
            }
        }
    }
}
