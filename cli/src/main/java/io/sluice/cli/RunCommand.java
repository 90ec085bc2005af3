package io.sluice.cli;

import io.sluice.pipeline.Preflight;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--skip-preflight", description = "Start without first checking that the job's topics exist and "
            + "that the registry takes Sluice's output schemas (job.preflight=false does the same), e.g. for brokers "
            + "that create topics on first use.")
    boolean skipPreflight;

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
        if (!skipPreflight && cfg.preflight()) {
            List<String> problems = Preflight.problems(cfg);
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                problems.forEach(problem -> err.println("sluice run: " + problem));
                err.println("sluice run: no job started (--skip-preflight starts one anyway).");
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
        System.out.println("Checkpoints: " + cfg.checkpointDir() + " (job.checkpoint.dir; the last two are kept on cancel,"
                + " restart from the newer one with -D job.restore.path=...)");
        Configuration conf = SluiceJob.flinkConfiguration(cfg);
        int port = webUiPort == 0 ? FreePort.find() : webUiPort;
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        SluiceJob.wire(env, cfg);
        System.out.println("Flink web UI: http://127.0.0.1:" + port + "  (Ctrl-C stops the job)");
        try {
            env.execute(cfg.jobName());
        } catch (Exception e) {
            if (unclaimedStateRefused(e)) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sluice run: " + cfg.restorePath() + " holds state that no operator of this job claims"
                        + " (deduplication turned off, or the learner switched form); set"
                        + " job.restore.allow.non.restored.state=true to start without it.");
                err.flush();
            }
            throw e;
        }
        return 0;
    }

    /** Whether Flink refused a restore because the checkpoint holds state the new job does not claim. */
    static boolean unclaimedStateRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("allowNonRestoredState")) {
                return true;
            }
        }
        return false;
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
