package io.sluice.pipeline.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pipeline.text.UnspacedScript;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: how often near deduplication finds a near copy of a real Chinese or
 * Japanese document, and how often two different ones share a band key. The documents are the
 * corpus's lines labelled {@code zh} or {@code ja} whose letters are at least 30% Han or kana (300+
 * chars); each gets a near copy with one Han or kana char in {@code N} replaced, or one line
 * dropped ({@code line}).
 *
 * <p>Usage: {@code UnspacedNearCopyEvaluation corpus.jsonl.gz 100|50|line} (test classpath). Run it
 * with an older build's classes first on the class path to compare.
 */
public final class UnspacedNearCopyEvaluation {

    private UnspacedNearCopyEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        List<String> docs = mainlyUnspaced(args[0]);
        TextSignature signatures = new TextSignature();
        Random random = new Random(7);
        int found = 0;
        List<long[]> keys = new ArrayList<>();
        for (String text : docs) {
            String copy = args[1].equals("line") ? withoutOneLine(text, random)
                    : withReplacedChars(text, Integer.parseInt(args[1]), random);
            long[] original = signatures.of(text).bandKeys();
            keys.add(original);
            if (shared(original, signatures.of(copy).bandKeys()) > 0) {
                found++;
            }
        }
        int falsePairs = 0;
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                if (shared(keys.get(i), keys.get(j)) > 0) {
                    falsePairs++;
                }
            }
        }
        System.out.printf("%d mainly Chinese or Japanese documents: near copy found for %d; pairs of different "
                + "documents sharing a band key: %d%n", docs.size(), found, falsePairs);
    }

    private static List<String> mainlyUnspaced(String corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new FileInputStream(corpus)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = json.readTree(line);
                JsonNode lang = n.get("lang");
                String text = n.get("text").asText();
                if (lang == null || !(lang.asText().equals("zh") || lang.asText().equals("ja")) || text.length() < 300) {
                    continue;
                }
                if (UnspacedScript.sharePercent(text) >= 30) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    private static String withReplacedChars(String text, int oneIn, Random random) {
        char[] c = text.toCharArray();
        for (int k = 0; k < c.length / oneIn; k++) {
            int p = random.nextInt(c.length);
            if (UnspacedScript.isHanOrKana(c[p])) {
                c[p] = '的';
            }
        }
        return new String(c);
    }

    private static String withoutOneLine(String text, Random random) {
        String[] lines = text.split("\n");
        int drop = random.nextInt(lines.length);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
            if (k != drop) {
                sb.append(lines[k]).append('\n');
            }
        }
        return sb.toString();
    }

    private static int shared(long[] a, long[] b) {
        int s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += a[i] == b[i] ? 1 : 0;
        }
        return s;
    }
}
