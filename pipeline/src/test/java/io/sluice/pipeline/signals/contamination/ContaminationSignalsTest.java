package io.sluice.pipeline.signals.contamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContaminationSignalsTest {

    private static final String QUESTION = "Which of the following best describes the function of the mitochondria "
            + "in eukaryotic cells and how does it relate to cellular respiration";

    @TempDir
    Path dir;

    private Path benchmark() throws IOException {
        Path f = dir.resolve("bench.jsonl");
        Files.writeString(f, "{\"question\": \"" + QUESTION + "\", \"choices\": [\"energy\", \"storage\"], \"answer\": 0}\n"
                + "{\"question\": \"What is the capital of a country that has no coastline at all in central Europe today\"}\n");
        return f;
    }

    @Test
    void reportsWhichBenchmarkAndHowMuch() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("sciq", benchmark());
        ContaminationIndex index = ContaminationIndex.load(13, files);
        assertThat(index.stateBytes()).isEqualTo(8L * ((24 - 12) + (17 - 12)));
        Map<String, Double> out = new HashMap<>();
        ContaminationSignals family = new ContaminationSignals(index);
        family.compute("Intro text here. " + QUESTION.toUpperCase() + "? Answer: energy.", out::put);
        assertThat(out.get("contamination.sciq.ngram_hits")).isEqualTo(10.0);
        assertThat(out.get(ContaminationSignals.NGRAM_HITS)).isEqualTo(10.0);
        assertThat(out.get(ContaminationSignals.MAX_OVERLAP)).isGreaterThan(0.4);
        out.clear();
        family.compute("A text about something else entirely, with many words but none of the benchmark sequences at all.",
                out::put);
        assertThat(out.get(ContaminationSignals.MAX_OVERLAP)).isZero();
        assertThat(family.signalNames()).containsExactly("contamination.ngram_hits", "contamination.max_overlap",
                "contamination.sciq.ngram_hits", "contamination.sciq.overlap");
    }

    @Test
    void policySectionLoadsBenchmarksAndQuarantines() throws IOException {
        Policy p = new PolicyLoader().parse("""
                version: "c-1"
                rules:
                  - code: contaminated
                    when: { signal: contamination.ngram_hits, op: ">=", value: 1 }
                    route: quarantine
                contamination:
                  ngram: 8
                  benchmarks: { sciq: "%s" }
                """.formatted(benchmark()), "t");
        ScoringResult r = new DocumentScorer(p).scoreText("x", "Here: " + QUESTION + ".", SourceKind.SCRAPED);
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(r.reasons()).extracting(ReasonCode::getCode).containsExactly("contaminated");
        assertThat(r.signals()).containsKey("contamination.sciq.overlap");
    }

    @Test
    void rejectsBadSections() {
        assertThatThrownBy(() -> new PolicyLoader().parse("""
                version: "c-1"
                rules: []
                contamination:
                  ngram: 3
                  benchmarks: { MMLU: x.jsonl, gsm8k: /no/such/file.jsonl }
                """, "t")).hasMessageContaining("contamination.ngram: must be an integer from 5 to 50")
                .hasMessageContaining("contamination.benchmarks.MMLU: benchmark names are lower_snake_case")
                .hasMessageContaining("contamination.benchmarks.gsm8k: cannot read '/no/such/file.jsonl'");
    }
}
