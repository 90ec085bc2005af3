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

    /**
     * Chinese and Japanese items are found in a document that quotes them inside other text: their
     * characters are the words, since a run of them without spaces is a whole sentence.
     */
    @Test
    void findsChineseAndJapaneseItemsQuotedInsideOtherText() throws IOException {
        String zh = "下列关于线粒体在真核细胞中功能的描述哪一项是正确的";
        String ja = "次のうちミトコンドリアの主な働きとして最も適切なものはどれか";
        Path f = dir.resolve("ceval.jsonl");
        Files.writeString(f, "{\"question\": \"" + zh + "\"}\n{\"question\": \"" + ja + "\"}\n");
        ContaminationIndex index = ContaminationIndex.load(13, Map.of("ceval", f));
        ContaminationSignals family = new ContaminationSignals(index);
        Map<String, Double> out = new HashMap<>();
        family.compute("今天的练习题：" + zh + "？答案是A。", out::put);
        assertThat(out.get(ContaminationSignals.NGRAM_HITS)).isEqualTo(zh.length() - 12.0);
        out.clear();
        family.compute("問題：" + ja + "。正解はB。", out::put);
        // ミトコンドリア (7 katakana) is one word: the item has ja.length() - 6 words.
        assertThat(out.get(ContaminationSignals.NGRAM_HITS)).isEqualTo(ja.length() - 6 - 12.0);
        out.clear();
        family.compute("今天我们讨论细胞呼吸的过程以及能量如何在生物体内转化和储存的问题", out::put);
        assertThat(out.get(ContaminationSignals.NGRAM_HITS)).isZero();
    }

    @Test
    void wordNgramsSplitHanAndKanaIntoCharactersAndKeepOtherWordsWhole() {
        WordNgrams one = new WordNgrams(1);
        one.hash("中文ABC abc, かな");
        assertThat(one.size()).isEqualTo(6); // 中, 文, abc, abc, か, な
        long[] h = one.hash("中文ABC abc, かな").clone();
        assertThat(h[2]).isEqualTo(h[3]); // case folded
        assertThat(new WordNgrams(1).hash("한국어 문장")[0]).isNotZero();
        WordNgrams katakana = new WordNgrams(1);
        katakana.hash("セキュリティーアップデートの自動");
        assertThat(katakana.size()).isEqualTo(4); // a katakana run is one word (a loanword): セキュリティーアップデート, の, 自, 動
        WordNgrams hangul = new WordNgrams(1);
        hangul.hash("한국어 문장");
        assertThat(hangul.size()).isEqualTo(2); // Korean is written with spaces: its words stay whole
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
