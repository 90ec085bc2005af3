package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pipeline.lang.LanguageIdentifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java Punkt port against NLTK's own {@code PunktSentenceTokenizer}, both with the model Sluice
 * ships (NLTK's English {@code punkt_tab}, loaded into NLTK by {@code nltk_tokenize.py}), on the
 * 2,000 Europarl documents of {@link TokenStreamRegressionTest}: every document must split into the
 * same sentences, and into the same words as datatrove's {@code word_tokenize} makes them (NLTK's
 * Treebank-style {@code NLTKWordTokenizer} over each of Punkt's sentences), so that the algorithm
 * stays NLTK's. Needs a Python 3 with NLTK (Debian's {@code python3-nltk}, which
 * {@code .ci/run} installs); skipped without one.
 */
class PunktNltkEquivalenceTest {

    private static final String MODELS = "/io/sluice/pipeline/text/punkt_tab/";
    private static final List<String> MODEL_FILES =
            List.of("abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab");
    private static final String SCRIPT = "/io/sluice/pipeline/text/nltk_tokenize.py";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void javaAndNltkSplitEveryEuroparlDocumentIntoTheSameSentencesAndWords(@TempDir Path dir) throws Exception {
        Counts counts = compare(dir, "english", NltkEnglishTokenizer.instance(), TokenStreamRegressionTest.documents());
        assertThat(counts.sentences).as("sentences compared").isGreaterThan(10_000);
        assertThat(counts.words).as("words compared").isGreaterThan(300_000);
    }

    /**
     * Every other model Sluice ships, on 300 Europarl documents of its own language (1 to 6
     * consecutive lines the language identifier gives that language), where its abbreviations,
     * collocations and orthographic context come into play.
     */
    @ParameterizedTest
    @CsvSource({"de, german", "fr, french", "es, spanish", "it, italian", "pt, portuguese", "nl, dutch", "el, greek",
        "sl, slovene", "sv, swedish", "cs, czech", "pl, polish", "da, danish", "fi, finnish"})
    void eachLanguageModelSplitsLikeNltkWithTheSameModel(String code, String model, @TempDir Path dir)
            throws Exception {
        NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.forLanguage(code);
        assertThat(tokenizer).isNotSameAs(NltkEnglishTokenizer.instance());
        List<String> documents = new ArrayList<>(europarlDocumentsIn(code, 300));
        documents.addAll(abbreviationDocuments(model, LATIN_WORDS, 100));
        Counts counts = compare(dir, model, tokenizer, documents);
        assertThat(counts.sentences).as("sentences compared").isGreaterThan(1_000);
    }

    /**
     * Russian, Norwegian and Turkish are not in Europarl: made-up text in each, full of its model's
     * abbreviations, numbers and capitalised words, checks that the port reads and applies the model
     * as NLTK does. (NLTK's Russian model is an abbreviation list alone: no collocations, starters or
     * orthographic context.)
     */
    @ParameterizedTest
    @CsvSource({"ru, russian", "no, norwegian", "nb, norwegian", "tr, turkish"})
    void modelsOfLanguagesEuroparlLacksSplitLikeNltk(String code, String model, @TempDir Path dir) throws Exception {
        NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.forLanguage(code);
        assertThat(tokenizer).isNotSameAs(NltkEnglishTokenizer.instance());
        Counts counts = compare(dir, model, tokenizer, abbreviationDocuments(model, MADE_UP_TEXT_WORDS.get(model), 300));
        assertThat(counts.sentences).as("sentences compared").isGreaterThan(1_000);
    }

    private static final List<String> LATIN_WORDS = List.of("die", "la", "el", "de", "en", "und", "het", "il",
            "que", "van", "Haus", "casa", "maison", "Stadt", "città", "cidade", "stad", "war", "est", "era", "é",
            "Europa", "Berlin", "Paris", "Madrid", "Roma", "Lisboa", "Amsterdam", "Müller", "García", "Rossi",
            "και", "το", "η", "Αθήνα", "Ευρώπη", "πόλη");
    private static final Map<String, List<String>> MADE_UP_TEXT_WORDS = Map.of(
            "russian", List.of("в", "и", "на", "это", "был", "город", "году",
                    "улице", "дом", "он", "она", "Москва", "Петербург", "Россия", "Иванов", "Пушкин", "Это", "Потом",
                    "после", "войны", "реки", "завод", "книга", "читал", "жил", "около", "км", "лет"),
            "norwegian", List.of("og", "i", "det", "på", "som", "er", "en", "til", "av", "med", "ikke", "har",
                    "byen", "huset", "kommunen", "regjeringen", "Oslo", "Bergen", "Norge", "Hansen", "Olsen",
                    "Stortinget", "Det", "Han", "Hun", "etter", "krigen", "skolen", "mandag", "kroner"),
            "turkish", List.of("ve", "bir", "bu", "da", "için", "ile", "çok", "olarak", "şehir", "evde",
                    "belediye", "hükümet", "İstanbul", "Ankara", "Türkiye", "Yılmaz", "Demir", "Meclis", "Bu", "O",
                    "sonra", "savaş", "okul", "pazartesi", "lira", "yılında", "ısı", "İzmir"));

    /**
     * {@code count} made-up documents of eight sentences each: words from {@code words}, and in many
     * sentences one of the model's own abbreviations or a number with a period, followed by a word that
     * is capitalised or not, so that the first pass and the second pass's heuristics all come into play.
     */
    static List<String> abbreviationDocuments(String model, List<String> words, int count) throws IOException {
        List<String> abbreviations = new ArrayList<>();
        try (InputStream in = PunktNltkEquivalenceTest.class.getResourceAsStream(MODELS + model + "/abbrev_types.txt")) {
            for (String a : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!a.isBlank() && a.indexOf(' ') < 0) {
                    abbreviations.add(a);
                }
            }
        }
        java.util.Random random = new java.util.Random(20261128L);
        List<String> docs = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            StringBuilder doc = new StringBuilder();
            for (int s = 0; s < 8; s++) {
                int n = 4 + random.nextInt(7);
                for (int w = 0; w < n; w++) {
                    String word = words.get(random.nextInt(words.size()));
                    if (w == 0) {
                        word = word.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + word.substring(1);
                    }
                    doc.append(word).append(' ');
                    int pick = random.nextInt(10);
                    if (pick < 2) {
                        String a = abbreviations.get(random.nextInt(abbreviations.size()));
                        doc.append(random.nextBoolean() ? a : a.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                                + a.substring(1)).append(". ");
                    } else if (pick == 2) {
                        doc.append(1 + random.nextInt(31)).append(". ");
                    }
                }
                doc.setLength(doc.length() - 1);
                doc.append(switch (random.nextInt(6)) { case 0 -> "?"; case 1 -> "!"; default -> "."; });
                doc.append(random.nextInt(4) == 0 ? "\n" : " ");
            }
            docs.add(doc.toString());
        }
        return docs;
    }

    private record Counts(long sentences, long words) {}

    /** Runs NLTK with the model {@code model} and {@code tokenizer} over {@code documents}; asserts they agree. */
    private Counts compare(Path dir, String model, NltkEnglishTokenizer tokenizer, List<String> documents)
            throws Exception {
        String python = pythonWithNltk();
        assumeTrue(python != null, "no python3 with NLTK on this machine");
        Path parameters = Files.createDirectories(dir.resolve(model));
        for (String file : MODEL_FILES) {
            copy(MODELS + model + "/" + file, parameters.resolve(file));
        }
        Path script = copy(SCRIPT, dir.resolve("nltk_tokenize.py"));
        Path input = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (String doc : documents) {
            lines.add(json.writeValueAsString(doc));
        }
        Files.write(input, lines, StandardCharsets.UTF_8);

        Path output = dir.resolve("sentences.jsonl");
        Process p = new ProcessBuilder(python, script.toString(), parameters.toString(), input.toString())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("NLTK finished").isTrue();
        assertThat(p.exitValue()).as("NLTK's exit status").isZero();
        List<String> nltkLines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(nltkLines).hasSameSizeAs(documents);

        List<String> mismatches = new ArrayList<>();
        long sentences = 0;
        long words = 0;
        for (int i = 0; i < documents.size(); i++) {
            NltkOutput nltk = json.readValue(nltkLines.get(i), NltkOutput.class);
            List<String> ours = new ArrayList<>();
            for (String s : tokenizer.sentences(documents.get(i))) {
                if (!s.strip().isEmpty()) {
                    ours.add(s.strip());
                }
            }
            sentences += ours.size();
            words += nltk.words().size();
            if (!nltk.sentences().equals(ours) && mismatches.size() < 5) {
                mismatches.add("document " + i + " sentences:\n  NLTK: " + nltk.sentences() + "\n  ours: " + ours);
            }
            List<String> ourWords = tokenizer.words(documents.get(i));
            if (!nltk.words().equals(ourWords) && mismatches.size() < 5) {
                mismatches.add("document " + i + " words:\n  NLTK: " + nltk.words() + "\n  ours: " + ourWords);
            }
        }
        assertThat(mismatches).as(model + ": documents tokenized differently").isEmpty();
        return new Counts(sentences, words);
    }

    /** {@code count} documents of 1 to 6 consecutive Europarl lines that the identifier calls {@code code}. */
    static List<String> europarlDocumentsIn(String code, int count) throws IOException {
        LanguageIdentifier identifier = LanguageIdentifier.standard();
        List<String> docs = new ArrayList<>();
        try (BufferedReader r = TokenStreamRegressionTest.europarlLines()) {
            StringBuilder doc = new StringBuilder();
            int lines = 0;
            for (String line; docs.size() < count && (line = r.readLine()) != null; ) {
                String[] fields = line.split("\t", 3);
                if (fields.length < 3 || !code.equals(identifier.identify(fields[2]).code())) {
                    continue;
                }
                doc.append(fields[2]).append(lines % 2 == 0 ? "\n\n" : "\n");
                lines++;
                if (lines % 7 == docs.size() % 6 + 1) {
                    docs.add(doc.toString());
                    doc.setLength(0);
                }
            }
        }
        return docs;
    }

    /** One document as NLTK tokenized it. */
    record NltkOutput(List<String> sentences, List<String> words) {}

    /** The first of {@code /usr/bin/python3} and {@code python3} that can import NLTK's Punkt, or null. */
    private static String pythonWithNltk() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import nltk.tokenize.punkt")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException | InterruptedException e) {
                // not there: try the next one
            }
        }
        return null;
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = PunktNltkEquivalenceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
