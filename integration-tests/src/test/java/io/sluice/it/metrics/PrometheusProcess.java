package io.sluice.it.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server, started as a child process on loopback with a scrape config for one
 * target, queried over its HTTP API. For tests that check PromQL against what the job exposes.
 */
final class PrometheusProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String baseUrl;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusProcess(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** The {@code prometheus} executable: {@code SLUICE_PROMETHEUS}, else the first on the PATH, else null. */
    static String binary() {
        String configured = System.getenv("SLUICE_PROMETHEUS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "prometheus");
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    /** Starts Prometheus scraping {@code 127.0.0.1:targetPort} every second, and waits until it is ready. */
    static PrometheusProcess start(String binary, Path work, int targetPort) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: sluice
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(targetPort));
        Path log = work.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary, "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess server = new PrometheusProcess(process, "http://127.0.0.1:" + port, log);
        try {
            server.awaitReady(Duration.ofSeconds(60));
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready after " + timeout + ": " + Files.readString(log));
    }

    /** Evaluates an instant query; each series of the result as its labels. Fails on a PromQL error. */
    List<Map<String, String>> query(String promql) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed (" + response.statusCode() + "): " + response.body());
        }
        List<Map<String, String>> series = new ArrayList<>();
        for (JsonNode result : body.path("data").path("result")) {
            Map<String, String> labels = new HashMap<>();
            result.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            series.add(labels);
        }
        return series;
    }

    /** Waits until {@code promql} returns at least one series. */
    void awaitNonEmpty(String promql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (query(promql).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no result for " + promql + " after " + timeout + "; targets: "
                        + http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/targets")).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
