package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice policy validate} on policies and on the learner's interventions files. */
class PolicyCommandTest {

    @Test
    void validatesAPerSliceInterventionsFileAndNamesItsProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slices.yaml");
        Files.writeString(file, """
                metric: val_accuracy
                base_policy: default
                slices:
                  "synthetic/de/*":
                    - { id: de-as-is, kind: threshold_change, description: the base }
                    - { id: de-more, kind: slice_weight, description: more German, target_share: 0.2 }
                  "scraped/*/*":
                    - { id: web-as-is, kind: threshold_change, description: the base }
                    - { id: web-c4-off, kind: threshold_change, description: no C4, override: { quality: { c4: off } } }
                """);
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "policy", "validate", "--interventions", file.toString())).isZero();
        assertThat(out.toString()).contains("metric val_accuracy, per slice over policy 2026.11-default")
                .contains("  synthetic/de/*: de-as-is, de-more").contains("  scraped/*/*: web-as-is, web-c4-off");

        Files.writeString(file, Files.readString(file).replace("c4: off", "c5: off"));
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "policy", "validate", "--interventions", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid interventions:").contains("slices[\"scraped/*/*\"][1]").contains("c5");
    }

    @Test
    void stillValidatesAPolicyAndWantsExactlyOneFile(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, "version: \"v-1\"\nrules: []\n");
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "policy", "validate", "--file", policy.toString())).isZero();
        assertThat(out.toString()).isEqualTo("Policy v-1 is valid." + System.lineSeparator());
        assertThat(run(new StringWriter(), new StringWriter(), "policy", "validate", "--file", policy.toString(),
                "--interventions", policy.toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), new StringWriter(), "policy", "validate")).isEqualTo(2);
    }

    @Test
    void composesTheArmsPolicyForADryRunAndRefusesUnknownOrClashingArms(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hold.yaml"), """
                version: "hold-1"
                rules:
                  - { code: held, when: { signal: text.word_count, op: ">=", value: 1 }, route: quarantine }
                """);
        Path file = dir.resolve("slices.yaml");
        Files.writeString(file, """
                metric: val_accuracy
                base_policy: hold.yaml
                slices:
                  "scraped/*/*":
                    - { id: web-hold, kind: threshold_change, description: hold }
                    - { id: web-open, kind: threshold_change, description: open, override: { disable: [held] } }
                  "synthetic/*/*":
                    - { id: syn-hold, kind: threshold_change, description: hold }
                    - { id: syn-open, kind: threshold_change, description: open, override: { disable: [held] } }
                """);
        Path policy = dir.resolve("composed.yaml");
        assertThat(run(new StringWriter(), new StringWriter(), "policy", "compose", "--interventions", file.toString(),
                "--arms", "web-open", "--out", policy.toString())).isZero();
        StringWriter valid = new StringWriter();
        assertThat(run(valid, new StringWriter(), "policy", "validate", "--file", policy.toString())).isZero();
        assertThat(valid.toString()).contains("hold-1+learned:web-open,syn-hold");

        // The dry run: a scraped page is accepted under the composed policy, a synthetic record held.
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, """
                {"id": "page", "text": "A page of plain words.", "source_kind": "scraped", "url": "https://example.org/a"}
                {"id": "gen", "text": "A generated answer in words.", "source_kind": "synthetic"}
                """);
        Path scored = dir.resolve("out.jsonl");
        assertThat(run(new StringWriter(), new StringWriter(), "score", "--in", in.toString(), "--out", scored.toString(),
                "--policy", policy.toString(), "--progress-seconds", "0")).isZero();
        List<String> lines = Files.readAllLines(scored);
        assertThat(lines.get(0)).contains("\"id\":\"page\"").contains("ACCEPTED");
        assertThat(lines.get(1)).contains("\"id\":\"gen\"").contains("QUARANTINED").contains("held");

        assertThat(run(new StringWriter(), new StringWriter(), "policy", "compose", "--interventions", file.toString(),
                "--arms", "web-shut")).isEqualTo(2);
        assertThat(run(new StringWriter(), new StringWriter(), "policy", "compose", "--interventions", file.toString(),
                "--arms", "web-open,web-hold")).isEqualTo(2);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = SluiceCli.commandLine(args);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
