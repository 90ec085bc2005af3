package io.sluice.pipeline.signals.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Development tool, not a test: the scanner's recall on values as test-data generators make them
 * (Faker, in JavaScript and Python, every locale), each set into sentences that announce it in
 * different ways. A labelled set built by someone else is likely built so; the injected evaluation
 * ({@link PiiEvaluation}) draws from formats written here, and this tool checks them against formats
 * we did not write. The generators are {@code generated_values.mjs} and {@code generated_values.py}
 * next to this class's resources (see their usage lines).
 *
 * <p>Usage (after {@code mvn -pl pipeline -am test-compile}, with the test classpath):
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:&lt;test classpath&gt; \
 *     io.sluice.pipeline.signals.pii.PiiGeneratedValuesRecall values.jsonl [--show KIND]
 * </pre>
 * Prints recall per kind and sentence; with {@code --show}, the missed values of that kind per
 * locale (generated values, not anyone's data).
 */
public final class PiiGeneratedValuesRecall {

    /** Sentences a value is set into: none announces it, a label does, or a phrase does. */
    private static final String[][] SENTENCES = {
        {"no cue", "The committee noted that %s had been given in the report."},
        {"no cue", "Please get in touch: %s. We reply within two days."},
        {"label", "Phone: %s"},
        {"label", "Tel %s"},
        {"phrase", "You can call me at %s after six."},
        {"phrase", "My number is %s, text me."},
        {"phrase", "Reach us on %s or by mail."},
        {"phrase", "Contact: %s"},
        {"phrase", "Please contact %s for details."},
        {"phrase", "Call %s now!"},
    };

    private PiiGeneratedValuesRecall() {
    }

    public static void main(String[] args) throws IOException {
        String show = args.length > 2 && args[1].equals("--show") ? args[2].toLowerCase(Locale.ROOT) : null;
        ObjectMapper json = new ObjectMapper();
        PiiScanner scanner = new PiiScanner();
        Map<String, int[]> byKindAndCue = new TreeMap<>();
        Map<String, List<String>> misses = new TreeMap<>();
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            JsonNode value = json.readTree(line);
            String kind = value.get("kind").asText();
            String v = value.get("v").asText();
            PiiKind wanted = PiiKind.valueOf(kind.toUpperCase(Locale.ROOT));
            for (String[] sentence : SENTENCES) {
                if (!kind.equals("phone") && !sentence[0].equals("no cue")) {
                    continue; // cues announce phone numbers; other kinds are read without
                }
                String text = String.format(Locale.ROOT, sentence[1], v);
                int from = text.indexOf(v);
                int to = from + v.length();
                PiiMatches m = scanner.scan(text);
                boolean found = false;
                for (int i = 0; i < m.size(); i++) {
                    boolean overlaps = m.end(i) > from && m.start(i) < to;
                    boolean sameKind = m.kind(i) == wanted || wanted == PiiKind.IPV4 && m.kind(i) == PiiKind.IPV6;
                    found |= overlaps && sameKind;
                }
                int[] counts = byKindAndCue.computeIfAbsent(kind + " | " + sentence[0], k -> new int[2]);
                counts[0]++;
                counts[1] += found ? 1 : 0;
                if (!found && kind.equals(show)) {
                    String style = value.has("style") ? " " + value.get("style").asText() : "";
                    misses.computeIfAbsent(value.get("locale").asText() + style + " | " + sentence[0],
                            k -> new ArrayList<>()).add(v);
                }
            }
        }
        System.out.println("| kind | cue | values | found | recall |");
        System.out.println("|---|---|---:|---:|---:|");
        byKindAndCue.forEach((key, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f |%n",
                key, c[0], c[1], (double) c[1] / c[0]));
        misses.forEach((key, values) -> System.out.printf(Locale.ROOT, "%s: %d missed, e.g. %s%n",
                key, values.size(), values.subList(0, Math.min(5, values.size()))));
    }
}
