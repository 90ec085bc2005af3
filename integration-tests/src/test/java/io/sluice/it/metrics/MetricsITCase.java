package io.sluice.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.it.ItJobs;
import io.sluice.it.SharedLocalStack;
import io.sluice.it.TestRecords;
import io.sluice.it.TopicReader;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.stack.LocalStack;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's decision metrics, as Prometheus scrapes them: a job on a local cluster started with
 * {@code metrics.prometheus.port} (the setting {@code sluice run} and the demo use) serves per-route
 * and per-reason counters and signal histograms that agree with what the job actually wrote, and
 * every series the Grafana dashboard in {@code docker/} charts is among them.
 */
class MetricsITCase {
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    /** One sample line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    /** A job on a local cluster with its metrics endpoint on, and the records it has decided. */
    private record RunningJob(JobClient client, int port, SluiceTopics topics, List<String> ids,
                              List<ConsumerRecord<byte[], byte[]>> outputs) {
    }

    /** Starts the job with {@code metrics.prometheus.port}, publishes 50 records and waits for their outputs. */
    private static RunningJob startJobAndDecide(String name, SchemaRegistryClient registry) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> settings = ItJobs.jobSettings(name, stack.bootstrapServers(), stack.registryUrl());
        settings.put("metrics.prometheus.port", Integer.toString(port));
        settings.put("dedup.enabled", "false");
        SluiceJobConfig config = SluiceJobConfig.fromMap(settings);
        SluiceTopics topics = config.topics();
        TopicAdmin.createMissing(KafkaSettings.of(stack.bootstrapServers()), topics, 2, (short) 1);

        // A local cluster of the job's own configuration: the reporter is set where the cluster starts.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        JobClient job = env.executeAsync(config.jobName());
        try {
            TopicAdmin.registerSchemas(registry, topics);
            List<String> ids = new ArrayList<>();
            ItJobs.publishParagraphs(stack.bootstrapServers(), topics, registry, "good", 40, ids);
            publishSynthetic(stack.bootstrapServers(), topics, registry, ids, "blank-", 6, "   ");
            publishSynthetic(stack.bootstrapServers(), topics, registry, ids, "short-", 4, "Too short to keep.");
            List<ConsumerRecord<byte[], byte[]>> out = TopicReader.readUntil(stack.bootstrapServers(),
                    topics.terminalOutputs(), records -> records.size() >= ids.size(), Duration.ofSeconds(120));
            return new RunningJob(job, port, topics, ids, out);
        } catch (Exception | AssertionError e) {
            job.cancel().get();
            throw e;
        }
    }

    @Test
    void countersAndHistogramsAgreeWithTheOutputsAndCoverTheDashboard() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            RunningJob running = startJobAndDecide("it-metrics", registry);
            JobClient job = running.client();
            int port = running.port();
            SluiceTopics topics = running.topics();
            List<String> ids = running.ids();
            List<ConsumerRecord<byte[], byte[]>> out = running.outputs();
            try {
            assertThat(out).hasSize(ids.size());

            // What the job wrote: routes, reasons, and each record's word count.
            var curatedDecoder = new ConfluentAvroDecoder<>(registry, CuratedRecord.class);
            var resynthesisDecoder = new ConfluentAvroDecoder<>(registry, ResynthesisRequest.class);
            Map<String, Long> routes = new HashMap<>();
            Map<String, Long> reasons = new HashMap<>();
            List<Double> wordCounts = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : out) {
                CuratedRecord curated = r.topic().equals(topics.resynthesis())
                        ? resynthesisDecoder.decode(r.value()).getRecord() : curatedDecoder.decode(r.value());
                routes.merge(curated.getDecision().getRoute().name().toLowerCase(), 1L, Long::sum);
                curated.getDecision().getReasons().forEach(reason -> reasons.merge(reason.getCode(), 1L, Long::sum));
                wordCounts.add(curated.getSignals().get("text.word_count"));
            }
            assertThat(routes).containsKeys("accepted", "quarantined", "resynthesis");
            assertThat(reasons).containsKeys("empty_text", "too_short");

            // What Prometheus sees, summed over the two subtasks.
            List<String[]> samples = scrape(port);
            for (var route : routes.entrySet()) {
                assertThat(sum(samples, OPERATOR + "route_records", "route", route.getKey()))
                        .as("route %s", route.getKey()).isEqualTo(route.getValue());
            }
            for (var reason : reasons.entrySet()) {
                assertThat(sum(samples, OPERATOR + "reason_records", "reason", reason.getKey()))
                        .as("reason %s", reason.getKey()).isEqualTo(reason.getValue());
            }
            // Prometheus label values carry the signal's name with its dots as underscores.
            assertThat(sum(samples, OPERATOR + "signal_value_count", "signal", "text_word_count"))
                    .isEqualTo(ids.size());
            double min = wordCounts.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = wordCounts.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            List<Double> medians = values(samples, OPERATOR + "signal_value", "signal=\"text_word_count\"", "quantile=\"0.5\"");
            assertThat(medians).as("one median per subtask").hasSize(2);
            assertThat(medians).allSatisfy(m -> assertThat(m).isBetween(min, max));
            // Fractions keep their decimals (Flink's own histograms hold longs).
            List<Double> alphaWords = values(samples, OPERATOR + "signal_value", "signal=\"gopher_alpha_word_frac\"", "quantile=\"0.5\"");
            assertThat(alphaWords).anySatisfy(c -> assertThat(c).isGreaterThan(0.0).isLessThan(1.0));

            // Every series the dashboard charts exists.
            TreeSet<String> names = new TreeSet<>();
            samples.forEach(s -> names.add(s[0]));
            assertThat(dashboardMetricNames()).isNotEmpty().allSatisfy(name ->
                    assertThat(names).as("the dashboard's %s among the scraped series", name).contains(name));
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * The dashboard's queries, evaluated by a real Prometheus scraping the running job: each one
     * parses and returns data, and the route panel splits by the route names the job reports. Needs a
     * {@code prometheus} binary (on the PATH, or {@code SLUICE_PROMETHEUS}); {@code .ci/run} installs
     * Debian's. What it cannot check is Grafana's rendering.
     */
    @Test
    void everyDashboardQueryReturnsDataFromARealPrometheus(@TempDir Path work) throws Exception {
        String prometheus = PrometheusProcess.binary();
        Assumptions.assumeTrue(prometheus != null, "no prometheus binary on the PATH or in SLUICE_PROMETHEUS");
        LocalStack stack = SharedLocalStack.get();
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(RegistryConfig.of(stack.registryUrl()))) {
            RunningJob running = startJobAndDecide("it-metrics-prometheus", registry);
            try (PrometheusProcess server = PrometheusProcess.start(prometheus, work, running.port())) {
                // rate() and increase() need two samples in their window: wait for the scrapes.
                server.awaitNonEmpty("sum(rate(" + OPERATOR + "route_records[1m]))", Duration.ofSeconds(60));
                Map<String, String> variables = dashboardVariables();
                List<String> queries = dashboardQueries();
                assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
                for (String query : queries) {
                    String resolved = query.replace("$__rate_interval", "1m");
                    for (var variable : variables.entrySet()) {
                        resolved = resolved.replace("${" + variable.getKey() + "}", variable.getValue())
                                .replace("$" + variable.getKey(), variable.getValue());
                    }
                    assertThat(server.query(resolved)).as("series returned by the dashboard query %s", resolved)
                            .isNotEmpty();
                }
                assertThat(server.query("sum by (route) (rate(" + OPERATOR + "route_records[1m]))"))
                        .extracting(series -> series.get("route"))
                        .contains("accepted", "quarantined", "resynthesis");
            } finally {
                running.client().cancel().get();
            }
        }
    }

    private static void publishSynthetic(String bootstrap, SluiceTopics topics, SchemaRegistryClient registry,
            List<String> ids, String prefix, int count, String text) {
        var synthetic = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topics.syntheticIngest()),
                io.sluice.avro.SyntheticRecord.class);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String id = prefix + i;
                ids.add(id);
                producer.send(new ProducerRecord<>(topics.syntheticIngest(), id.getBytes(StandardCharsets.UTF_8),
                        synthetic.serialize(TestRecords.synthetic(id, text))));
            }
            producer.flush();
        }
    }

    /** The samples of the job's Prometheus endpoint as {name, labels, value}. */
    private static List<String[]> scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        // Kept for whoever edits the dashboard: every series name the job exposes.
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), response.body());
        List<String[]> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.add(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3)});
            }
        }
        return samples;
    }

    private static long sum(List<String[]> samples, String name, String label, String value) {
        return Math.round(values(samples, name, label + "=\"" + value + "\"").stream().mapToDouble(Double::doubleValue).sum());
    }

    private static List<Double> values(List<String[]> samples, String name, String... labels) {
        List<Double> values = new ArrayList<>();
        for (String[] s : samples) {
            boolean all = s[0].equals(name);
            for (String label : labels) {
                all &= s[1].contains(label);
            }
            if (all) {
                values.add(Double.parseDouble(s[2]));
            }
        }
        return values;
    }

    private static Path dashboardFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/grafana/dashboards/sluice.json"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docker/grafana/dashboards/sluice.json above the working directory").isNotNull();
        return dir.resolve("docker/grafana/dashboards/sluice.json");
    }

    /** Every {@code expr} of the dashboard's panels. */
    private static List<String> dashboardQueries() throws Exception {
        List<String> queries = new ArrayList<>();
        new ObjectMapper().readTree(dashboardFile().toFile()).findValues("expr")
                .forEach(expr -> queries.add(expr.asText()));
        return queries;
    }

    /** The dashboard's template variables with their default values. */
    private static Map<String, String> dashboardVariables() throws Exception {
        Map<String, String> variables = new HashMap<>();
        for (JsonNode variable : new ObjectMapper().readTree(dashboardFile().toFile()).path("templating").path("list")) {
            variables.put(variable.path("name").asText(), variable.path("current").path("value").asText());
        }
        return variables;
    }

    /** The metric names in the Grafana dashboard's queries. */
    private static List<String> dashboardMetricNames() throws Exception {
        String dashboard = Files.readString(dashboardFile());
        Matcher m = Pattern.compile("flink_[a-zA-Z0-9_]+").matcher(dashboard);
        TreeSet<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        return List.copyOf(names);
    }
}
