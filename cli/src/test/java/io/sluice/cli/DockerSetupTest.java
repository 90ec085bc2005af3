package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docker/} cannot be run on the build machine (no Docker engine), so what can drift without
 * anyone noticing is checked here: pinned images whose versions are the POM's, commands the CLI and
 * the job really accept, and a config file the job loads and whose addresses are the compose
 * services'.
 */
class DockerSetupTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path DOCKER = ROOT.resolve("docker");

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/compose.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("root pom property " + name).isTrue();
        return m.group(1);
    }

    private static List<String> command(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.path("command").forEach(a -> args.add(a.asText()));
        return args;
    }

    @Test
    void everyImageIsPinnedAndTheStackVersionsAreThePoms() throws IOException {
        Map<String, String> images = new java.util.TreeMap<>();
        compose().path("services").fields().forEachRemaining(e -> images.put(e.getKey(), e.getValue().path("image").asText()));
        assertThat(images.values()).allSatisfy(image -> {
            assertThat(image).contains(":").doesNotEndWith(":latest").doesNotContain("bitnami/");
        });
        assertThat(images.get("kafka")).isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
        assertThat(images.get("registry")).isEqualTo("apicurio/apicurio-registry-mem:" + pomProperty("apicurio.version"));

        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG FLINK_VERSION=" + pomProperty("flink.version") + "\n");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("FROM "))).allSatisfy(from ->
                assertThat(from).doesNotContain(":latest").matches("FROM [^ ]+:[^ ]+ AS [a-z]+"));
    }

    @Test
    void grafanaProvisionsTheDashboardAndItsPrometheusDataSource() throws IOException {
        List<String> volumes = new ArrayList<>();
        compose().path("services").path("grafana").path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains(
                "./grafana/datasources.yaml:/etc/grafana/provisioning/datasources/datasources.yaml:ro",
                "./grafana/dashboards.yaml:/etc/grafana/provisioning/dashboards/dashboards.yaml:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        var yaml = new ObjectMapper(new YAMLFactory());
        assertThat(yaml.readTree(DOCKER.resolve("grafana/dashboards.yaml").toFile())
                .path("providers").path(0).path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        String dataSourceUid = yaml.readTree(DOCKER.resolve("grafana/datasources.yaml").toFile())
                .path("datasources").path(0).path("uid").asText();
        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/sluice.json").toFile());
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(dataSourceUid);
            assertThat(panel.path("targets")).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("expr").asText()).contains("flink_"));
        });
        // That the series exist is checked against a running job's scrape by MetricsITCase.
    }

    @Test
    void cliServicesRunCommandsTheCliAccepts() throws IOException {
        JsonNode services = compose().path("services");
        for (String name : List.of("topics", "traffic")) {
            List<String> args = command(services.path(name));
            assertThat(args).as(name).isNotEmpty();
            // Parsing validates subcommand, option names and value types without running anything.
            CommandLine.ParseResult parsed = SluiceCli.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(parsed.subcommand()).as(name).isNotNull();
            assertThat(args).contains("/config/sluice.properties");
        }
    }

    @Test
    void theJobLoadsTheConfigAndReachesTheComposeServices() throws IOException {
        JsonNode services = compose().path("services");
        List<String> jobArgs = command(services.path("jobmanager"));
        int classFlag = jobArgs.indexOf("--job-classname");
        assertThat(jobArgs.get(classFlag + 1)).isEqualTo(SluiceJob.class.getName());

        // The job's own arguments, with the mounted config file read from the checkout.
        List<String> own = new ArrayList<>(jobArgs.subList(classFlag + 2, jobArgs.size()));
        own.set(own.indexOf("/config/sluice.properties"), DOCKER.resolve("sluice.properties").toString());
        SluiceJobConfig config = SluiceJob.parseArgs(own.toArray(String[]::new));

        String bootstrap = config.kafka().bootstrapServers();
        assertThat(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains("//" + bootstrap);
        assertThat(config.registry().urls()).containsExactly("http://registry:8080/apis/ccompat/v7");
        assertThat(services.has("registry")).isTrue();
        assertThat(Files.readString(DOCKER.resolve("sluice.properties"))).contains("job.checkpoint.dir=file:///checkpoints");
        assertThat(services.path("jobmanager").path("volumes").toString()).contains("checkpoints:/checkpoints");
        assertThat(services.path("taskmanager").path("volumes").toString()).contains("checkpoints:/checkpoints");
    }

    @Test
    void theKubernetesDeploymentRunsTheJobJarOfTheImageWithItsConfig(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        List<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .<JsonNode>readValues(DOCKER.resolve("kubernetes/sluice.yaml").toFile()).readAll();
        JsonNode configMap = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
        JsonNode deployment = docs.stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment")).findFirst().orElseThrow();
        JsonNode job = deployment.path("spec").path("job");

        assertThat(job.path("entryClass").asText()).isEqualTo(SluiceJob.class.getName());
        // The jar the Dockerfile's job image carries.
        String jar = job.path("jarURI").asText().replace("local://", "");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile"))).contains("sluice-job.jar " + jar);
        String[] flinkVersion = pomProperty("flink.version").split("\\.");
        assertThat(deployment.path("spec").path("flinkVersion").asText()).isEqualTo("v" + flinkVersion[0] + "_" + flinkVersion[1]);

        // The arguments, with the ConfigMap's file where the pod mounts it.
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        String mountPath = deployment.path("spec").path("podTemplate").path("spec").path("containers").get(0)
                .path("volumeMounts").get(0).path("mountPath").asText();
        Path properties = dir.resolve("sluice.properties");
        Files.writeString(properties, configMap.path("data").path("sluice.properties").asText());
        int config = args.indexOf("--config");
        assertThat(args.get(config + 1)).isEqualTo(mountPath + "/sluice.properties");
        args.set(config + 1, properties.toString());
        SluiceJobConfig loaded = SluiceJob.parseArgs(args.toArray(String[]::new));
        assertThat(loaded.kafka().bootstrapServers()).startsWith("CHANGE-ME");
    }
}
