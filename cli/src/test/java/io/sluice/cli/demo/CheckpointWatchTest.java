package io.sluice.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's checkpoint watch against a stand-in for the REST API's checkpoint statistics (unit test of one class). */
class CheckpointWatchTest {
    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final JobID job = new JobID();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jobs/" + job + "/checkpoints", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String stats(int completed, int failed, String latestFailure) {
        return "{\"counts\":{\"completed\":" + completed + ",\"failed\":" + failed + "},\"latest\":{\"failed\":"
                + (latestFailure == null ? "null" : "{\"id\":9,\"failure_message\":\"" + latestFailure + "\"}") + "}}";
    }

    @Test
    void countsFailuresAfterTheFirstCompletedCheckpointAndNamesTheLatest() {
        CheckpointWatch watch = new CheckpointWatch(server.getAddress().getPort(), job);
        body.set(stats(0, 2, null));
        assertThat(watch.poll()).isNull(); // tasks still deploying: not counted
        body.set(stats(3, 2, null));
        assertThat(watch.poll()).isNull();
        assertThat(watch.failed()).isZero();

        body.set(stats(5, 4, "Asynchronous task checkpoint failed."));
        assertThat(watch.poll()).startsWith("2 checkpoint(s) failed (2 so far, 5 completed)")
                .endsWith("latest: Asynchronous task checkpoint failed.");
        body.set(stats(9, 4, "Asynchronous task checkpoint failed."));
        assertThat(watch.poll()).isNull();
        assertThat(watch.completed()).isEqualTo(9);
        assertThat(watch.failed()).isEqualTo(2);
    }

    @Test
    void anApiThatDoesNotAnswerIsNoFailure() {
        CheckpointWatch watch = new CheckpointWatch(server.getAddress().getPort(), new JobID());
        assertThat(watch.poll()).isNull();
        assertThat(watch.failed()).isZero();
    }
}
