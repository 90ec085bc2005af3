package io.sluice.pipeline.signals.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.TokenBuffer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: steady-state cost per document of two or more builds of the
 * pipeline, measured in one JVM with their rounds interleaved, so that the shared machine's load
 * swings hit every build alike (separate runs minutes apart differed by up to 2x here). Each build
 * is loaded by its own class loader from its {@code classes} directory.
 *
 * <p>Usage (from the repository root, after {@code mvn -o -q install -DskipTests}; copy a baseline's
 * {@code pipeline/target/classes} aside first, e.g. from a worktree of the older commit):
 * <pre>
 * DEPS=$(tr ':' '\n' &lt; cli/target/classpath.txt | grep -v sluice-pipeline | paste -sd:)
 * taskset -c 1 java -cp pipeline/target/test-classes:$DEPS \
 *     io.sluice.pipeline.signals.quality.InterleavedBuildsMain corpus.jsonl[.gz] 16 families \
 *     /tmp/baseline-classes pipeline/target/classes
 * </pre>
 * {@code families} times the four reference rule families (µs per document for each, then the
 * total), {@code scorer} the whole default-policy scorer, {@code tokenizer} the English word
 * tokenizer alone, {@code langid} language identification alone,
 * {@code pii} the PII scanner alone, {@code text} the text statistics alone. The first 7,533 documents of the corpus are used (the dev corpus); the median of
 * the second half of the rounds is printed per build.
 */
public final class InterleavedBuildsMain {

    private InterleavedBuildsMain() {
    }

    /** The datatrove reference families, each timed. */
    public static final class Families implements Function<List<String>, long[]> {
        private final ReferenceProfile profile = ReferenceProfile.datatrove();
        private final SignalCollector sink = (name, value) -> { };

        @Override
        public long[] apply(List<String> texts) {
            List<FilterFamily> families = profile.families();
            long[] nanos = new long[families.size() + 1];
            long start = System.nanoTime();
            for (String text : texts) {
                String doc = new String(text); // a fresh instance per document, as the scorer hands out
                for (int f = 0; f < families.size(); f++) {
                    long t0 = System.nanoTime();
                    families.get(f).evaluate(doc, sink);
                    nanos[f] += System.nanoTime() - t0;
                }
            }
            nanos[families.size()] = System.nanoTime() - start;
            return nanos;
        }
    }

    /**
     * Times {@code work} over every text (a fresh copy each, as a real run hands each document over
     * once) and returns the nanoseconds; the sum of its results keeps the work observable.
     */
    static long[] timeEach(List<String> texts, java.util.function.ToDoubleFunction<String> work) {
        long start = System.nanoTime();
        double sum = 0;
        for (String text : texts) {
            sum += work.applyAsDouble(new String(text));
        }
        long nanos = System.nanoTime() - start;
        if (sum < 0) {
            throw new AssertionError();
        }
        return new long[] {nanos};
    }

    /** The English word tokenizer alone (Punkt sentences, then Treebank words), which the Gopher families share. */
    public static final class Tokenizer implements Function<List<String>, long[]> {
        private final NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
        private final TokenBuffer buffer = new TokenBuffer();

        @Override
        public long[] apply(List<String> texts) {
            return timeEach(texts, text -> {
                tokenizer.words(text, buffer);
                return buffer.size();
            });
        }
    }

    /** Language identification alone, as the default profile's scorer calls it once per document. */
    public static final class LanguageId implements Function<List<String>, long[]> {
        private final io.sluice.pipeline.lang.LanguageIdentifier identifier =
                io.sluice.pipeline.lang.LanguageIdentifier.standard();

        @Override
        public long[] apply(List<String> texts) {
            return timeEach(texts, text -> identifier.identify(text).confidence());
        }
    }

    /** The text statistics family ({@code text.*}) alone. */
    public static final class TextStats implements Function<List<String>, long[]> {
        private final io.sluice.pipeline.signals.TextStatistics statistics = new io.sluice.pipeline.signals.TextStatistics();
        private final double[] sum = new double[1];
        private final SignalCollector sink = (name, value) -> sum[0] += value;

        @Override
        public long[] apply(List<String> texts) {
            return timeEach(texts, text -> {
                statistics.compute(text, sink);
                return sum[0];
            });
        }
    }

    /** The PII scanner alone. */
    public static final class Pii implements Function<List<String>, long[]> {
        private final io.sluice.pipeline.signals.pii.PiiScanner scanner = new io.sluice.pipeline.signals.pii.PiiScanner();

        @Override
        public long[] apply(List<String> texts) {
            return timeEach(texts, text -> scanner.scan(text).size());
        }
    }

    /** The whole scorer with the default policy, as {@code sluice score} runs it. */
    public static final class Scorer implements Function<List<String>, long[]> {
        private final DocumentScorer scorer;

        public Scorer() throws Exception {
            scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        }

        @Override
        public long[] apply(List<String> texts) {
            long start = System.nanoTime();
            int i = 0;
            for (String text : texts) {
                scorer.score(new ScoringInput("d" + i++, new String(text), SourceKind.SCRAPED, 0L, null, null, null));
            }
            return new long[] {System.nanoTime() - start};
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: InterleavedBuildsMain corpus.jsonl[.gz] rounds families|scorer|tokenizer|langid|pii|text classesDir...");
            System.exit(2);
        }
        List<String> texts = readTexts(Path.of(args[0]), 7533);
        int rounds = Integer.parseInt(args[1]);
        String runner = InterleavedBuildsMain.class.getName() + switch (args[2]) {
            case "scorer" -> "$Scorer";
            case "tokenizer" -> "$Tokenizer";
            case "langid" -> "$LanguageId";
            case "pii" -> "$Pii";
            case "text" -> "$TextStats";
            default -> "$Families";
        };
        URL tool = InterleavedBuildsMain.class.getProtectionDomain().getCodeSource().getLocation();
        List<URL> dependencies = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            URL url = Path.of(entry).toUri().toURL();
            if (!url.equals(tool)) {
                dependencies.add(url);
            }
        }
        int builds = args.length - 3;
        Function<List<String>, long[]>[] runs = new Function[builds];
        for (int b = 0; b < builds; b++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(args[3 + b]).toUri().toURL()); // the build under test first
            urls.add(tool);
            urls.addAll(dependencies);
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            runs[b] = (Function<List<String>, long[]>) loader.loadClass(runner).getDeclaredConstructor().newInstance();
        }
        double[][] totals = new double[builds][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < builds; b++) {
                long[] nanos = runs[b].apply(texts);
                StringBuilder line = new StringBuilder("round " + r + " build " + b + ":");
                for (long x : nanos) {
                    line.append(String.format(Locale.ROOT, " %.1f", x / 1e3 / texts.size()));
                }
                totals[b][r] = nanos[nanos.length - 1] / 1e3 / texts.size();
                System.out.println(line);
            }
        }
        for (int b = 0; b < builds; b++) {
            double[] late = Arrays.copyOfRange(totals[b], rounds / 2, rounds);
            Arrays.sort(late);
            System.out.printf(Locale.ROOT, "build %d (%s): median of the second half %.1f µs per document%n", b,
                    args[3 + b], late[late.length / 2]);
        }
    }

    private static List<String> readTexts(Path corpus, int limit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (InputStream raw = new FileInputStream(corpus.toFile());
             InputStream in = corpus.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && texts.size() < limit) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).get("text").asText());
                }
            }
        }
        return texts;
    }
}
