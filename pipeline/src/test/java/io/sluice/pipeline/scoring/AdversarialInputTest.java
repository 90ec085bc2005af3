package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SourceKind;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.dedup.TextSignature;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.signals.RecordContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The stream scores each record on one thread, so one record that a rule handles in worse than
 * linear time stalls the job: its latency, its checkpoints (which then time out) and every record
 * behind it. Here every {@link AdversarialTexts} shape, at the largest record the job admits, is
 * scored as both kinds with the default policy and signed for deduplication within a bound.
 *
 * <p>The bound, 4 s per shape, is ~8× the slowest shape measured on the 2-core build machine
 * (0.03–0.5 s; {@code AdversarialTimingMain} prints them) and well under what a quadratic rule
 * takes: the unbounded IPv4 parent-number search of 2026-11-28 took 22.8 s per megabyte of dotted
 * quads, ~5 s at this size.
 */
class AdversarialInputTest {

    private static final long BOUND_MILLIS = 4_000;

    @Test
    void everyShapeAtTheLargestAdmittedRecordScoresWithinTheBound() throws Exception {
        int chars = CurationSettings.DEFAULT_MAX_RECORD_BYTES;
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        TextSignature signature = new TextSignature();
        Map<String, IntFunction<String>> shapes = AdversarialTexts.shapes();
        // Compiled code, not the interpreter, is what a running job uses on a record like this.
        for (int round = 0; round < 2; round++) {
            for (IntFunction<String> shape : shapes.values()) {
                scoreAll(scorer, signature, shape.apply(chars / 64));
            }
        }
        List<String> slow = new ArrayList<>();
        for (Map.Entry<String, IntFunction<String>> e : shapes.entrySet()) {
            String text = e.getValue().apply(chars);
            assertThat(text.length()).as(e.getKey()).isBetween(chars / 2, chars + 64);
            long millis = scoreAll(scorer, signature, text);
            if (millis > BOUND_MILLIS) {
                // Once more: a shared machine can lose a core for a second; a slow rule is slow twice.
                millis = Math.min(millis, scoreAll(scorer, signature, text));
            }
            if (millis > BOUND_MILLIS) {
                slow.add(e.getKey() + ": " + millis + " ms");
            }
        }
        assertThat(slow).as("shapes of %,d chars scored in more than %,d ms", chars, BOUND_MILLIS).isEmpty();
    }

    /**
     * A NaN or an infinity in a signal would compare false against every threshold, so a rule could
     * never fire on it, and JSON has no way to write it: every shape at every small size, and the
     * degenerate texts, give finite signals under both kinds.
     */
    @Test
    void everyShapeAtSmallSizesGivesFiniteSignals() throws Exception {
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        List<String> texts = new ArrayList<>(List.of("", " ", "\n", ".", "a", "\u0000", "\uD800", "\u200B", " \n\n "));
        for (IntFunction<String> shape : AdversarialTexts.shapes().values()) {
            for (int chars : new int[] {1, 2, 3, 5, 10, 100, 3_000}) {
                texts.add(shape.apply(chars));
            }
        }
        List<String> notFinite = new ArrayList<>();
        for (String text : texts) {
            for (SourceKind kind : List.of(SourceKind.SCRAPED, SourceKind.SYNTHETIC)) {
                RecordContext context = new RecordContext(null, null, -1, text, "en", -1, null);
                ScoringResult r = scorer.score(new ScoringInput("x", text, kind, 0L, null, null, null, context));
                r.signals().forEach((name, value) -> {
                    if (value == null || !Double.isFinite(value)) {
                        notFinite.add(kind + " " + name + "=" + value + " on " + text.length() + " chars");
                    }
                });
            }
        }
        assertThat(texts).hasSizeGreaterThan(300);
        assertThat(notFinite).isEmpty();
    }

    private static long scoreAll(DocumentScorer scorer, TextSignature signature, String text) {
        long start = System.nanoTime();
        ScoringResult scraped = scorer.score(new ScoringInput("s", text, SourceKind.SCRAPED, 0L, null, "example.com",
                "https://example.com/a"));
        RecordContext context = new RecordContext("cc-by-4.0", "model-x", 1, text, "en", -1, null);
        ScoringResult synthetic = scorer.score(new ScoringInput("y", text, SourceKind.SYNTHETIC, 0L, "en", null, null,
                context));
        signature.of(text);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(scraped.route()).isNotNull();
        assertThat(synthetic.route()).isNotNull();
        return millis;
    }
}
