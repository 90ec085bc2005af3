package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.demo.EuroparlText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice drift} over a gzipped file of real text whose language mix shifts at a known time. */
class DriftCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;
    private static final int PER_WINDOW = 600;
    private static final int SHIFT_AT = 12;
    private static Map<String, List<String>> byLang;
    private static List<String> all;

    @TempDir
    Path dir;

    private final StringWriter stderr = new StringWriter();

    @BeforeAll
    static void loadText() throws IOException {
        EuroparlText text = EuroparlText.load(3000);
        byLang = new HashMap<>();
        all = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            byLang.computeIfAbsent(EuroparlText.languageOf(text.document(i)), k -> new ArrayList<>()).add(text.document(i));
            all.add(text.document(i));
        }
    }

    @Test
    void raisesALanguageShiftWithinTwoWindowsAndWritesSnapshotsAndAlerts() throws Exception {
        Path in = dir.resolve("in.jsonl.gz");
        writeStream(in, 24, "el", 0.35);
        Path out = dir.resolve("alerts.jsonl");
        assertThat(run("--in", in.toString(), "--out", out.toString(), "--window", "60s")).isEqualTo(0);

        List<JsonNode> lines = read(out);
        List<JsonNode> alerts = lines.stream().filter(n -> n.path("type").asText().equals("alert")).toList();
        List<JsonNode> snapshots = lines.stream().filter(n -> n.path("type").asText().equals("snapshot")).toList();
        assertThat(snapshots).hasSizeGreaterThanOrEqualTo(24 * 10);
        assertThat(snapshots.get(0).path("window_end").asLong() - snapshots.get(0).path("window_start").asLong())
                .isEqualTo(60_000);
        JsonNode raised = alerts.stream()
                .filter(a -> a.path("dimension").asText().equals("lang") && a.path("state").asText().equals("RAISED"))
                .findFirst().orElseThrow(() -> new AssertionError("no lang alert in " + alerts));
        long shiftStart = T0 + SHIFT_AT * 60_000L;
        assertThat(raised.path("window_start").asLong()).isBetween(shiftStart, shiftStart + 60_000);
        assertThat(raised.path("metric").asText()).isEqualTo("psi");
        assertThat(raised.path("value").asDouble()).isGreaterThanOrEqualTo(raised.path("threshold").asDouble());
        assertThat(raised.path("severity").asText()).isIn("WARNING", "CRITICAL");
        assertThat(raised.path("top").get(0).path("category").asText()).isEqualTo("lang=el");
        assertThat(raised.path("top").get(0).path("current_share").asDouble())
                .isGreaterThan(raised.path("top").get(0).path("reference_share").asDouble() + 0.2);
        assertThat(alerts).noneMatch(a -> a.path("window_start").asLong() < shiftStart);
        assertThat(stderr.toString()).contains("alerts");
    }

    @Test
    void pinnedReferenceFromAnEarlierRunsSnapshotsKeepsALastingShiftRaised() throws Exception {
        Path before = dir.resolve("before.jsonl");
        writeStream(before, 8, "el", 0.0);
        Path reference = dir.resolve("reference.jsonl");
        assertThat(run("--in", before.toString(), "--out", reference.toString())).isEqualTo(0);

        Path in = dir.resolve("in.jsonl");
        writeStream(in, 24, "el", 0.35);
        Path out = dir.resolve("out.jsonl");
        assertThat(run("--in", in.toString(), "--out", out.toString(), "--reference", reference.toString()))
                .isEqualTo(0);
        List<JsonNode> lang = read(out).stream()
                .filter(n -> n.path("type").asText().equals("alert") && n.path("dimension").asText().equals("lang"))
                .toList();
        // Against a pinned reference the shift is never absorbed: raised once, then ongoing to the end.
        assertThat(lang).extracting(n -> n.path("state").asText()).first().isEqualTo("RAISED");
        assertThat(lang).extracting(n -> n.path("state").asText()).doesNotContain("CLEARED");
        assertThat(lang.get(0).path("reference").asText()).contains("pinned");
    }

    @Test
    void writesRateLimitedFillGapRequestsForSlicesUnderTheirTarget() throws Exception {
        Path in = dir.resolve("in.jsonl");
        writeStream(in, 10, "el", 0.0);
        String policy;
        try (var s = getClass().getClassLoader().getResourceAsStream("policy/default-policy.yaml")) {
            policy = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, policy + "\ntarget_mix:\n  cooldown_windows: 3\n  targets:\n"
                + "    \"scraped/el/*\": 0.5\n");
        Path out = dir.resolve("out.jsonl");
        assertThat(run("--in", in.toString(), "--out", out.toString(), "--policy", policyFile.toString(), "--fill-gap"))
                .isEqualTo(0);
        List<JsonNode> requests = read(out).stream().filter(n -> n.path("type").asText().equals("fill_gap")).toList();
        // Windows 0, 4 and 8: one request, then three windows of cooldown.
        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.path("slice").asText()).isEqualTo("scraped/el/*");
            assertThat(r.path("request_id").asText()).startsWith("fill-gap-scraped/el/*-");
            assertThat(r.path("wanted_count").asInt()).isGreaterThan(PER_WINDOW / 2);
            assertThat(r.path("exemplar_ids")).isNotEmpty();
        });
    }

    @Test
    void rejectsAnUnparsableWindow() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "");
        assertThat(run("--in", in.toString(), "--out", dir.resolve("o").toString(), "--window", "soon")).isEqualTo(2);
        assertThat(stderr.toString()).contains("duration 'soon'");
    }

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new DriftCommand());
        cmd.setErr(new PrintWriter(stderr, true));
        return cmd.execute(args);
    }

    /** {@code windows} windows; from {@link #SHIFT_AT} on, {@code share} of records are in {@code lang}. */
    private static void writeStream(Path file, int windows, String lang, double share) throws IOException {
        Random r = new Random(5);
        var raw = Files.newOutputStream(file);
        var os = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            for (int win = 0; win < windows; win++) {
                for (int i = 0; i < PER_WINDOW; i++) {
                    boolean shifted = win >= SHIFT_AT && r.nextDouble() < share;
                    List<String> pool = shifted ? byLang.get(lang) : all;
                    String text = pool.get(r.nextInt(pool.size()));
                    Map<String, Object> line = new HashMap<>();
                    line.put("id", "r" + win + "-" + i);
                    line.put("text", text);
                    line.put("event_time", T0 + win * 60_000L + i * 60_000L / PER_WINDOW);
                    line.put("source", "site" + r.nextInt(4) + ".example");
                    line.put("lang", EuroparlText.languageOf(text));
                    w.write(MAPPER.writeValueAsString(line));
                    w.newLine();
                }
            }
        }
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }
}
