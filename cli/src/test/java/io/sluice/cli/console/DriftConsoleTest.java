package io.sluice.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsTheAlertsStillInForceAndEachDimensionsLatestWindow() throws Exception {
        DriftConsole console = new DriftConsole();
        console.onAlert(alert("lang", 0, AlertState.RAISED, Severity.CRITICAL));
        console.onAlert(alert("source", 0, AlertState.RAISED, Severity.WARNING));
        console.onAlert(alert("source", 1, AlertState.CLEARED, Severity.INFO));
        console.onSnapshot(snapshot("lang", 0, Map.of("en", 90L, "ru", 10L)));
        console.onSnapshot(snapshot("lang", 1, Map.of("en", 60L, "ru", 40L)));
        console.onSnapshot(snapshot("lang", 0, Map.of("en", 100L))); // a late copy of an older window

        JsonNode state = JSON.readTree(console.stateJson());
        assertThat(state.get("active")).hasSize(1);
        assertThat(state.at("/active/0/dimension").asText()).isEqualTo("lang");
        assertThat(state.at("/active/0/top/0/category").asText()).isEqualTo("lang=ru");
        assertThat(state.get("recent")).hasSize(3);
        assertThat(state.at("/recent/0/state").asText()).isEqualTo("CLEARED");
        assertThat(state.get("windows")).hasSize(1);
        assertThat(state.at("/windows/0/count").asLong()).isEqualTo(100);
        assertThat(state.at("/windows/0/top/0/category").asText()).isEqualTo("en");
        assertThat(state.at("/windows/0/top/0/share").asDouble()).isEqualTo(0.6);
        assertThat(state.at("/windows/0/top/1/share").asDouble()).isEqualTo(0.4);
    }

    @Test
    void showsTheLatestPolicyAndEachInterventionsLatestLedgerEntryBestFirstPerSlice() throws Exception {
        DriftConsole console = new DriftConsole();
        assertThat(JSON.readTree(console.stateJson()).get("policy").isNull()).isTrue();
        console.onPolicyUpdate(update("v-1", "ops", null));
        console.onPolicyUpdate(update("v-1+learned:de-open,en-hold", "sluice-learner", "de-open"));
        console.onLedger(entry("de-hold", "synthetic/de/*", 0.60, 3));
        console.onLedger(entry("de-open", "synthetic/de/*", 0.72, 2));
        console.onLedger(entry("de-open", "synthetic/de/*", 0.70, 1)); // an older entry, read late
        console.onLedger(entry("en-hold", "synthetic/en/*", 0.65, 1));

        JsonNode state = JSON.readTree(console.stateJson());
        assertThat(state.get("policy_updates_read").asLong()).isEqualTo(2);
        assertThat(state.at("/policy/version").asText()).isEqualTo("v-1+learned:de-open,en-hold");
        assertThat(state.at("/policy/interventions").asText()).isEqualTo("de-open");
        assertThat(state.get("interventions")).extracting(n -> n.get("id").asText())
                .containsExactly("de-open", "de-hold", "en-hold");
        assertThat(state.at("/interventions/0/effect").asDouble()).isEqualTo(0.72);
        assertThat(state.at("/interventions/0/observations").asLong()).isEqualTo(2);
    }

    static PolicyUpdate update(String version, String author, String interventions) {
        return PolicyUpdate.newBuilder().setPolicyVersion(version).setPolicyYaml("rules: []")
                .setPublishedAt(Instant.ofEpochSecond(10)).setAuthor(author).setInterventionId(interventions).build();
    }

    static InterventionRecord entry(String id, String slice, double effect, long n) {
        return InterventionRecord.newBuilder().setInterventionId(id).setSlice(slice).setKind("threshold_change")
                .setDescription(id).setPolicyVersion("v-1").setMeasuredEffect(effect).setObservations(n)
                .setRecordedAt(Instant.ofEpochSecond(20 + n)).build();
    }

    @Test
    void servesThePageAndTheStateOverHttp() throws Exception {
        DriftConsole console = new DriftConsole();
        console.onAlert(alert("lang", 0, AlertState.RAISED, Severity.CRITICAL));
        try (DriftConsoleServer server = new DriftConsoleServer(console, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("Sluice drift console").contains("api/state").doesNotContain("innerHTML");
            HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(base + "/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(state.body()).at("/active/0/severity").asText()).isEqualTo("CRITICAL");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    static DriftAlert alert(String dimension, int window, AlertState state, Severity severity) {
        return DriftAlert.newBuilder().setAlertId(dimension + "-" + window).setDimension(dimension)
                .setWindowStart(Instant.ofEpochSecond(60L * window)).setWindowEnd(Instant.ofEpochSecond(60L * window + 60))
                .setMetric("psi").setValue(0.4).setThreshold(0.1).setReference("trailing")
                .setTop(List.of(new DriftContribution(dimension + "=ru", 0.02, 0.19)))
                .setState(state).setSeverity(severity).setMessage(dimension + ": psi 0.40").build();
    }

    static DistributionSnapshot snapshot(String dimension, int window, Map<String, Long> categories) {
        return DistributionSnapshot.newBuilder().setDimension(dimension)
                .setWindowStart(Instant.ofEpochSecond(60L * window)).setWindowEnd(Instant.ofEpochSecond(60L * window + 60))
                .setCount(categories.values().stream().mapToLong(Long::longValue).sum())
                .setCategories(categories).setQuantiles(Map.of()).build();
    }
}
