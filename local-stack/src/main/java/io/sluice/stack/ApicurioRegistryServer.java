package io.sluice.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Confluent-compatible schema registry: Apicurio Registry {@value ApicurioHome#VERSION}
 * (in-memory storage) run as a child JVM on a free port of 127.0.0.1.
 *
 * <p>Confluent's own registry is not reachable from this build, and Apicurio's Confluent API
 * ({@code /apis/ccompat/v7}) answers the same requests with the same error codes, so the
 * project's registry client is tested against this server. Apicurio's default compatibility is
 * NONE; {@link #start()} sets BACKWARD, Confluent's default, so schema evolution is checked the way
 * it would be in production.
 *
 * <p>The child process is destroyed by {@link #close()} and, should the JVM exit without it
 * (Ctrl-C, a failed test run), by a shutdown hook that also removes the log.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryServer.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 30;
    private static final int MAX_BIND_ATTEMPTS = 3;
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";

    private final Process process;
    private final Thread shutdownHook;
    private final String confluentApiUrl;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApicurioRegistryServer(Process process, String confluentApiUrl, Path logFile) {
        this.process = process;
        this.shutdownHook = new Thread(this::close, "sluice-apicurio-shutdown");
        this.confluentApiUrl = confluentApiUrl;
        this.logFile = logFile;
    }

    /**
     * Starts the registry, waits until its Confluent API answers (at most 60 s) and sets the global
     * compatibility level to BACKWARD.
     *
     * @throws IOException if the bundle cannot be found or the server does not become ready; the
     *     message includes the end of the server's log
     */
    public static ApicurioRegistryServer start() throws IOException {
        long startNanos = System.nanoTime();
        Path home = ApicurioHome.locate();
        for (int attempt = 1; ; attempt++) {
            int port = Loopback.freePort();
            try {
                ApicurioRegistryServer server = launch(home, port);
                LOG.info("Apicurio schema registry ready at {} (pid {}, log {}) after {} ms",
                        server.confluentApiUrl, server.pid(), server.logFile,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                return server;
            } catch (PortTakenException e) {
                // Another process took the port between our probe and Quarkus's bind: try another.
                if (attempt >= MAX_BIND_ATTEMPTS) {
                    throw e;
                }
                LOG.info("Apicurio registry could not bind port {}; retrying on another port", port);
                FileTrees.deleteRecursively(e.logFile.getParent());
            }
        }
    }

    private static ApicurioRegistryServer launch(Path home, int port) throws IOException {
        long launchNanos = System.nanoTime();
        String confluentApiUrl = "http://" + Loopback.HOST + ":" + port + "/apis/ccompat/v7";
        Path logFile = Files.createTempDirectory("sluice-apicurio-").resolve("apicurio.log");

        // Same JVM binary as ours: the one Java known to be installed and new enough (17+).
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                // Small and quick to start: the registry holds a handful of schemas in memory.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + Loopback.HOST,
                "-Dquarkus.http.port=" + port,
                // Otherwise Quarkus opens a second, fixed management port (9000) that may be taken.
                "-Dquarkus.management.enabled=false",
                "-jar", ApicurioHome.RUNNER_JAR);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            FileTrees.deleteRecursively(logFile.getParent());
            throw new IOException("Could not launch the Apicurio registry with " + java + " in " + home
                    + ": " + e.getMessage(), e);
        }
        ApicurioRegistryServer server = new ApicurioRegistryServer(process, confluentApiUrl, logFile);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitReady(launchNanos);
            server.setGlobalCompatibility("BACKWARD");
            return server;
        } catch (IOException | RuntimeException e) {
            server.closeAfterFailure();
            String what = e instanceof IOException ? e.getMessage() : e.toString();
            String tail = tail(logFile);
            String message = what + " Registry log " + logFile + " ends with:\n" + tail;
            // Quarkus: "Port 1234 seems to be in use by another process."
            if (tail.contains("seems to be in use") || tail.contains("Address already in use")) {
                throw new PortTakenException(message, logFile, e);
            }
            throw new IOException(message, e);
        }
    }

    /** The Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String confluentApiUrl() {
        return confluentApiUrl;
    }

    /** The operating-system id of the registry's JVM. */
    public long pid() {
        return process.pid();
    }

    /** The registry's stdout and stderr; deleted by {@link #close()} unless the registry had crashed. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the registry and waits for its JVM to exit. Schemas are held in memory, so they are
     * gone afterwards.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean crashed = !process.isAlive();
        removeShutdownHook();
        stop(process);
        if (crashed) {
            // Keep the evidence: the log is the only record of why the registry died.
            LOG.warn("The Apicurio registry (pid {}) had exited with code {} before close(); its log is"
                    + " kept at {}", process.pid(), process.exitValue(), logFile);
        } else {
            deleteLogDir();
        }
    }

    private void awaitReady(long startNanos) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(confluentApiUrl + "/subjects"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = startNanos + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("The Apicurio registry exited with code " + process.exitValue()
                        + " before it was ready.");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Connection refused until Quarkus has bound the port: keep polling.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for the Apicurio registry to start.", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The Apicurio registry did not answer GET " + probe.uri()
                        + " with 200 within " + READY_TIMEOUT.toSeconds() + " s. A machine under heavy"
                        + " load may need a retry.");
            }
            sleep(POLL_INTERVAL);
        }
    }

    private void setGlobalCompatibility(String level) throws IOException {
        HttpRequest put = HttpRequest.newBuilder(URI.create(confluentApiUrl + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONFLUENT_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting the registry's compatibility level.", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("The Apicurio registry rejected PUT " + put.uri() + " (compatibility "
                    + level + ") with HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private void closeAfterFailure() {
        closed.set(true);
        removeShutdownHook();
        stop(process);
        // The log stays: the caller's exception points at it.
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // The JVM is exiting: this is the hook itself, or the hook will find us closed.
        }
    }

    /** SIGTERM first so Quarkus shuts down cleanly, SIGKILL if it has not exited in time. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteLogDir() {
        try {
            FileTrees.deleteRecursively(logFile.getParent());
        } catch (IOException e) {
            LOG.warn("Could not delete the registry's log directory {}: {}. Delete it by hand.",
                    logFile.getParent(), e.toString());
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the Apicurio registry to start.", e);
        }
    }

    /** The last lines of the log, for error messages; never fails (it is already reporting one). */
    static String tail(Path logFile) {
        try {
            // Decoded leniently: a stray non-UTF-8 byte must not hide the rest of the log.
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The registry exited because its port was taken; worth a retry on another port. */
    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path logFile;

        PortTakenException(String message, Path logFile, Throwable cause) {
            super(message, cause);
            this.logFile = logFile;
        }
    }
}
