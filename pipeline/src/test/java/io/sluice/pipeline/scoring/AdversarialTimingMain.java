package io.sluice.pipeline.scoring;

import io.sluice.avro.SourceKind;
import io.sluice.pipeline.dedup.TextSignature;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.signals.RecordContext;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Development tool: how the whole default-policy scorer (both record kinds) and deduplication's
 * signature scale on {@link AdversarialTexts}, at a small and a large size. A ratio far above the
 * size ratio is a rule that is worse than linear. Prints figures; {@code AdversarialInputTest} holds
 * the bound.
 *
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:$(cat /tmp/pcp.txt) \
 *   io.sluice.pipeline.scoring.AdversarialTimingMain [largeChars]
 * </pre>
 */
public final class AdversarialTimingMain {

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 480_000;
        int small = large / 16;
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        TextSignature signature = new TextSignature();
        // Warm up on ordinary shapes at the small size, so the large size is not timed in the interpreter.
        for (int round = 0; round < 3; round++) {
            for (IntFunction<String> shape : AdversarialTexts.shapes().values()) {
                time(scorer, signature, shape.apply(small / 4));
            }
        }
        System.out.printf("%-26s %10s %10s %7s  (ms: scraped+synthetic+signature; size ratio %d)%n",
                "shape", "small", "large", "ratio", large / small);
        for (Map.Entry<String, IntFunction<String>> e : AdversarialTexts.shapes().entrySet()) {
            String s = e.getValue().apply(small);
            String l = e.getValue().apply(large);
            double ts = Math.min(time(scorer, signature, s), time(scorer, signature, s));
            double tl = time(scorer, signature, l);
            System.out.printf("%-26s %10.1f %10.1f %7.1f%n", e.getKey(), ts, tl, tl / ts);
        }
    }

    private static double time(DocumentScorer scorer, TextSignature signature, String text) {
        long t0 = System.nanoTime();
        scorer.score(new ScoringInput("s", text, SourceKind.SCRAPED, 0L, null, "example.com",
                "https://example.com/a"));
        RecordContext synthetic = new RecordContext("cc-by-4.0", "model-x", 1, text, "en", -1, null);
        scorer.score(new ScoringInput("y", text, SourceKind.SYNTHETIC, 0L, "en", null, null, synthetic));
        signature.of(text);
        return (System.nanoTime() - t0) / 1e6;
    }
}
