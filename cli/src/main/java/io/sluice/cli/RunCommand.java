package io.sluice.cli;

import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice run}: the Sluice job against external Kafka and registry, either on an in-process
 * Flink MiniCluster (default) or submitted to a running Flink cluster ({@code --jobmanager}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the Sluice job against external Kafka and schema registry. Settings come from --config "
                + "(properties) and flags; secrets can be given as $${env:NAME} or $${file:/path} references.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--policy", description = "Policy YAML (overrides policy.file; default: the shipped policy).")
    Path policy;

    @Option(names = {"-D", "--set"}, description = "Any setting as key=value, e.g. -D job.checkpoint.interval.ms=2000.")
    Map<String, String> settings = new HashMap<>();

    @Option(names = "--jobmanager", description = "host:port of a Flink cluster's REST endpoint; submit there instead "
            + "of running in-process.")
    String jobManager;

    @Option(names = "--job-jar", description = "The shaded job jar for --jobmanager (default: pipeline/target/*-job.jar).")
    Path jobJar;

    @Option(names = "--web-ui-port", defaultValue = "8081",
            description = "Port of the in-process Flink web UI (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int webUiPort;

    @Option(names = "--skip-topic-check", description = "Start even if some of the job's topics do not exist yet "
            + "(for brokers that create topics on first use).")
    boolean skipTopicCheck;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>(settings);
        if (policy != null) {
            overrides.put("policy.file", policy.toString());
        }
        SluiceJobConfig cfg = cluster.load(overrides);
        System.out.println("Sluice job '" + cfg.jobName() + "': " + cfg.kafka() + ", " + cfg.registry());
        if (!skipTopicCheck) {
            // Before any job starts: without its topics a job reads nothing, or fails on every restart
            // once its producer gives up waiting for a missing output topic's metadata (60 s).
            List<String> missing = TopicAdmin.missing(cfg.kafka(), cfg.topics());
            if (!missing.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sluice run: " + missing.size() + " of the job's topics do not exist on "
                        + cfg.kafka().bootstrapServers() + ": " + String.join(", ", missing) + ". Create them with"
                        + " `sluice topics create` and the same --config, or pass --skip-topic-check if your brokers"
                        + " create topics on first use.");
                err.flush();
                return 2;
            }
            List<String> incompatible = incompatibleOutputSubjects(cfg);
            if (!incompatible.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sluice run: the registry at " + String.join(", ", cfg.registry().urls()) + " holds schemas that Sluice's"
                        + " outputs cannot follow under their subjects' compatibility rules: "
                        + String.join(", ", incompatible) + ". Its encoders would fail on their first record, and"
                        + " again after every restart. Give Sluice's outputs topics of their own (topics.<role>), or"
                        + " let the registry's owner settle the subjects' history.");
                err.flush();
                return 2;
            }
        }

        if (jobManager != null) {
            String[] hostPort = jobManager.split(":");
            if (hostPort.length != 2) {
                throw new IllegalArgumentException("--jobmanager must be host:port, got '" + jobManager + "'");
            }
            Path jar = jobJar != null ? jobJar : findJobJar();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0],
                    Integer.parseInt(hostPort[1]), SluiceJob.flinkConfiguration(cfg), jar.toString());
            SluiceJob.wire(env, cfg);
            JobClient client = env.executeAsync(cfg.jobName());
            System.out.println("Submitted job " + client.getJobID() + " to " + jobManager);
            return 0;
        }

        if (cfg.checkpointDir() == null) {
            // Without a directory a MiniCluster keeps checkpoints in the JobManager's memory, at most
            // 5 MB per operator state: deduplication outgrows that after ~6,000 distinct texts, and every
            // checkpoint then fails. A cluster has its own execution.checkpointing.dir instead.
            overrides.put("job.checkpoint.dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "sluice-checkpoints", cfg.jobName()).toUri().toString());
            cfg = cluster.load(overrides);
        }
        System.out.println("Checkpoints: " + cfg.checkpointDir() + " (job.checkpoint.dir; the last one is kept on cancel,"
                + " restart from it with -D job.restore.path=...)");
        Configuration conf = SluiceJob.flinkConfiguration(cfg);
        int port = webUiPort == 0 ? FreePort.find() : webUiPort;
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        SluiceJob.wire(env, cfg);
        System.out.println("Flink web UI: http://127.0.0.1:" + port + "  (Ctrl-C stops the job)");
        env.execute(cfg.jobName());
        return 0;
    }

    /**
     * Subjects Sluice registers its output schemas under (on first use) where the registry would
     * refuse them (HTTP 409): someone else's schema under a topic Sluice was told to write to.
     * Subjects that producers and evaluators own (the inputs, feedback) are theirs to evolve.
     */
    private static List<String> incompatibleOutputSubjects(SluiceJobConfig cfg) {
        List<String> incompatible = new ArrayList<>();
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
            for (SluiceTopics.TopicSpec topic : cfg.topics().all()) {
                boolean written = topic.valueSchema() != null && !topic.role().startsWith("ingest.")
                        && !topic.role().equals("feedback");
                if (written && !registry.isCompatible(topic.valueSubject(), topic.valueSchema())) {
                    incompatible.add(topic.valueSubject());
                }
            }
        }
        return incompatible;
    }

    /** The shaded job jar of this checkout (the launcher sets sluice.home). */
    static Path findJobJar() throws IOException {
        Path target = Path.of(System.getProperty("sluice.home", ".")).resolve("pipeline/target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "sluice-pipeline-*-job.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("no job jar in " + target + "; build it with `mvn -DskipTests package` or "
                + "pass --job-jar");
    }
}
