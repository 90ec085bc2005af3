package io.sluice.pipeline.signals.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pipeline.scoring.TextNormalizer;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: agreement of the Gopher verdicts with datatrove's reference
 * decisions, with the disagreements broken down by (our reason, their reason), and how often our
 * sentence count flips an approximate C4 {@code too_few_sentences}.
 * Usage: {@code GopherAgreementMain corpus.jsonl.gz decisions.jsonl.gz [--normalize] [--verbose]}.
 */
public final class GopherAgreementMain {

    private GopherAgreementMain() {
    }

    private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
    private static final List<String> POLICY = List.of("terms of use", "privacy policy", "cookie policy",
            "uses cookies", "use of cookies", "use cookies");

    public static void main(String[] args) throws Exception {
        boolean normalize = List.of(args).contains("--normalize");
        boolean verbose = List.of(args).contains("--verbose");
        ObjectMapper om = new ObjectMapper();
        Map<String, JsonNode> reference = new HashMap<>();
        try (BufferedReader in = reader(args[1])) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode d = om.readTree(line);
                reference.put(d.get("id").asText(), d);
            }
        }
        SharedWords words = new SharedWords();
        GopherQuality quality = new GopherQuality(words);
        GopherRepetition repetition = new GopherRepetition(words);
        TextNormalizer normalizer = new TextNormalizer();
        NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
        Map<String, int[]> agree = new LinkedHashMap<>();
        Map<String, Integer> breakdown = new TreeMap<>();
        int docs = 0;
        int c4Compared = 0;
        int c4Flips = 0;
        long nanos = 0;
        try (BufferedReader in = reader(args[0])) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode doc = om.readTree(line);
                String id = doc.get("id").asText();
                String text = doc.get("text").asText();
                if (normalize) {
                    text = normalizer.normalize(text);
                }
                JsonNode ref = reference.get(id);
                docs++;
                long t0 = System.nanoTime();
                Map<String, Double> signals = new HashMap<>();
                quality.compute(text, signals::put);
                repetition.compute(text, signals::put);
                nanos += System.nanoTime() - t0;
                SignalLookup lookup = SignalLookup.of(signals);
                compare("gopher_qual", quality.verdict(lookup), ref.get("gopher_qual"), id, agree, breakdown, verbose);
                compare("gopher_rep", repetition.verdict(lookup), ref.get("gopher_rep"), id, agree, breakdown, verbose);

                JsonNode c4 = ref.get("c4");
                String c4Reason = c4.get("keep").asBoolean() ? null : c4.get("reason").asText();
                if (c4Reason == null || c4Reason.equals("too_few_sentences")) {
                    String kept = c4Lines(text);
                    if (kept != null) {
                        c4Compared++;
                        boolean ours = tokenizer.sentences(kept).size() < 5;
                        if (ours != (c4Reason != null)) {
                            c4Flips++;
                            if (verbose) {
                                System.out.println("C4 " + id + " ours_too_few=" + ours + " theirs=" + c4Reason);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "documents: %d (%s text)%n", docs, normalize ? "normalized" : "raw");
        for (Map.Entry<String, int[]> e : agree.entrySet()) {
            System.out.printf(Locale.ROOT, "%-12s keep agreement %d/%d = %.3f%%%n", e.getKey(), e.getValue()[0], docs,
                    100.0 * e.getValue()[0] / docs);
        }
        System.out.println("disagreements (family: ours -> theirs):");
        breakdown.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.printf(Locale.ROOT, "approximate C4 too_few_sentences flips: %d of %d documents (%.3f%%)%n", c4Flips,
                c4Compared, 100.0 * c4Flips / Math.max(1, c4Compared));
        System.out.printf(Locale.ROOT, "gopher families: %.0f docs/s (one thread, incl. warm-up)%n", docs / (nanos / 1e9));
    }

    private static void compare(String family, FilterVerdict ours, JsonNode theirs, String id,
                                Map<String, int[]> agree, Map<String, Integer> breakdown, boolean verbose) {
        boolean theirKeep = theirs.get("keep").asBoolean();
        String theirReason = theirKeep ? "keep" : theirs.get("reason").asText();
        String ourReason = ours.keep() ? "keep" : ours.reason();
        int[] a = agree.computeIfAbsent(family, k -> new int[1]);
        if (ours.keep() == theirKeep) {
            a[0]++;
        } else {
            breakdown.merge(family + ": " + ourReason + " -> " + theirReason, 1, Integer::sum);
            if (verbose) {
                System.out.println("DIFF " + family + " " + id + " ours=" + ourReason + " theirs=" + theirReason);
            }
        }
    }

    /** datatrove's C4 line filtering (filter_no_terminal_punct=false), roughly; null if the doc is dropped. */
    private static String c4Lines(String text) {
        StringBuilder kept = new StringBuilder();
        for (String raw : text.split("\\R")) {
            String line = CITATION.matcher(raw.strip()).replaceAll("");
            String[] ws = line.strip().split("\\s+");
            boolean longWord = false;
            for (String w : ws) {
                longWord |= w.length() > 1000;
            }
            if (longWord || line.isBlank() || ws.length < 3) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("lorem ipsum") || line.contains("{")) {
                return null;
            }
            if (lower.contains("javascript") || POLICY.stream().anyMatch(lower::contains)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('\n');
            }
            kept.append(line);
        }
        return kept.toString();
    }

    private static BufferedReader reader(String path) throws Exception {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(path)),
                StandardCharsets.UTF_8));
    }
}
