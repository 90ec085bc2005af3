package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static final String MODEL = "/io/sluice/pipeline/text/punkt_tab/english/";
    private static final List<String> MODEL_FILES =
            List.of("abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab");
    private static final String SCRIPT = "/io/sluice/pipeline/text/nltk_tokenize.py";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void javaAndNltkSplitEveryEuroparlDocumentIntoTheSameSentencesAndWords(@TempDir Path dir) throws Exception {
        String python = pythonWithNltk();
        assumeTrue(python != null, "no python3 with NLTK on this machine");
        Path parameters = Files.createDirectories(dir.resolve("english"));
        for (String file : MODEL_FILES) {
            copy(MODEL + file, parameters.resolve(file));
        }
        Path script = copy(SCRIPT, dir.resolve("nltk_tokenize.py"));
        List<String> documents = TokenStreamRegressionTest.documents();
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

        NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
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
        assertThat(mismatches).as("documents tokenized differently").isEmpty();
        assertThat(sentences).as("sentences compared").isGreaterThan(10_000);
        assertThat(words).as("words compared").isGreaterThan(300_000);
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
