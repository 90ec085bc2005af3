package io.sluice.pipeline.signals.contamination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.pipeline.text.UnspacedScript;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: contamination checks on real Chinese and Japanese text. From each
 * mainly Chinese or Japanese document of the corpus (labelled {@code zh} or {@code ja}, 30%+ of its
 * letters Han or kana), one line of 30-80 chars, mostly Han or kana, becomes a benchmark item; every
 * document is then checked against the items of all. A document should hit its own item and no
 * other (except where two documents share the line).
 *
 * <p>Usage: {@code UnspacedContaminationEvaluation corpus.jsonl.gz [--show]} (test classpath); put an
 * older build's classes first on the class path to compare. {@code --show} prints each hit in a
 * document that does not contain the item's line.
 */
public final class UnspacedContaminationEvaluation {

    private UnspacedContaminationEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> docs = new ArrayList<>();
        List<String> items = new ArrayList<>();
        Random random = new Random(11);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new FileInputStream(args[0])), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = json.readTree(line);
                JsonNode lang = n.get("lang");
                String text = n.get("text").asText();
                if (lang == null || !(lang.asText().equals("zh") || lang.asText().equals("ja")) || UnspacedScript.sharePercent(text) < 30) {
                    continue;
                }
                List<String> candidates = new ArrayList<>();
                for (String l : text.split("\n")) {
                    if (l.length() >= 30 && l.length() <= 80 && UnspacedScript.sharePercent(l) >= 70) {
                        candidates.add(l);
                    }
                }
                if (!candidates.isEmpty()) {
                    docs.add(text);
                    items.add(candidates.get(random.nextInt(candidates.size())));
                }
            }
        }
        Path file = Files.createTempFile("items", ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            sb.append(JsonNodeFactory.instance.objectNode().put("question", item)).append('\n');
        }
        Files.writeString(file, sb);
        int ownFound = 0;
        int otherHits = 0;
        for (int i = 0; i < docs.size(); i++) {
            // One benchmark per item, so that a hit tells which item it was.
            Map<String, Path> one = new HashMap<>();
            Path f = Files.createTempFile("item", ".jsonl");
            Files.writeString(f, JsonNodeFactory.instance.objectNode().put("question", items.get(i)) + "\n");
            one.put("item", f);
            ContaminationSignals family = new ContaminationSignals(ContaminationIndex.load(13, one));
            for (int d = 0; d < docs.size(); d++) {
                Map<String, Double> out = new HashMap<>();
                family.compute(docs.get(d), out::put);
                boolean hit = out.get(ContaminationSignals.NGRAM_HITS) > 0;
                if (d == i && hit) {
                    ownFound++;
                } else if (d != i && hit && !docs.get(d).contains(items.get(i))) {
                    otherHits++;
                    if (args.length > 1) {
                        System.out.println("item: " + items.get(i) + "\n  in: " + excerpt(docs.get(d), items.get(i)));
                    }
                }
            }
            Files.delete(f);
        }
        Files.delete(file);
        System.out.printf("%d items (a line of a mainly Chinese or Japanese document): found in their own document %d; "
                + "hits in documents that do not contain the line: %d%n", items.size(), ownFound, otherHits);
    }

    /** The document around the longest stretch of the item it contains (for --show). */
    private static String excerpt(String doc, String item) {
        for (int len = item.length() - 1; len >= 13; len--) {
            for (int from = 0; from + len <= item.length(); from++) {
                int at = doc.indexOf(item.substring(from, from + len));
                if (at >= 0) {
                    return doc.substring(Math.max(0, at - 20), Math.min(doc.length(), at + len + 20)).replace('\n', ' ');
                }
            }
        }
        return "(no common stretch of 13+ chars: the n-grams matched across punctuation or case)";
    }
}
