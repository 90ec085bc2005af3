package io.sluice.cli;

import io.sluice.cli.demo.DriftAlertFormat;
import io.sluice.cli.demo.DriftAlertWatcher;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.avro.CuratedRecord;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.cli.tail.OutputLine;
import io.sluice.connectors.kafka.Assignments;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.topics.SluiceTopics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** {@code sluice tail}: follow Sluice's topics in readable form. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow a Sluice topic in readable form.",
        subcommands = {TailCommand.Drift.class, TailCommand.Records.class, TailCommand.Learner.class})
public final class TailCommand {

    /** {@code sluice tail drift}: one line per drift alert. */
    @Command(name = "drift", mixinStandardHelpOptions = true,
            description = "Print drift alerts as they arrive: window, state, severity, dimension, metric and what moved.")
    static final class Drift implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Mixin
        FollowOptions follow;

        @Option(names = "--max-alerts", defaultValue = "0", description = "Stop after this many alerts (0: never).")
        long maxAlerts;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            long deadline = follow.deadlineNanos();
            AtomicLong seen = new AtomicLong();
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry());
                    DriftAlertWatcher watcher = new DriftAlertWatcher(cfg.kafka().baseProperties(), registry,
                            cfg.topics().drift(), follow.fromBeginning, a -> {
                                System.out.println(DriftAlertFormat.line(a));
                                System.out.flush();
                                seen.incrementAndGet();
                            })) {
                Thread t = new Thread(watcher, "sluice-tail-drift");
                t.setDaemon(true);
                t.start();
                while (t.isAlive() && System.nanoTime() < deadline && (maxAlerts == 0 || seen.get() < maxAlerts)) {
                    Thread.sleep(100);
                }
            }
            return 0;
        }
    }

    /**
     * {@code sluice tail records}: one line per decided record (route, id, slice, reasons with their
     * details, policy version; dead letters with their origin, stage and error), for operators
     * reviewing the quarantine. Reads {@code read_committed}, as a downstream consumer would.
     */
    @Command(name = "records", mixinStandardHelpOptions = true,
            description = "Print decided records as they arrive, one line each: route, id, slice, reasons and "
                    + "policy version; dead letters with their origin, stage and error. Never the text.")
    static final class Records implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--route", split = ",", defaultValue = "quarantined,deadletter",
                description = "Outputs to follow, of accepted, quarantined, resynthesis, deadletter (default: ${DEFAULT-VALUE}).")
        List<String> routes;

        @Option(names = "--reason", description = "Only records with this reason code (for dead letters: this stage).")
        String reason;

        @Mixin
        FollowOptions follow;

        @Option(names = "--max-records", defaultValue = "0", description = "Stop after printing this many (0: never).")
        long maxRecords;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            SluiceTopics topics = cfg.topics();
            Map<String, String> routeByTopic = new LinkedHashMap<>();
            for (String route : routes) {
                String topic = switch (route.trim()) {
                    case "accepted" -> topics.accepted();
                    case "quarantined" -> topics.quarantined();
                    case "resynthesis" -> topics.resynthesis();
                    case "deadletter" -> topics.deadletter();
                    default -> throw new ParameterException(spec.commandLine(), "--route: unknown output '" + route
                            + "' (accepted, quarantined, resynthesis, deadletter)");
                };
                routeByTopic.put(topic, route.trim());
            }
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
                var curated = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
                var requests = new ConfluentAvroDecoder<>(registry, ResynthesisRequest.class);
                printLines(cfg, routeByTopic.keySet(), follow, maxRecords, spec,
                        r -> line(routeByTopic.get(r.topic()), r, curated, requests));
            }
            return 0;
        }

        /** The line for {@code r}, or null when {@code --reason} leaves it out. */
        private String line(String route, ConsumerRecord<byte[], byte[]> r, ConfluentAvroDecoder<CuratedRecord> curated,
                ConfluentAvroDecoder<ResynthesisRequest> requests) {
            switch (route) {
                case "deadletter" -> {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    if (reason != null && !reason.equals(headers.get(DeadLetters.STAGE))) {
                        return null;
                    }
                    String key = r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8);
                    return OutputLine.deadLetter(key, headers);
                }
                case "resynthesis" -> {
                    ResynthesisRequest request = requests.decode(r.value());
                    if (reason != null && (request.getRecord() == null
                            || !OutputLine.hasReason(request.getRecord().getDecision().getReasons(), reason))) {
                        return null;
                    }
                    return OutputLine.resynthesis(request);
                }
                default -> {
                    CuratedRecord record = curated.decode(r.value());
                    if (reason != null && !OutputLine.hasReason(record.getDecision().getReasons(), reason)) {
                        return null;
                    }
                    return OutputLine.curated(record);
                }
            }
        }
    }

    /**
     * {@code sluice tail learner}: the feedback loop's audit trail, one line per ledger entry (the
     * intervention or arm a result was credited to, its slice, the effect measured so far) and per
     * policy update (version, author, the interventions it puts in force, the evidence behind it),
     * operators' pushes included.
     */
    @Command(name = "learner", mixinStandardHelpOptions = true,
            description = "Print the intervention ledger and the policy updates as they arrive: what each evaluation"
                    + " result was credited to, the effect measured so far, and what the learner put in force and why.")
    static final class Learner implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Mixin
        FollowOptions follow;

        @Option(names = "--max-lines", defaultValue = "0", description = "Stop after printing this many (0: never).")
        long maxLines;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            String ledgerTopic = cfg.topics().interventions();
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
                var ledger = new ConfluentAvroDecoder<>(registry, InterventionRecord.class);
                var updates = new ConfluentAvroDecoder<>(registry, PolicyUpdate.class);
                printLines(cfg, List.of(ledgerTopic, cfg.topics().policy()), follow, maxLines, spec,
                        r -> r.topic().equals(ledgerTopic) ? OutputLine.ledger(ledger.decode(r.value()))
                                : OutputLine.policyUpdate(updates.decode(r.value())));
            }
            return 0;
        }
    }

    /**
     * Reads {@code topics} ({@code read_committed}, as a downstream consumer would) until the follow
     * deadline or {@code max} lines (0: no limit), printing {@code line} of each record it does not
     * leave out (null); a record that does not decode is reported on stderr and skipped.
     */
    static void printLines(SluiceJobConfig cfg, Collection<String> topics, FollowOptions follow, long max,
            CommandSpec spec, Function<ConsumerRecord<byte[], byte[]>, String> line) {
        PrintWriter out = spec.commandLine().getOut();
        long deadline = follow.deadlineNanos();
        Properties props = cfg.kafka().baseProperties();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Assignments.assignAll(consumer, topics, follow.fromBeginning);
            while (System.nanoTime() < deadline && (max == 0 || printed < max)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String text;
                    try {
                        text = line.apply(r);
                    } catch (RuntimeException e) {
                        spec.commandLine().getErr().println(r.topic() + "/" + r.partition() + "@" + r.offset()
                                + " does not decode: " + e.getMessage());
                        continue;
                    }
                    if (text != null && (max == 0 || printed < max)) {
                        out.println(text);
                        out.flush();
                        printed++;
                    }
                }
            }
        }
    }
}
