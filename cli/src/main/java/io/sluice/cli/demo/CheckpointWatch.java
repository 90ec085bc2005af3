package io.sluice.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.api.common.JobID;

/**
 * The demo job's checkpoint counts, read from the MiniCluster's REST API. Exactly-once outputs become
 * visible only when a checkpoint completes, so failing checkpoints look like a frozen live view; the
 * framework's own log of them is silenced in the CLI (a bounded job's last checkpoint fails by
 * design), hence this watch, which names the failure instead. Failures before the first completed
 * checkpoint are not counted: while the job's tasks are still being deployed, the first triggers
 * fail without a reason recorded, which is harmless.
 */
public final class CheckpointWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private long completed;
    /** Flink's count of failed checkpoints when the first completed one was seen; -1 before. */
    private long failedAtStart = -1;
    private long failed;
    private String latestFailure;

    public CheckpointWatch(int restPort, JobID job) {
        this.uri = URI.create("http://127.0.0.1:" + restPort + "/jobs/" + job + "/checkpoints");
    }

    /**
     * Reads the counts again; returns a description of the failures since the last poll (how many and
     * the latest one's reason), or null when there were none or the API did not answer.
     */
    public String poll() {
        JsonNode stats;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            stats = JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        completed = stats.path("counts").path("completed").asLong(completed);
        if (completed == 0) {
            return null;
        }
        long failedInAll = stats.path("counts").path("failed").asLong(0);
        if (failedAtStart < 0) {
            failedAtStart = failedInAll;
        }
        long failedNow = failedInAll - failedAtStart;
        JsonNode latest = stats.path("latest").path("failed");
        if (latest.hasNonNull("failure_message")) {
            latestFailure = latest.get("failure_message").asText();
        }
        long newFailures = failedNow - failed;
        failed = failedNow;
        return newFailures <= 0 ? null
                : newFailures + " checkpoint(s) failed (" + failed + " so far, " + completed + " completed); latest: "
                        + (latestFailure == null ? "no reason given" : latestFailure);
    }

    public long completed() {
        return completed;
    }

    /** Checkpoints failed since the first completed one. */
    public long failed() {
        return failed;
    }

    /** The reason of the latest failed checkpoint seen, or null. */
    public String latestFailure() {
        return latestFailure;
    }
}
