package io.sluice.pipeline.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the language model shipped as {@link LanguageIdentifier#STANDARD_MODEL} (a dev tool, run by
 * {@code pipeline/src/langid-training/build-model.sh}; not a test).
 *
 * <p>Training text, and nothing else: Europarl lines 0–7,999 labelled by {@link FunctionWordLabeler}
 * (21 languages), plus {@code TEXT_DIR/train/<lang>.txt} as written by
 * {@code extract_debian_text.py} (gettext catalogues of installed Debian packages; the Norwegian
 * Debian Edu manuals; Maltese word list). Naive Bayes with Dirichlet smoothing towards the mean distribution of all languages, so a
 * language with little text does not win every n-gram it never saw.
 *
 * <p>Usage: {@code LanguageModelTrainer TEXT_DIR OUT_MODEL [BITS] [MU]}
 */
public final class LanguageModelTrainer {

    static final List<String> LATIN = List.of("ca", "cs", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fr", "ga",
            "hr", "hu", "id", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "tr", "vi");
    static final List<String> CYRILLIC = List.of("be", "bg", "kk", "mk", "ru", "sr", "uk");
    static final List<String> DEVANAGARI = List.of("hi", "mr", "ne");
    static final float SCALE = 10f;

    private LanguageModelTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path textDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int bits = args.length > 2 ? Integer.parseInt(args[2]) : 17;
        double mu = args.length > 3 ? Double.parseDouble(args[3]) : 100_000;

        Map<String, long[]> counts = new TreeMap<>();
        for (String lang : LATIN) {
            counts.put(lang, new long[1 << bits]);
        }
        for (String lang : CYRILLIC) {
            counts.put(lang, new long[1 << bits]);
        }
        for (String lang : DEVANAGARI) {
            counts.put(lang, new long[1 << bits]);
        }
        Map<String, Long> chars = new TreeMap<>();
        int europarl = 0;
        for (EuroparlDocuments.Doc doc : EuroparlDocuments.read(0, EuroparlDocuments.RESERVED_FROM_LINE)) {
            if (doc.lang() != null && counts.containsKey(doc.lang())) {
                add(counts.get(doc.lang()), doc.body(), bits);
                chars.merge(doc.lang(), (long) doc.body().length(), Long::sum);
                europarl++;
            }
        }
        System.err.println("Europarl documents used: " + europarl);
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            Path file = textDir.resolve("train").resolve(e.getKey() + ".txt");
            if (!Files.exists(file)) {
                System.err.println("no Debian text for " + e.getKey());
                continue;
            }
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    add(e.getValue(), line, bits);
                    chars.merge(e.getKey(), (long) line.length(), Long::sum);
                }
            }
        }
        chars.forEach((k, v) -> System.err.printf(Locale.ROOT, "%s: %,d training chars%n", k, v));

        // Each script's languages together (Latin, Cyrillic, Devanagari), so that the identifier's
        // accumulator reads only the part of a row that holds a text's candidates.
        String[] codes = counts.keySet().stream()
                .sorted(java.util.Comparator.comparingInt((String c) -> CYRILLIC.contains(c) ? 1 : DEVANAGARI.contains(c) ? 2 : 0)
                        .thenComparing(c -> c))
                .toArray(String[]::new);
        int n = codes.length;
        int buckets = 1 << bits;
        double[][] p = new double[n][];
        double[] background = new double[buckets];
        for (int l = 0; l < n; l++) {
            long[] c = counts.get(codes[l]);
            long total = 0;
            for (long v : c) {
                total += v;
            }
            p[l] = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                p[l][b] = (double) c[b] / total;
                background[b] += p[l][b] / n;
            }
        }
        byte[] table = new byte[buckets * n];
        for (int l = 0; l < n; l++) {
            long[] c = counts.get(codes[l]);
            long total = 0;
            for (long v : c) {
                total += v;
            }
            for (int b = 0; b < buckets; b++) {
                double bg = background[b] + 1e-3 / buckets;
                double prob = (c[b] + mu * bg) / (total + mu);
                long cost = Math.round(-Math.log(prob) * SCALE);
                table[b * n + l] = (byte) Math.min(255, Math.max(0, cost));
            }
        }
        String[] scripts = new String[n];
        for (int l = 0; l < n; l++) {
            scripts[l] = CYRILLIC.contains(codes[l]) ? "Cyrl" : DEVANAGARI.contains(codes[l]) ? "Deva" : "Latn";
        }
        LanguageModel model = new LanguageModel(bits, SCALE, codes, scripts, table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.write(os);
        }
        System.err.printf(Locale.ROOT, "wrote %s: %d languages, 2^%d buckets, %,d bytes%n", out, n, bits, Files.size(out));
    }

    private static void add(long[] counts, String text, int bits) {
        NgramHasher.forEach(text, Integer.MAX_VALUE, bits, b -> {
            counts[b]++;
            return true;
        });
    }
}
