package io.sluice.pipeline.signals.pii;

import io.sluice.pipeline.text.CorpusTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Development tool, not a test: runs the PII scanner over real, unlabelled text and prints what it
 * finds, so that a change to the scanner can be read by eye on text it was not written for (the
 * figures of docs/SAFETY.md for the dev corpus, the Debian fortunes and {@code /usr/share/doc}).
 *
 * <p>Usage (after {@code mvn -pl pipeline -am test-compile}, with the test classpath):
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:&lt;test classpath&gt; \
 *     io.sluice.pipeline.signals.pii.PiiCorpusScan [--show KIND] [--announced-phones] [--ext html,txt] SOURCE...
 * </pre>
 * A SOURCE is a JSONL file ({@code .jsonl} or {@code .jsonl.gz}, the {@code text} field of each
 * line) or a directory, whose regular files are read whole ({@code .html} files with their tags
 * stripped; fortune files split at {@code %} lines; with {@code --ext}, only files with those
 * extensions). It prints the matches per kind; {@code --show
 * KIND} (e.g. {@code PHONE}) prints each match of that kind with 40 chars around it (these are public
 * documents read for review: never point it at private data); {@code --announced-phones} counts the
 * numbers right after a word such as "Tel." or "Fax" (a regular expression, independent of the
 * scanner) and how many of them a phone match covers.
 */
public final class PiiCorpusScan {

    /** A cue word, then a run of digits, blanks and phone punctuation: the labelling of --announced-phones. */
    private static final Pattern ANNOUNCED = Pattern.compile("(?i)\\b(tel|telefon|telephone|phone|fax|telefax|tél|tlf"
            + "|mobil|mobile|handy|fon|ph|teléfono)\\b\\.?:?\\s*((?:\\+|\\(|\\d)[\\d\\s()/.\\-+–\u200b]{5,}\\d)");

    private PiiCorpusScan() {
    }

    public static void main(String[] args) throws IOException {
        PiiKind show = null;
        boolean announced = false;
        List<String> extensions = List.of();
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--show")) {
                show = PiiKind.valueOf(args[++i].toUpperCase(Locale.ROOT));
            } else if (args[i].equals("--announced-phones")) {
                announced = true;
            } else if (args[i].equals("--ext")) {
                extensions = List.of(args[++i].split(","));
            } else {
                sources.add(Paths.get(args[i]));
            }
        }
        PiiScanner scanner = new PiiScanner();
        Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        Map<PiiKind, Integer> texts = new EnumMap<>(PiiKind.class);
        int[] announcedTotal = {0};
        int[] announcedFound = {0};
        int read = 0;
        for (Path source : sources) {
            for (String text : CorpusTexts.read(source, extensions)) {
                read++;
                PiiMatches m = scanner.scan(text);
                EnumMap<PiiKind, Boolean> seen = new EnumMap<>(PiiKind.class);
                for (int i = 0; i < m.size(); i++) {
                    counts.merge(m.kind(i), 1, Integer::sum);
                    seen.put(m.kind(i), true);
                    if (m.kind(i) == show) {
                        System.out.println(show + " | " + context(text, m.start(i), m.end(i)));
                    }
                }
                seen.keySet().forEach(k -> texts.merge(k, 1, Integer::sum));
                if (announced) {
                    Matcher a = ANNOUNCED.matcher(text);
                    while (a.find()) {
                        announcedTotal[0]++;
                        boolean covered = false;
                        for (int i = 0; i < m.size(); i++) {
                            covered |= m.kind(i) == PiiKind.PHONE && m.start(i) < a.end(2) && m.end(i) > a.start(2);
                        }
                        if (covered) {
                            announcedFound[0]++;
                        } else if (show == PiiKind.PHONE) {
                            System.out.println("MISSED | " + context(text, a.start(), a.end()));
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d texts%n", read);
        for (PiiKind k : PiiKind.values()) {
            System.out.printf(Locale.ROOT, "%-7s %6d matches in %6d texts%n", k.key(), counts.getOrDefault(k, 0),
                    texts.getOrDefault(k, 0));
        }
        if (announced) {
            System.out.printf(Locale.ROOT, "announced phone numbers: %d, covered by a phone match: %d%n",
                    announcedTotal[0], announcedFound[0]);
        }
    }

    private static String context(String text, int start, int end) {
        // The match between ⟦ and ⟧, so that a review reads what was taken, not only where.
        return (text.substring(Math.max(0, start - 40), start) + "⟦" + text.substring(start, end) + "⟧"
                + text.substring(end, Math.min(text.length(), end + 40))).replace('\n', ' ');
    }
}
