package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

    private static final String PARAGRAPH = "The committee met on Tuesday to review the proposal for a new "
            + "footbridge across the river. After a long discussion about costs, materials and the expected "
            + "number of daily crossings, the members agreed to commission a detailed study before the spring.";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter stderr = new StringWriter();

    private int score(String... args) {
        return score(ScoreCommand.BATCH_BYTES, args);
    }

    private int score(int batchBytes, String... args) {
        ScoreCommand command = new ScoreCommand();
        command.batchBytes = batchBytes;
        CommandLine cmd = new CommandLine(command);
        cmd.setErr(new PrintWriter(stderr, true));
        return cmd.execute(args);
    }

    private static String line(String id, String text, String kind) throws IOException {
        return MAPPER.writeValueAsString(java.util.Map.of("id", id, "text", text, "source_kind", kind,
                "lang", "en", "url", "https://www.example.org/a"));
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                out.add(MAPPER.readTree(l));
            }
        }
        return out;
    }

    private Path writeInput(String name, String content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(buf)) {
                gz.write(bytes);
            }
            bytes = buf.toByteArray();
        }
        Files.write(file, bytes);
        return file;
    }

    private String mixedInput() throws IOException {
        return String.join("\n",
                line("empty", " ", "synthetic"),
                line("short", "The committee met on Tuesday to review the proposal.", "synthetic"),
                line("good", PARAGRAPH, "scraped"),
                "{\"id\": \"broken\", \"text\": \"unterminated",
                "{\"text\": \"no id here\"}",
                "") + "\n";
    }

    @Test
    void routesEachLineAndReportsMalformedLinesWithoutStopping() throws IOException {
        Path in = writeInput("in.jsonl", mixedInput(), false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines).hasSize(5);

        JsonNode empty = lines.get(0);
        assertThat(empty.get("id").asText()).isEqualTo("empty");
        assertThat(empty.at("/decision/route").asText()).isEqualTo("QUARANTINED");
        assertThat(empty.at("/decision/reasons/0/code").asText()).isEqualTo("empty_text");
        assertThat(empty.at("/signals/text.is_blank").asDouble()).isEqualTo(1.0);

        JsonNode shortOne = lines.get(1);
        assertThat(shortOne.at("/decision/route").asText()).isEqualTo("RESYNTHESIS");
        assertThat(shortOne.at("/decision/reasons/0/detail").asText())
                .isEqualTo("fewer than 30 words: text.word_count=9 < 30");
        assertThat(shortOne.at("/decision/repair_instruction").asText()).contains("at least 30 words");
        assertThat(shortOne.get("slice").asText()).isEqualTo("synthetic/en/general");

        JsonNode good = lines.get(2);
        assertThat(good.at("/decision/route").asText()).isEqualTo("ACCEPTED");
        assertThat(good.at("/decision/reasons").size()).isZero();
        assertThat(good.at("/decision/policy_version").asText()).isEqualTo("2026.11-default-5");
        assertThat(good.get("signals_version").asText()).isEqualTo("24");
        assertThat(good.get("slice").asText()).isEqualTo("scraped/en/example.org");
        assertThat(good.at("/signals/text.word_count").isIntegralNumber()).isTrue();
        assertThat(good.at("/signals/text.word_count").asInt()).isEqualTo(41);
        assertThat(good.at("/lang/code").asText()).isEqualTo("en");
        assertThat(good.at("/lang/confidence").asDouble()).isGreaterThan(0.9);
        assertThat(good.at("/lang/second").asText()).isNotEqualTo("en");
        assertThat(good.at("/lang/second_confidence").asDouble()).isLessThan(good.at("/lang/confidence").asDouble());
        assertThat(good.at("/signals/lang.confidence").asDouble()).isEqualTo(good.at("/lang/confidence").asDouble(),
                org.assertj.core.data.Offset.offset(1e-4));
        assertThat(empty.at("/lang/code").asText()).isEqualTo("und");
        // Every signal of the standard registry, no more, no less.
        assertThat(good.get("signals").size()).isEqualTo(io.sluice.pipeline.signals.SignalRegistry.standard().names().size());
        assertThat(good.at("/signals/c4.sentence_count").asInt()).isEqualTo(2);
        assertThat(good.at("/signals/fineweb.keep").asDouble()).isEqualTo(1.0);

        JsonNode broken = lines.get(3);
        assertThat(broken.get("line").asInt()).isEqualTo(4);
        assertThat(broken.get("id").asText()).isEqualTo("broken");
        assertThat(broken.get("error").asText()).startsWith("bad JSON at column ");
        assertThat(broken.has("decision")).isFalse();

        assertThat(lines.get(4).get("error").asText()).isEqualTo("missing \"id\"");

        assertThat(stderr.toString())
                .contains("line 4 (id broken): bad JSON")
                .contains("line 5: missing \"id\"")
                .contains("score: 3 records in ")
                .contains("1 accepted, 1 quarantined, 1 resynthesis; 2 malformed lines");
    }

    /** A synthetic line's {@code finish_reason} reaches the truncation check; a scraped line's is ignored. */
    @Test
    void aSyntheticLinesFinishReasonDecidesTruncation() throws IOException {
        String list = "Things to pack for the hike:\\n- a map of the valley\\n- two litres of water\\n- a torch";
        Path in = writeInput("finish.jsonl", String.join("\n",
                "{\"id\": \"cut\", \"source_kind\": \"synthetic\", \"finish_reason\": \"length\", \"text\": \""
                        + PARAGRAPH + "\"}",
                "{\"id\": \"done\", \"source_kind\": \"synthetic\", \"finish_reason\": \"stop\", \"text\": \"" + list + "\"}",
                "{\"id\": \"unsaid\", \"source_kind\": \"synthetic\", \"text\": \"" + list + "\"}",
                "{\"id\": \"page\", \"finish_reason\": \"length\", \"text\": \"" + PARAGRAPH + "\"}") + "\n", false);
        Path out = dir.resolve("finish-out.jsonl");
        assertThat(score("--in", in.toString(), "--out", out.toString())).isZero();
        List<JsonNode> lines = readLines(out);
        assertThat(lines).extracting(l -> l.at("/signals/synthetic.truncated").asDouble())
                .containsExactly(1.0, 0.0, 1.0, 0.0);
    }

    @Test
    void withDedupLaterCopiesInTheFileAreQuarantinedNamingTheFirst(@TempDir Path dir) throws IOException {
        String input = line("a", PARAGRAPH, "scraped") + "\n" + line("b", PARAGRAPH.replace(". ", ".\n"), "scraped") + "\n";
        Path in = writeInput("in.jsonl", input, false);
        Path out = dir.resolve("out.jsonl");
        assertThat(score("--dedup", "--in", in.toString(), "--out", out.toString())).isZero();
        List<JsonNode> lines = readLines(out);
        assertThat(lines.get(0).has("dup_of")).isFalse();
        assertThat(lines.get(0).at("/decision/route").asText()).isEqualTo("ACCEPTED");
        assertThat(lines.get(1).get("dup_of").asText()).isEqualTo("a");
        assertThat(lines.get(1).at("/decision/reasons/0/code").asText()).isEqualTo("duplicate");
        assertThat(lines.get(1).at("/signals/dup.exact").asDouble()).isEqualTo(1.0);

        Path plainOut = dir.resolve("plain.jsonl");
        assertThat(score("--in", in.toString(), "--out", plainOut.toString())).isZero();
        assertThat(readLines(plainOut)).allSatisfy(l -> {
            assertThat(l.has("dup_of")).isFalse();
            assertThat(l.at("/decision/route").asText()).isEqualTo("ACCEPTED");
        });
    }

    /**
     * {@code score --out - | head}: when the reader of standard output goes away, the run stops with
     * an error instead of scoring the rest of the input into a closed pipe and exiting 0 (a PrintStream
     * on System.out used to swallow the write errors). A real child process, since only a real pipe
     * shows it.
     */
    @Test
    void stopsWithAnErrorWhenStandardOutputIsClosed() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            content.append(line("r" + i, PARAGRAPH, "scraped")).append('\n');
        }
        Path in = writeInput("in.jsonl", content.toString(), false);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SluiceCli.class.getName(),
                "score", "--threads", "1", "--progress-seconds", "0", "--in", in.toString(), "--out", "-")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        byte[] first = child.getInputStream().readNBytes(100);
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("{\"id\":\"r0\"");
        child.getInputStream().close();

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(child.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(1);
        assertThat(stderr).contains("score: stopped after").contains("Broken pipe");
        assertThat(stderr).doesNotContain("4,000 records in");
    }

    @Test
    void readsGzipByMagicBytesAndWritesGzipByExtension() throws IOException {
        Path in = writeInput("in.data", line("good", PARAGRAPH, "scraped") + "\n", true);
        Path out = dir.resolve("out.jsonl.gz");

        assertThat(score("--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines).singleElement().satisfies(n -> {
            assertThat(n.get("id").asText()).isEqualTo("good");
            assertThat(n.at("/decision/route").asText()).isEqualTo("ACCEPTED");
        });
    }

    @Test
    void appliesAGivenPolicyFile() throws IOException {
        Path policy = dir.resolve("strict.yaml");
        Files.writeString(policy, """
                version: "strict-1"
                rules:
                  - code: too_short
                    when: { signal: text.word_count, op: "<", value: 1000 }
                    route: quarantine
                """);
        Path in = writeInput("in.jsonl", line("good", PARAGRAPH, "scraped") + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--in", in.toString(), "--out", out.toString(), "--policy", policy.toString())).isZero();

        JsonNode n = readLines(out).get(0);
        assertThat(n.at("/decision/route").asText()).isEqualTo("QUARANTINED");
        assertThat(n.at("/decision/policy_version").asText()).isEqualTo("strict-1");
        assertThat(n.at("/decision/reasons/0/threshold").asInt()).isEqualTo(1000);
    }

    @Test
    void refusesAnInvalidPolicyNamingTheProblem() throws IOException {
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(policy, "version: x\nrules:\n  - code: a\n    when: {signal: text.wrd_count, op: '<', "
                + "value: 1}\n    route: quarantine\n");
        Path in = writeInput("in.jsonl", line("good", PARAGRAPH, "scraped") + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--in", in.toString(), "--out", out.toString(), "--policy", policy.toString())).isEqualTo(2);

        assertThat(stderr.toString()).contains("rules[0].when.signal: unknown signal 'text.wrd_count'");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesAMissingInputWithoutCreatingTheOutput() {
        Path out = dir.resolve("out.jsonl");
        assertThat(score("--in", dir.resolve("nope.jsonl").toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("cannot read --in");
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsUnknownSourceKindsAndBadEventTimesPerLine() throws IOException {
        Path in = writeInput("in.jsonl", String.join("\n",
                "{\"id\": 7, \"text\": \"" + PARAGRAPH + "\", \"source_kind\": \"crawled\"}",
                "{\"id\": \"t\", \"text\": \"" + PARAGRAPH + "\", \"event_time\": \"yesterday\"}",
                "{\"id\": \"iso\", \"text\": \"" + PARAGRAPH + "\", \"event_time\": \"2020-01-01T00:00:00Z\", "
                        + "\"extra\": {\"nested\": [1, 2]}}") + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("7");
        assertThat(lines.get(0).get("error").asText())
                .isEqualTo("\"source_kind\" must be synthetic or scraped, not 'crawled'");
        assertThat(lines.get(1).get("error").asText()).startsWith("\"event_time\" must be epoch milliseconds");
        assertThat(lines.get(2).at("/decision/route").asText()).isEqualTo("ACCEPTED");
    }
    private static final String FIVE_SENTENCES = "The river rose during the night. The bridge was closed at dawn. "
            + "Crews arrived before noon. They cleared the debris by evening. The bridge opened the next day.";

    private static String plain(String id, String text) throws IOException {
        return MAPPER.writeValueAsString(java.util.Map.of("id", id, "text", text));
    }

    @Test
    void datatroveProfileWritesIdSignalsAndAVerdictPerFamily() throws IOException {
        Path in = writeInput("in.jsonl", String.join("\n", plain("prose", FIVE_SENTENCES),
                plain("template", FIVE_SENTENCES + "\nFill in the {name} field below."),
                plain("menu", "Home\nNews\nContact"), "{\"id\": \"broken\"}") + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--profile", "datatrove", "--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines).hasSize(4);
        JsonNode prose = lines.get(0);
        assertThat(prose.get("id").asText()).isEqualTo("prose");
        assertThat(prose.has("decision")).isFalse();
        assertThat(prose.get("signals").has("text.word_count")).as("only the rule families' signals").isFalse();
        assertThat(prose.at("/signals/c4.sentence_count").asInt()).isEqualTo(5);
        assertThat(prose.at("/signals/fineweb.line_punct_ratio").asDouble()).isEqualTo(1.0);
        assertThat(prose.get("filters").fieldNames()).toIterable().containsExactly("gopher_rep", "gopher_qual", "c4", "fineweb");
        assertThat(prose.at("/filters/c4/keep").asBoolean()).isTrue();
        assertThat(prose.at("/filters/c4/reason").isNull()).isTrue();
        assertThat(prose.at("/filters/fineweb/keep").asBoolean()).isTrue();

        assertThat(lines.get(1).at("/filters/c4/reason").asText()).isEqualTo("curly_bracket");
        assertThat(lines.get(2).at("/filters/c4/reason").asText()).isEqualTo("too_few_sentences");
        assertThat(lines.get(2).at("/filters/fineweb/reason").asText()).isEqualTo("line_punct_ratio");
        assertThat(lines.get(3).get("error").asText()).isEqualTo("missing \"text\"");
        assertThat(stderr.toString()).contains("datatrove reference profile")
                .contains("3 records in").contains("c4 keeps 1 (33.3%), fineweb keeps 2 (66.7%)");
    }

    @Test
    void datatroveProfileJudgesTheTextAsGivenWithoutNormalizing() throws IOException {
        // datatrove splits FineWeb lines on \n only, so a CRLF line ends in \r, not in punctuation; the
        // default profile would have normalized CRLF away first.
        String crlf = FIVE_SENTENCES.replace(". ", ".\r\n");
        Path in = writeInput("in.jsonl", plain("crlf", crlf) + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--profile", "datatrove", "--in", in.toString(), "--out", out.toString())).isZero();

        JsonNode n = readLines(out).get(0);
        assertThat(n.at("/signals/fineweb.line_punct_ratio").asDouble()).isEqualTo(0.2);
        assertThat(n.at("/filters/fineweb/keep").asBoolean()).isTrue();
        assertThat(n.at("/signals/c4.line_count").asInt()).isEqualTo(5);
    }

    @Test
    void datatroveProfileRunsStockC4OnRequest() throws IOException {
        String text = FIVE_SENTENCES + "\nA last line without a full stop";
        Path in = writeInput("in.jsonl", plain("doc", text) + "\n", false);
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--profile", "datatrove", "--c4-filter-no-terminal-punct", "--in", in.toString(),
                "--out", out.toString())).isZero();

        assertThat(readLines(out).get(0).at("/signals/c4.lines_no_terminal_punct").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownProfileAndAPolicyWithTheDatatroveProfile() throws IOException {
        Path in = writeInput("in.jsonl", plain("doc", FIVE_SENTENCES) + "\n", false);
        Path out = dir.resolve("out.jsonl");
        assertThat(score("--profile", "gopher", "--in", in.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(score("--profile", "datatrove", "--policy", "p.yaml", "--in", in.toString(), "--out",
                out.toString())).isEqualTo(2);
        assertThat(score("--c4-filter-no-terminal-punct", "--in", in.toString(), "--out", out.toString()))
                .isEqualTo(2);
        assertThat(stderr.toString()).contains("unknown --profile 'gopher'")
                .contains("--policy does not apply to --profile datatrove")
                .contains("only applies to --profile datatrove");
        assertThat(out).doesNotExist();
    }

    /**
     * Many small batches (a few lines each, one line longer than a batch, blank lines, malformed lines,
     * no final newline) on three threads give byte for byte the output of one thread, error line
     * numbers included, and the same totals.
     */
    @Test
    void onSeveralThreadsTheOutputIsTheSameAsOnOne() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            content.append(switch (i % 6) {
                case 0 -> line("s" + i, "The committee met on Tuesday to review the proposal number " + i + ".", "synthetic");
                case 1 -> line("g" + i, PARAGRAPH + " Item " + i + ".", "scraped");
                case 2 -> "";
                case 3 -> "{\"id\": \"broken" + i + "\", \"text\": \"unterminated";
                case 4 -> line("long" + i, (PARAGRAPH + " ").repeat(20), "scraped");
                default -> line("e" + i, "Contact me at person" + i + "@example.org about it.", "synthetic");
            }).append('\n');
        }
        content.append(line("last", PARAGRAPH, "scraped")); // no final newline
        Path in = writeInput("in.jsonl", content.toString(), false);
        Path one = dir.resolve("one.jsonl");
        Path three = dir.resolve("three.jsonl");
        Path reference = dir.resolve("reference-one.jsonl");
        Path referenceThree = dir.resolve("reference-three.jsonl");

        assertThat(score("--threads", "1", "--in", in.toString(), "--out", one.toString(), "--progress-seconds", "0"))
                .isZero();
        String oneThreadSummary = stderr.toString();
        stderr.getBuffer().setLength(0);
        // 700 bytes: a few lines per batch, and the 20-paragraph lines are longer than a batch.
        assertThat(score(700, "--threads", "3", "--in", in.toString(), "--out", three.toString(),
                "--progress-seconds", "0")).isZero();
        String threeThreadSummary = stderr.toString();

        assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
        List<JsonNode> lines = readLines(three);
        assertThat(lines).hasSize(51);
        assertThat(lines.get(2).get("line").asInt()).as("error lines keep their numbers in the whole input").isEqualTo(4);
        assertThat(lines.get(50).get("id").asText()).isEqualTo("last");
        String totals = "41 records in ";
        assertThat(oneThreadSummary).contains(totals).contains("; 10 malformed lines");
        assertThat(threeThreadSummary).contains(totals).contains("; 10 malformed lines");
        assertThat(threeThreadSummary.substring(threeThreadSummary.indexOf("records/s): ")))
                .isEqualTo(oneThreadSummary.substring(oneThreadSummary.indexOf("records/s): ")));

        assertThat(score("--profile", "datatrove", "--threads", "1", "--in", in.toString(), "--out",
                reference.toString())).isZero();
        assertThat(score(700, "--profile", "datatrove", "--threads", "2", "--in", in.toString(), "--out",
                referenceThree.toString())).isZero();
        assertThat(Files.readAllBytes(referenceThree)).isEqualTo(Files.readAllBytes(reference));
    }

    /**
     * A text longer than --max-text-chars (default 5M chars) is a malformed line, named as such, and
     * the run goes on: scoring a book-length text could take the heap, and the run with it. Raised
     * above Jackson's own 20M-char limit on strings, the limit lets such a text through to scoring.
     */
    @Test
    void aTextAboveTheLengthLimitIsAMalformedLineAndALargerLimitScoresIt() throws IOException {
        String longText = "a".repeat(20_000_001);
        Path in = writeInput("long.jsonl", MAPPER.writeValueAsString(java.util.Map.of("id", "long", "text", longText))
                + "\n" + line("after", PARAGRAPH, "scraped") + "\n", false);
        Path out = dir.resolve("out.jsonl");
        assertThat(score("--profile", "datatrove", "--threads", "1", "--progress-seconds", "0", "--in", in.toString(),
                "--out", out.toString())).isZero();
        List<JsonNode> lines = readLines(out);
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactly("long", "after");
        assertThat(lines.get(0).get("error").asText()).isEqualTo("a text of 20000001 chars, above --max-text-chars 5000000");
        assertThat(lines.get(1).has("error")).isFalse();
        assertThat(stderr.toString()).contains("1 malformed lines");

        stderr.getBuffer().setLength(0);
        assertThat(score("--profile", "datatrove", "--threads", "1", "--progress-seconds", "0", "--max-text-chars",
                "30000000", "--in", in.toString(), "--out", out.toString())).isZero();
        lines = readLines(out);
        assertThat(lines.get(0).has("error")).as(lines.get(0).toString()).isFalse();
        assertThat(stderr.toString()).contains("0 malformed lines");
    }

    /**
     * A gzip file cut short (a copy that did not finish): every whole line before the cut is scored
     * and written on several threads as on one, and both stop with the same error and count. The
     * threads used to drop the batches in flight and the one being read.
     */
    @Test
    void aTruncatedInputKeepsEveryWholeLineBeforeTheCutOnSeveralThreadsAsOnOne() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            content.append(line("t" + i, PARAGRAPH + " Item " + i + ".", i % 2 == 0 ? "scraped" : "synthetic")).append('\n');
        }
        Path whole = writeInput("whole.jsonl.gz", content.toString(), true);
        byte[] gz = Files.readAllBytes(whole);
        Path in = dir.resolve("cut.jsonl.gz");
        Files.write(in, Arrays.copyOf(gz, gz.length * 2 / 3));
        Path one = dir.resolve("one.jsonl");
        Path two = dir.resolve("two.jsonl");

        assertThat(score("--threads", "1", "--progress-seconds", "0", "--in", in.toString(), "--out", one.toString()))
                .isEqualTo(1);
        String oneThread = stderr.toString();
        stderr.getBuffer().setLength(0);
        assertThat(score(2000, "--threads", "2", "--progress-seconds", "0", "--in", in.toString(), "--out",
                two.toString())).isEqualTo(1);
        String twoThreads = stderr.toString();

        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        int written = readLines(one).size();
        assertThat(written).isBetween(50, 199);
        assertThat(oneThread).contains("stopped after " + written + " lines", "Unexpected end of ZLIB input stream");
        assertThat(twoThreads).contains("stopped after " + written + " lines");
    }

    /**
     * --dedup on several threads: the reading thread checks each record in file order, so copies are
     * found across batches and threads exactly as on one thread, malformed lines skipped alike.
     */
    @Test
    void withDedupOnSeveralThreadsTheOutputIsTheSameAsOnOne() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String text = switch (i % 4) {
                case 0 -> PARAGRAPH;                                  // exact copies across the file
                case 1 -> PARAGRAPH.replace("Tuesday", "Thursday");   // near copies
                case 2 -> PARAGRAPH + " Note " + i + " was added to the minutes of the meeting.";
                default -> null;
            };
            content.append(text == null ? "{\"id\": \"broken" + i + "\", \"text\": " : line("d" + i, text, "scraped"))
                    .append('\n');
        }
        Path in = writeInput("in.jsonl", content.toString(), false);
        Path one = dir.resolve("one.jsonl");
        Path three = dir.resolve("three.jsonl");
        assertThat(score("--dedup", "--threads", "1", "--in", in.toString(), "--out", one.toString())).isZero();
        assertThat(score(600, "--dedup", "--threads", "3", "--in", in.toString(), "--out", three.toString())).isZero();

        assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
        List<JsonNode> lines = readLines(three);
        assertThat(lines.get(4).get("dup_of").asText()).as("a copy in a later batch names the first").isEqualTo("d0");
        assertThat(lines).filteredOn(n -> n.has("dup_of")).hasSizeGreaterThan(10);
    }

    @Test
    void refusesFewerThanOneThread() throws IOException {
        Path in = writeInput("in.jsonl", line("a", PARAGRAPH, "scraped") + "\n", false);
        Path out = dir.resolve("out.jsonl");
        assertThat(score("--threads", "0", "--in", in.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("--threads must be at least 1");
        assertThat(out).doesNotExist();
    }

    @Test
    void readsLinesLongerThanTheBufferInvalidUtf8AndAMissingFinalNewline() throws IOException {
        String longText = FIVE_SENTENCES + " " + "word ".repeat(40_000);
        byte[] bad = ("{\"id\": \"latin1\", \"text\": \"caf\u00e9 ").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write((plain("long", longText) + "\n").getBytes(StandardCharsets.UTF_8));
        content.write(bad);
        content.write(0xE9); // ISO-8859-1 "é", not UTF-8
        content.write("\"}\r\n".getBytes(StandardCharsets.UTF_8));
        content.write(plain("last", FIVE_SENTENCES).getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("in.jsonl");
        Files.write(in, content.toByteArray());
        Path out = dir.resolve("out.jsonl");

        assertThat(score("--profile", "datatrove", "--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("long", "latin1", "last");
        assertThat(lines.get(0).at("/signals/fineweb.word_count").asInt()).isGreaterThan(40_000);
        assertThat(lines.get(1).has("error")).isFalse();
        assertThat(stderr.toString()).contains("0 malformed lines");
    }

    @Test
    void writesPiiCountsForEveryKindAndTheRedactedText() throws IOException {
        Path in = writeInput("pii.jsonl", line("p", PARAGRAPH + " Mail a.b@example.org or c@example.com, host 8.8.4.4.",
                "scraped") + "\n" + line("clean", PARAGRAPH, "scraped") + "\n", false);
        Path out = dir.resolve("pii-out.jsonl");
        assertThat(score("--in", in.toString(), "--out", out.toString(), "--progress-seconds", "0")).isZero();
        List<JsonNode> lines = readLines(out);
        JsonNode pii = lines.get(0).get("pii");
        assertThat(pii.get("email").asInt()).isEqualTo(2);
        assertThat(pii.get("ipv4").asInt()).isEqualTo(1);
        List<String> kinds = new ArrayList<>();
        pii.fieldNames().forEachRemaining(kinds::add);
        assertThat(kinds).containsExactly("email", "phone", "ipv4", "ipv6", "card", "iban", "ssn", "secret");
        assertThat(lines.get(0).get("redacted_text").asText()).endsWith("Mail <EMAIL> or <EMAIL>, host <IP>.");
        assertThat(lines.get(1).get("pii").get("email").asInt()).isZero();
        assertThat(lines.get(1).has("redacted_text")).isFalse();
        assertThat(stderr.toString()).doesNotContain("a.b@example.org");
    }
}
