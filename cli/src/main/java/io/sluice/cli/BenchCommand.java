package io.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.cli.bench.DriftBench;
import io.sluice.cli.bench.HostCpu;
import io.sluice.cli.demo.EuroparlText;
import io.sluice.connectors.kafka.Assignments;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench}: what curation costs compared with just moving the records. On the embedded
 * broker and registry it preloads N records of real text (both input kinds), then, in one process
 * and on the same data, drains them with (a) a passthrough job (decode → encode → the same
 * exactly-once sink) and (b) the full Sluice job, alternating for {@code --repeat} rounds and
 * reporting medians; then measures end-to-end latency of the full job in at-least-once mode at a
 * fixed fraction of its measured maximum rate. Prints figures; asserts nothing.
 *
 * <p>Throughput is taken from the broker's append times of the first and last output record (topics
 * use LogAppendTime), so job start-up and shutdown are not counted. Latency is the output's append
 * time minus the input's append time (carried in the output's provenance).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure passthrough vs full-job throughput and end-to-end latency on the embedded stack; "
                + "subcommands benchmark drift detection.",
        subcommands = {DriftBench.class, DriftCostBench.class, DedupBench.class})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "200000", description = "Records to preload (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--doc-bytes", defaultValue = "1400", description = "Approximate text size per record (default: ${DEFAULT-VALUE}).")
    int docBytes;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--repeat", defaultValue = "3", description = "Rounds of passthrough + full; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--checkpoint-interval-ms", defaultValue = "1000", description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    long checkpointIntervalMs;

    @Option(names = "--latency-seconds", defaultValue = "30", description = "Length of the latency run, of which the "
            + "first --latency-warmup-seconds are not counted; 0 skips it (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    // 10 s: after the at-least-once job starts, C2 compiles the Kafka client's and broker's
    // non-transactional paths (which the exactly-once rounds never ran) for 10-15 s; on two cores that
    // competes with the job, and with 5 s the first counted seconds showed 100-330 ms of it.
    @Option(names = "--latency-warmup-seconds", defaultValue = "10", description = "Start of the latency run left "
            + "out of the percentiles: the new job's first load and the JIT compiling its paths "
            + "(default: ${DEFAULT-VALUE}).")
    int latencyWarmupSeconds;

    @Option(names = "--latency-rate-fraction", defaultValue = "0.5",
            description = "Latency run rate as a fraction of the full job's measured maximum (default: ${DEFAULT-VALUE}).")
    double latencyRateFraction;

    @Option(names = "--latency-by-second", description = "Also print each second of the latency run: outputs and "
            + "the largest latency (by ingest time).")
    boolean latencyBySecond;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A job setting for both jobs, e.g. "
            + "--set policy.live=false (repeatable; the bench's own topics, addresses and delivery settings win).")
    Map<String, String> jobSettings = new TreeMap<>();

    @Option(names = "--json", description = "Write the results as JSON to this file.")
    Path json;


    private LocalStack stack;
    private SchemaRegistryClient registry;
    private SluiceTopics inputTopics;
    private final Map<String, String> bytesByKind = new HashMap<>();
    private final Map<Long, Long> maxLatencyBySecond = new TreeMap<>();
    private final Map<Long, Long> outputsBySecond = new TreeMap<>();

    @Override
    public Integer call() throws Exception {
        if (latencySeconds > 0 && (latencyWarmupSeconds < 0 || latencyWarmupSeconds >= latencySeconds)) {
            System.err.println("bench: --latency-warmup-seconds must be at least 0 and less than --latency-seconds ("
                    + latencySeconds + "), got " + latencyWarmupSeconds);
            return 2;
        }
        try (LocalStack started = LocalStack.start();
                SchemaRegistryClient client = new RestSchemaRegistryClient(RegistryConfig.of(started.registryUrl()))) {
            this.stack = started;
            this.registry = client;
            inputTopics = topics("bench-in");
            prepare(inputTopics);
            EuroparlText text = EuroparlText.load(4000);
            long inputBytes = preload(text);
            say("Preloaded %,d records (%.1f MB of Avro) on %s; parallelism %d, checkpoint every %d ms, exactly-once",
                    records, inputBytes / 1e6, stack.bootstrapServers(), parallelism, checkpointIntervalMs);

            List<Run> passthrough = new ArrayList<>();
            List<Run> full = new ArrayList<>();
            for (int round = 1; round <= repeat; round++) {
                passthrough.add(drain("pt-" + round, SluiceJob.Topology.PASSTHROUGH, inputBytes));
                full.add(drain("full-" + round, SluiceJob.Topology.CURATION, inputBytes));
            }
            Run pt = median(passthrough);
            Run fu = median(full);
            double ratio = fu.recordsPerSecond / pt.recordsPerSecond;
            say("");
            say("passthrough: %,.0f records/s, %.1f MB/s, %.1f s CPU (median of %d; runs %s)", pt.recordsPerSecond,
                    pt.megabytesPerSecond, pt.cpuSeconds, repeat, rates(passthrough));
            say("full job:    %,.0f records/s, %.1f MB/s, %.1f s CPU (median of %d; runs %s)", fu.recordsPerSecond,
                    fu.megabytesPerSecond, fu.cpuSeconds, repeat, rates(full));
            say("ratio full/passthrough: %.2f; bytes per output record: passthrough %,.0f, full %,.0f", ratio,
                    pt.outputBytesPerRecord, fu.outputBytesPerRecord);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("passthrough_records_per_s", Math.round(pt.recordsPerSecond));
            result.put("full_records_per_s", Math.round(fu.recordsPerSecond));
            result.put("ratio", Math.round(ratio * 1000) / 1000.0);
            result.put("passthrough_mb_per_s", round1(pt.megabytesPerSecond));
            result.put("full_mb_per_s", round1(fu.megabytesPerSecond));
            result.put("passthrough_cpu_s", round1(pt.cpuSeconds));
            result.put("full_cpu_s", round1(fu.cpuSeconds));
            // The curated record carries every signal (~130 named doubles) next to the text: the full
            // job writes nearly twice the bytes per record that the passthrough does.
            result.put("passthrough_output_bytes_per_record", Math.round(pt.outputBytesPerRecord));
            result.put("full_output_bytes_per_record", Math.round(fu.outputBytesPerRecord));
            if (latencySeconds > 0) {
                double rate = fu.recordsPerSecond * latencyRateFraction;
                long[] latencies = latencyRun(text, rate);
                double p50 = percentile(latencies, 0.50);
                double p99 = percentile(latencies, 0.99);
                say("latency (at-least-once, %,.0f records/s = %.0f%% of max, %d samples): p50 %.0f ms, p99 %.0f ms",
                        rate, latencyRateFraction * 100, latencies.length, p50, p99);
                result.put("latency_p50_ms", p50);
                result.put("latency_p99_ms", p99);
                result.put("latency_rate_records_per_s", Math.round(rate));
                result.put("latency_samples", latencies.length);
                // The rate is fixed from the throughput runs: if other tenants take the cores meanwhile,
                // the job falls below it and a queue builds, which shows here rather than in the job.
                latencyHostUsage.ifPresent(u -> {
                    say("host CPUs during the latency run: %.0f%% busy, this process %.0f%%, other processes %.0f%%",
                            u.hostBusyFraction() * 100, u.processFraction() * 100, u.othersFraction() * 100);
                    result.put("latency_host_cpu_busy_fraction", round3(u.hostBusyFraction()));
                    result.put("latency_process_cpu_fraction", round3(u.processFraction()));
                    result.put("latency_other_processes_cpu_fraction", round3(u.othersFraction()));
                });
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("records", records);
            settings.put("doc_bytes", docBytes);
            settings.put("parallelism", parallelism);
            settings.put("repeat", repeat);
            settings.put("checkpoint_interval_ms", checkpointIntervalMs);
            settings.put("delivery_guarantee", "exactly-once (throughput), at-least-once (latency)");
            settings.put("latency_rate_fraction", latencyRateFraction);
            settings.put("latency_seconds", latencySeconds);
            settings.put("latency_warmup_ms", latencyWarmupSeconds * 1000L);
            settings.put("cores", Runtime.getRuntime().availableProcessors());
            settings.put("job_settings", jobSettings);
            result.put("settings", settings);
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
                say("Results written to %s", json);
            }
        }
        return 0;
    }

    /** One drain of the preloaded input by a fresh job writing to fresh output topics. */
    private Run drain(String name, SluiceJob.Topology topology, long inputBytes) throws Exception {
        SluiceTopics out = topics("bench-" + name);
        // The passthrough writes NormalizedRecord and registers it itself; curated topics get their schemas.
        prepare(out, topology == SluiceJob.Topology.CURATION);
        SluiceJobConfig config = jobConfig(name, out, true, "exactly-once");
        long cpuBefore = processCpuNanos();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config, topology);
        env.execute("bench-" + name);
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        long[] span = appendTimeSpan(out);
        double seconds = Math.max(1, span[1] - span[0]) / 1000.0;
        if (span[2] != records) {
            throw new IllegalStateException("bench run " + name + " produced " + span[2] + " outputs for " + records
                    + " inputs: nothing may be lost or duplicated");
        }
        Run run = new Run(records / seconds, inputBytes / 1e6 / seconds, cpu, (double) span[3] / records);
        say("  %-7s %,10.0f records/s  %6.1f MB/s  %5.1f s CPU  %,6.0f bytes per output", name, run.recordsPerSecond,
                run.megabytesPerSecond, cpu, run.outputBytesPerRecord);
        return run;
    }

    /** When the latency run's paced traffic started (epoch ms). */
    private long pacedStartMillis;
    /** The host's CPUs during the paced traffic: who else was using them (empty off Linux). */
    private Optional<HostCpu.Usage> latencyHostUsage = Optional.empty();

    /** Latencies (ms) of the full job, at-least-once, fed at {@code rate} records/s. */
    private long[] latencyRun(EuroparlText text, double rate) throws Exception {
        SluiceTopics out = topics("bench-latency");
        prepare(out);
        // Its own input topics: the latency job must see only the paced traffic.
        SluiceTopics in = topics("bench-latency-in");
        prepare(in);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("topics.ingest.synthetic", in.syntheticIngest());
        overrides.put("topics.ingest.scraped", in.scrapedIngest());
        SluiceJobConfig config = jobConfig("latency", out, false, "at-least-once", overrides);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        // Collect the garbage the throughput runs left behind (decoded outputs, their consumers) now,
        // not as a long pause in the middle of the latency run: the job alone would never carry it.
        System.gc();
        JobClient job = env.executeAsync("bench-latency");
        try (KafkaProducer<byte[], byte[]> producer = producer(5)) {
            var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(in.syntheticIngest()), SyntheticRecord.class);
            var scraped = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(in.scrapedIngest()), ScrapedRecord.class);
            // Paced traffic starts once a first record has come out: a job with more operators takes
            // longer to deploy, and records published meanwhile would queue and count as latency.
            long sent = 0;
            send(producer, in, synthetic, scraped, text, sent++);
            producer.flush();
            awaitFirstOutput(List.of(out.accepted(), out.quarantined(), out.resynthesis()), Duration.ofSeconds(120));
            pacedStartMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(latencySeconds).toNanos();
            Optional<HostCpu.Sample> hostBefore = HostCpu.read();
            long cpuBefore = processCpuNanos();
            while (System.nanoTime() < end) {
                long due = 1 + (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    send(producer, in, synthetic, scraped, text, sent++);
                }
                Thread.sleep(1);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            latencyHostUsage = hostBefore.flatMap(b -> HostCpu.read().map(a -> HostCpu.between(b, a, cpu, wall)));
            producer.flush();
            Thread.sleep(3000);
        } finally {
            job.cancel().get();
        }
        var curated = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
        var resynthesis = new ConfluentAvroDecoder<>(registry, ResynthesisRequest.class);
        List<Long> latencies = new ArrayList<>();
        // The first seconds of paced traffic measure the new job's first load (operators' first
        // records, the sink's first transactions, state being created), not its steady state.
        long[] warmupEnd = {pacedStartMillis + latencyWarmupSeconds * 1000L};
        readAll(List.of(out.accepted(), out.quarantined(), out.resynthesis()), "read_uncommitted", r -> {
            Instant ingest = r.topic().equals(out.resynthesis())
                    ? resynthesis.decode(r.value()).getRecord().getProvenance().getIngestTime()
                    : curated.decode(r.value()).getProvenance().getIngestTime();
            if (ingest.toEpochMilli() >= warmupEnd[0]) {
                long latency = r.timestamp() - ingest.toEpochMilli();
                latencies.add(latency);
                if (latencyBySecond) {
                    long second = (ingest.toEpochMilli() - warmupEnd[0]) / 1000;
                    maxLatencyBySecond.merge(second, latency, Math::max);
                    outputsBySecond.merge(second, 1L, Long::sum);
                }
            }
        });
        // Where the tail comes from: a few bad seconds (GC, a checkpoint, a noisy neighbour) or all of them.
        maxLatencyBySecond.forEach((second, max) -> say("  second %3d: %,6d outputs, max latency %,d ms", second,
                outputsBySecond.get(second), max));
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("the latency run produced no outputs");
        }
        return sorted;
    }

    private long preload(EuroparlText text) throws Exception {
        var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(inputTopics.syntheticIngest()), SyntheticRecord.class);
        var scraped = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(inputTopics.scrapedIngest()), ScrapedRecord.class);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(20)) {
            for (long i = 0; i < records; i++) {
                bytes += send(producer, inputTopics, synthetic, scraped, text, i);
            }
            producer.flush();
        }
        return bytes;
    }

    /** Sends record {@code i} (even: synthetic, odd: scraped) of about --doc-bytes of real text; returns its size. */
    private int send(KafkaProducer<byte[], byte[]> producer, SluiceTopics topics,
            ConfluentAvroSerializer<SyntheticRecord> synthetic, ConfluentAvroSerializer<ScrapedRecord> scraped,
            EuroparlText text, long i) {
        String body = bytesByKind.computeIfAbsent(Long.toString(i % text.size()), k -> sized(text, Long.parseLong(k)));
        String id = "b" + i;
        Instant now = Instant.now();
        byte[] value;
        String topic;
        if (i % 2 == 0) {
            topic = topics.syntheticIngest();
            value = synthetic.serialize(SyntheticRecord.newBuilder().setId(id).setText(body).setEventTime(now)
                    .setGeneratorModel("bench-gen").setParentIds(List.of()).setLineageDepth(0).setTaskType("qa").build());
        } else {
            topic = topics.scrapedIngest();
            value = scraped.serialize(ScrapedRecord.newBuilder().setId(id).setText(body).setEventTime(now)
                    .setUrl("https://www.europarl.europa.eu/doc/" + (i % 1000) + ".html").setLicense("europarl").build());
        }
        producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value));
        return value.length;
    }

    /** Document {@code i} cut or repeated to about --doc-bytes, ending at a word boundary. */
    private String sized(EuroparlText text, long i) {
        StringBuilder sb = new StringBuilder(text.document(i));
        long next = i + 1;
        while (sb.length() < docBytes) {
            sb.append("\n\n").append(text.document(next++));
        }
        // Whole sentences, as a generator or a good extractor would produce.
        String cut = EuroparlText.completeSentences(sb.substring(0, Math.min(sb.length(), docBytes)));
        return cut.length() > docBytes / 2 ? cut : sb.substring(0, Math.min(sb.length(), docBytes));
    }

    private SluiceJobConfig jobConfig(String name, SluiceTopics out, boolean bounded, String guarantee) {
        return jobConfig(name, out, bounded, guarantee, Map.of());
    }

    private SluiceJobConfig jobConfig(String name, SluiceTopics out, boolean bounded, String guarantee,
            Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : out.all()) {
            settings.put("topics." + spec.role(), spec.name());
        }
        settings.put("topics.ingest.synthetic", inputTopics.syntheticIngest());
        settings.put("topics.ingest.scraped", inputTopics.scrapedIngest());
        settings.putAll(jobSettings);
        settings.putAll(overrides);
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("registry.url", stack.registryUrl());
        settings.put("job.name", "bench-" + name);
        settings.put("job.group.id", "bench-" + name);
        settings.put("job.transactional.id.prefix", "bench-" + name);
        settings.put("job.checkpoint.interval.ms", Long.toString(checkpointIntervalMs));
        settings.put("job.parallelism", Integer.toString(parallelism));
        settings.put("job.delivery.guarantee", guarantee);
        settings.put("job.bounded", Boolean.toString(bounded));
        return SluiceJobConfig.fromMap(settings);
    }

    /** Topic names under {@code prefix}; every run gets its own outputs. */
    private static SluiceTopics topics(String prefix) {
        Map<String, String> names = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : SluiceTopics.defaults().all()) {
            names.put("topics." + spec.role(), prefix + "." + spec.name());
        }
        return SluiceTopics.fromMap(names);
    }

    private void prepare(SluiceTopics topics) {
        prepare(topics, true);
    }

    private void prepare(SluiceTopics topics, boolean registerSchemas) {
        // LogAppendTime: record timestamps are the broker's append times, the clock both ends of a latency share.
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, Math.max(2, parallelism), (short) 1,
                Map.of("message.timestamp.type", "LogAppendTime"));
        if (registerSchemas) {
            TopicAdmin.registerSchemas(registry, topics);
        }
    }

    /** [first append time, last append time, count, value bytes] over the terminal outputs, read_committed. */
    private long[] appendTimeSpan(SluiceTopics out) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0};
        readAll(out.terminalOutputs(), "read_committed", r -> {
            span[0] = Math.min(span[0], r.timestamp());
            span[1] = Math.max(span[1], r.timestamp());
            span[2]++;
            span[3] += r.serializedValueSize();
        });
        return span;
    }

    /** Waits until any of {@code topics} holds a record (uncommitted ones count). */
    private void awaitFirstOutput(List<String> topics, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(topics, "read_uncommitted")) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    return;
                }
            }
            throw new IllegalStateException("the latency job produced no output within " + timeout);
        }
    }

    /** A consumer of every partition of {@code topics}, at their beginning. */
    private KafkaConsumer<byte[], byte[]> fromBeginning(List<String> topics, String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("isolation.level", isolation);
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "10000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Assignments.assignAll(consumer, topics, true);
        return consumer;
    }

    /**
     * Hands every record of {@code topics} to {@code visitor}, one poll at a time: holding a whole run's
     * outputs (hundreds of MB) would leave the next run to pay for their collection.
     */
    private void readAll(List<String> topics, String isolation, Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(topics, isolation)) {
            List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(visitor);
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer(int lingerMs) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "1");
        props.put("linger.ms", Integer.toString(lingerMs));
        props.put("batch.size", "262144");
        props.put("compression.type", "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.recordsPerSecond, b.recordsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static String rates(List<Run> runs) {
        return Arrays.toString(runs.stream().mapToLong(r -> Math.round(r.recordsPerSecond)).toArray());
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }

    /** One drain: throughput, CPU of the whole process, and the mean size of an output record's value. */
    private record Run(double recordsPerSecond, double megabytesPerSecond, double cpuSeconds, double outputBytesPerRecord) {}
}
