package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgreementCommandTest {

    @TempDir
    Path dir;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int agreement(String... args) {
        CommandLine cmd = new CommandLine(new AgreementCommand());
        cmd.setOut(new PrintWriter(stdout, true));
        cmd.setErr(new PrintWriter(stderr, true));
        return cmd.execute(args);
    }

    private static String ours(String id, String c4Reason, String finewebReason) {
        return "{\"id\": \"" + id + "\", \"signals\": {\"c4.keep\": 1}, \"filters\": {\"c4\": " + verdict(c4Reason)
                + ", \"fineweb\": " + verdict(finewebReason) + "}}";
    }

    private static String verdict(String reason) {
        return reason == null ? "{\"keep\": true, \"reason\": null}" : "{\"keep\": false, \"reason\": \"" + reason + "\"}";
    }

    /** datatrove's decisions carry the families at the top level, next to other fields. */
    private static String reference(String id, String c4Reason, String c4Default, String finewebReason) {
        return "{\"id\": \"" + id + "\", \"chars\": 10, \"c4\": " + verdict(c4Reason) + ", \"c4_default\": "
                + verdict(c4Default) + ", \"fineweb\": " + verdict(finewebReason) + ", \"cascade_keep\": false}";
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeGzip(String name, String content) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve(name);
        Files.write(file, buf.toByteArray());
        return file;
    }

    private Path oursFile() throws IOException {
        return write("ours.jsonl", String.join("\n",
                ours("a", null, null),
                ours("b", "too_few_sentences", null),
                ours("c", null, "line_punct_ratio"),
                ours("d", "too_few_sentences", null),
                ours("e", null, null),
                "{\"line\": 6, \"id\": \"f\", \"error\": \"bad JSON\"}",
                ours("not-in-reference", null, null)) + "\n");
    }

    private Path referenceFile() throws IOException {
        return writeGzip("reference.jsonl.gz", String.join("\n",
                reference("a", null, "too_few_sentences", null),
                reference("b", null, "too_few_sentences", null),
                reference("c", null, null, "line_punct_ratio"),
                reference("d", null, "too_few_sentences", null),
                reference("e", "curly_bracket", "curly_bracket", null),
                reference("f", null, null, null)) + "\n");
    }

    @Test
    void reportsAgreementPerFamilyWithCounts() throws IOException {
        assertThat(agreement("--ours", oursFile().toString(), "--reference", referenceFile().toString())).isZero();

        String out = stdout.toString();
        assertThat(out).contains("5 documents compared (7 lines in --ours, 6 in --reference; "
                + "1 of ours not in the reference, 1 without verdicts)");
        assertThat(out).containsPattern("c4\\s+40\\.00%\\s+2\\s+5\\s+3\\s+4");
        assertThat(out).containsPattern("fineweb\\s+100\\.00%\\s+5\\s+5\\s+4\\s+4");
    }

    @Test
    void listsDisagreementKindsMostFrequentFirstWithExampleIds() throws IOException {
        assertThat(agreement("--ours", oursFile().toString(), "--reference", referenceFile().toString(),
                "--examples", "1")).isZero();

        String out = stdout.toString();
        assertThat(out).contains("c4: top disagreements");
        assertThat(out).containsPattern("too_few_sentences\\s+keep\\s+2\\s+b\\n");
        assertThat(out).containsPattern("keep\\s+curly_bracket\\s+1\\s+e\\n");
        assertThat(out.indexOf("too_few_sentences")).isLessThan(out.indexOf("curly_bracket"));
        assertThat(out).doesNotContain("fineweb: top disagreements");
    }

    @Test
    void comparesAFamilyWithADifferentlyNamedReferenceColumn() throws IOException {
        assertThat(agreement("--ours", oursFile().toString(), "--reference", referenceFile().toString(),
                "--map", "c4=c4_default")).isZero();

        // Against c4_default, "a" (we keep, it drops) and "e" (we keep, it finds a bracket) disagree.
        assertThat(stdout.toString()).containsPattern("c4~c4_default\\s+60\\.00%\\s+3\\s+5");
    }

    @Test
    void refusesFilesWithNothingToCompare() throws IOException {
        Path other = write("other.jsonl", "{\"id\": \"a\", \"gopher\": {\"keep\": true, \"reason\": null}}\n");
        assertThat(agreement("--ours", oursFile().toString(), "--reference", other.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("no family to compare");
        assertThat(agreement("--ours", oursFile().toString(), "--reference", other.toString(), "--map", "c4"))
                .isEqualTo(2);
        assertThat(stderr.toString()).contains("--map wants OURS=REF");
    }
}
