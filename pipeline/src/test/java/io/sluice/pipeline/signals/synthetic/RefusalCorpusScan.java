package io.sluice.pipeline.signals.synthetic;

import io.sluice.pipeline.lang.EuroparlDocuments;
import io.sluice.pipeline.text.CorpusTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Development tool, not a test: counts the texts of human writing in which {@code synthetic.refusal}
 * finds a phrase (its first and last 600 chars, as for a synthetic record) and prints each such
 * text's edge, so that a phrase added to the list can be checked against real text it was not
 * written for. A refusal phrase should match no human text.
 *
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:&lt;test classpath&gt; \
 *     io.sluice.pipeline.signals.synthetic.RefusalCorpusScan [--europarl] SOURCE...
 * </pre>
 * SOURCE as for {@code PiiCorpusScan} (JSONL with a {@code text} field, or a directory such as
 * {@code /usr/share/games/fortunes}); {@code --europarl} adds every paragraph of Lucene's Europarl
 * sample (21 languages).
 */
public final class RefusalCorpusScan {

    private RefusalCorpusScan() {
    }

    public static void main(String[] args) throws IOException {
        int texts = 0;
        int matched = 0;
        for (String arg : args) {
            List<String> source;
            if (arg.equals("--europarl")) {
                source = EuroparlDocuments.read(0, Integer.MAX_VALUE).stream()
                        .flatMap(d -> List.of(d.body().split(" {3,}")).stream()).toList();
            } else {
                Path path = Paths.get(arg);
                source = CorpusTexts.read(path, List.of());
            }
            int before = matched;
            for (String text : source) {
                texts++;
                if (SyntheticArtifacts.refusals(text) > 0) {
                    matched++;
                    System.out.println("MATCH | " + edges(text));
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d texts, %d with a refusal phrase%n", arg, source.size(), matched - before);
        }
        System.out.printf(Locale.ROOT, "all: %d texts, %d with a refusal phrase%n", texts, matched);
    }

    private static String edges(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 150) + " … " + flat.substring(flat.length() - 150);
    }
}
