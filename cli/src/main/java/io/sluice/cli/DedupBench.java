package io.sluice.cli;

import io.sluice.avro.ScrapedRecord;
import io.sluice.cli.demo.EuroparlText;
import io.sluice.cli.demo.OutputCounter;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.dedup.TextSignature;
import io.sluice.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench dedup}: what deduplication costs. Prints the signature time per document, and
 * the state each remembered document adds, measured on the real job (embedded broker and registry,
 * Flink MiniCluster in this JVM, heap or RocksDB state backend): after {@code --records} distinct documents and
 * again after twice as many, the size of the latest completed checkpoint on disk and the heap in use
 * after a full GC. The difference over the second batch, per document, is the figure: it leaves
 * out what the job holds anyway (Kafka buffers, operators, the first checkpoints' overhead).
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = "Deduplication's cost: signature time per document and state per remembered document.")
public final class DedupBench implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "20000", description = "Distinct documents per batch (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--state-backend", defaultValue = "hashmap",
            description = "hashmap (heap) or rocksdb (local disk, incremental checkpoints); default: ${DEFAULT-VALUE}.")
    String stateBackend;

    @Override
    public Integer call() throws Exception {
        EuroparlText text = EuroparlText.load(4000);
        List<String> sentences = sentences(text);
        SplittableRandom random = new SplittableRandom(2026);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 2 * records; i++) {
            docs.add(document(sentences, random));
        }
        signatureCost(docs);

        SluiceTopics topics = SluiceTopics.defaults();
        Path checkpoints = Files.createTempDirectory("sluice-dedup-bench");
        try (LocalStack stack = LocalStack.start()) {
            StackCommand.prepare(stack, topics, Math.max(2, parallelism));
            Map<String, String> settings = new HashMap<>();
            settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
            settings.put("registry.url", stack.registryUrl());
            settings.put("job.name", "bench-dedup");
            settings.put("job.checkpoint.interval.ms", "1000");
            settings.put("job.checkpoint.dir", checkpoints.toUri().toString());
            settings.put("job.parallelism", Integer.toString(parallelism));
            settings.put("drift.enabled", "false");
            settings.put("dedup.enabled", "true");
            settings.put("job.state.backend", stateBackend);
            SluiceJobConfig config = SluiceJobConfig.fromMap(settings);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
            SluiceJob.wire(env, config);
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
                    OutputCounter counter = new OutputCounter(stack.bootstrapServers(), topics.terminalOutputs(), null)) {
                Thread counterThread = new Thread(counter, "bench-dedup-counter");
                counterThread.setDaemon(true);
                counterThread.start();
                JobClient job = env.executeAsync(config.jobName());
                while (job.getJobStatus().get() != JobStatus.RUNNING) {
                    Thread.sleep(20);
                }
                try {
                    publish(stack, registry, topics, docs.subList(0, records), 0);
                    long[] first = measureAfter(counter, records, checkpoints);
                    publish(stack, registry, topics, docs.subList(records, 2 * records), records);
                    long[] second = measureAfter(counter, 2L * records, checkpoints);
                    System.out.printf("after %,d documents: checkpoint %,d bytes, heap %,d bytes%n", records, first[0], first[1]);
                    System.out.printf("after %,d documents: checkpoint %,d bytes, heap %,d bytes%n", 2 * records, second[0],
                            second[1]);
                    System.out.printf("per remembered document (second batch): checkpoint %,.0f bytes, heap %,.0f bytes "
                                    + "(%s state backend; exact key + %d band keys each)%n",
                            (second[0] - first[0]) / (double) records, (second[1] - first[1]) / (double) records,
                            stateBackend, TextSignature.BANDS);
                } finally {
                    job.cancel().get();
                }
            }
        }
        return 0;
    }

    /** Time of {@link TextSignature#of} per document, median of 5 passes over {@code docs}. */
    private static void signatureCost(List<String> docs) {
        TextSignature signatures = new TextSignature();
        List<Double> micros = new ArrayList<>();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (String doc : docs) {
                sink += signatures.of(doc).exactKey();
            }
            micros.add((System.nanoTime() - start) / 1e3 / docs.size());
        }
        long chars = docs.stream().mapToLong(String::length).sum();
        micros.sort(Double::compare);
        System.out.printf("signature: %.2f µs per document of %,d chars on average (median of 5 passes over %,d; passes %s)%s%n",
                micros.get(2), chars / docs.size(), docs.size(), micros.stream().map(m -> String.format("%.2f", m)).toList(),
                sink == 42 ? " " : "");
    }

    /** Waits until {@code outputs} records are committed and two more checkpoints are done; then checkpoint and heap bytes. */
    private static long[] measureAfter(OutputCounter counter, long outputs, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (counter.total() < outputs && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (counter.total() < outputs) {
            throw new IllegalStateException("only " + counter.total() + " of " + outputs + " outputs after 10 minutes");
        }
        Thread.sleep(3000);
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new long[] {latestCheckpointBytes(checkpoints), heap};
    }

    /**
     * Bytes of the newest complete checkpoint: its chk-N directory (the one with _metadata) plus the
     * job's shared directory, where incremental RocksDB checkpoints keep the files they share.
     */
    private static long latestCheckpointBytes(Path root) throws Exception {
        Path latest;
        try (Stream<Path> files = Files.walk(root)) {
            latest = files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(java.util.Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString().replace("chk-", ""))))
                    .orElseThrow(() -> new IllegalStateException("no completed checkpoint under " + root));
        }
        long bytes;
        try (Stream<Path> files = Files.walk(latest)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        Path shared = latest.getParent().resolve("shared");
        if (Files.isDirectory(shared)) {
            try (Stream<Path> files = Files.walk(shared)) {
                bytes += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }
        return bytes;
    }

    private static void publish(LocalStack stack, SchemaRegistryClient registry, SluiceTopics topics, List<String> docs,
            int firstId) {
        var serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.scrapedIngest()),
                ScrapedRecord.class);
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("acks", "all");
        props.put("linger.ms", "10");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < docs.size(); i++) {
                String id = "d" + (firstId + i);
                producer.send(new ProducerRecord<>(topics.scrapedIngest(), id.getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(ScrapedRecord.newBuilder().setId(id).setText(docs.get(i))
                                .setEventTime(Instant.now()).setUrl("https://www.europarl.europa.eu/doc/" + i + ".html")
                                .setLicense("europarl").build())));
            }
            producer.flush();
        }
    }

    /** Every sentence of the loaded Europarl documents. */
    private static List<String> sentences(EuroparlText text) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            for (String s : text.document(i).split("(?<=[.!?])\\s+")) {
                if (s.length() > 40) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }

    /** ~1.4 KB of random sentences: documents that share no 5-word shingle runs beyond chance. */
    private static String document(List<String> sentences, SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1400) {
            sb.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
        }
        return sb.toString().trim();
    }
}
