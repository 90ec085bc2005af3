package io.sluice.pipeline.signals.contamination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Word n-gram fingerprints of benchmark sets, for contamination checks. Each benchmark is a sorted,
 * de-duplicated {@code long[]} of 64-bit n-gram hashes: 8 bytes per distinct n-gram (a million
 * n-grams take 8 MB), no per-entry objects, and lookups by binary search. A 64-bit hash makes false
 * matches negligible (about n²/2⁶⁵ expected collisions). Immutable and shared by all scorers.
 *
 * @param n          words per n-gram (13 by default, as in the GPT-3 and Llama contamination studies)
 * @param benchmarks benchmark name to its sorted distinct n-gram hashes, in configuration order
 */
public record ContaminationIndex(int n, Map<String, long[]> benchmarks) {

    /** No benchmarks configured. */
    public static final ContaminationIndex NONE = new ContaminationIndex(13, Map.of());

    public ContaminationIndex {
        benchmarks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
    }

    /**
     * Loads benchmarks from JSON Lines files (optionally .gz): every string value of each item, at any
     * depth, is text whose n-grams are indexed (questions, choices, answers).
     */
    public static ContaminationIndex load(int n, Map<String, Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            long[] buf = new long[1024];
            int size = 0;
            WordNgrams grams = new WordNgrams(n);
            try (InputStream raw = Files.newInputStream(e.getValue());
                 BufferedReader r = new BufferedReader(new InputStreamReader(
                         e.getValue().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode item;
                    try {
                        item = json.readTree(line);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
                        throw new IOException("benchmark " + e.getKey() + " (" + e.getValue() + ") line " + lineNo
                                + " is not JSON: " + bad.getOriginalMessage(), bad);
                    }
                    StringBuilder text = new StringBuilder();
                    collectText(item, text);
                    long[] g = grams.hash(text.toString());
                    int k = grams.size();
                    if (size + k > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + k));
                    }
                    System.arraycopy(g, 0, buf, size, k);
                    size += k;
                }
            }
            Arrays.sort(buf, 0, size);
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || buf[i] != buf[i - 1]) {
                    buf[distinct++] = buf[i];
                }
            }
            out.put(e.getKey(), Arrays.copyOf(buf, distinct));
        }
        return new ContaminationIndex(n, out);
    }

    private static void collectText(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectText(child, out);
            }
        }
    }

    /** The benchmark names, in configuration order. */
    public List<String> names() {
        return List.copyOf(benchmarks.keySet());
    }

    /** Total bytes of n-gram state (8 per distinct n-gram per benchmark). */
    public long stateBytes() {
        long b = 0;
        for (long[] a : benchmarks.values()) {
            b += 8L * a.length;
        }
        return b;
    }
}
