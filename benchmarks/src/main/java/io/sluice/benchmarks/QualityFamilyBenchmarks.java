package io.sluice.benchmarks;

import io.sluice.pipeline.signals.quality.GopherQuality;
import io.sluice.pipeline.signals.quality.GopherRepetition;
import io.sluice.pipeline.signals.quality.C4Quality;
import io.sluice.pipeline.signals.quality.FineWebQuality;
import io.sluice.pipeline.signals.quality.SharedWords;
import io.sluice.pipeline.text.EnglishTokenizer;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.TokenBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-document cost of the field's rule families and of the tokenizer under them, on real text:
 * NLTK-style sentences and words, Gopher quality, Gopher repetition, C4 and FineWeb (each on its
 * own, as a family runs alone), and the families sharing one tokenization, as
 * {@code SignalRegistry.standard()} runs them. Each invocation processes one document, cycling
 * through 256 Europarl documents of {@code docBytes} characters; 2400 is the dev corpus's mean
 * document size, 1400 the stream's. Documents per second = 1e6 / (µs per op).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar QualityFamilyBenchmarks -wi 2 -i 3 -f 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QualityFamilyBenchmarks {

    @Param({"1400", "2400"})
    int docBytes;

    private List<String> texts;
    private final NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
    private final TokenBuffer tokens = new TokenBuffer();
    private final GopherQuality quality = new GopherQuality(new SharedWords());
    private final GopherRepetition repetition = new GopherRepetition(new SharedWords());
    private final SharedWords shared = new SharedWords();
    private final GopherQuality sharedQuality = new GopherQuality(shared);
    private final GopherRepetition sharedRepetition = new GopherRepetition(shared);
    private final C4Quality c4 = new C4Quality(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB);
    private final C4Quality sharedC4 = new C4Quality(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB, shared);
    private final FineWebQuality fineWeb = new FineWebQuality(new SharedWords(), FineWebQuality.Options.DATATROVE_DEFAULTS);
    private final FineWebQuality sharedFineWeb = new FineWebQuality(shared, FineWebQuality.Options.DATATROVE_DEFAULTS);
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        texts = BenchmarkTexts.documents(256, docBytes);
    }

    private String nextText() {
        next = (next + 1) & 255;
        return texts.get(next);
    }

    @Benchmark
    public int tokenizerSentences() {
        return tokenizer.sentenceCount(nextText());
    }

    @Benchmark
    public int tokenizerWords() {
        tokenizer.words(nextText(), tokens);
        return tokens.size();
    }

    @Benchmark
    public void gopherQuality(Blackhole bh) {
        quality.compute(nextText(), (name, value) -> bh.consume(value));
    }

    @Benchmark
    public void gopherRepetition(Blackhole bh) {
        repetition.compute(nextText(), (name, value) -> bh.consume(value));
    }

    @Benchmark
    public void gopherBothSharedTokens(Blackhole bh) {
        String text = nextText();
        sharedQuality.compute(text, (name, value) -> bh.consume(value));
        sharedRepetition.compute(text, (name, value) -> bh.consume(value));
    }

    /** C4 alone: Punkt runs on each kept line with a sentence end. */
    @Benchmark
    public void c4(Blackhole bh) {
        c4.compute(nextText(), (name, value) -> bh.consume(value));
    }

    /** FineWeb alone, tokenizing the text for its word count. */
    @Benchmark
    public void fineWeb(Blackhole bh) {
        fineWeb.compute(nextText(), (name, value) -> bh.consume(value));
    }

    /**
     * The four families as the registry and {@code score --profile datatrove} run them: one
     * tokenization, whose Punkt sentences C4 reads too. Minus {@code gopherBothSharedTokens}, the
     * cost C4 and FineWeb add.
     */
    @Benchmark
    public void allFourShared(Blackhole bh) {
        String text = nextText();
        sharedQuality.compute(text, (name, value) -> bh.consume(value));
        sharedRepetition.compute(text, (name, value) -> bh.consume(value));
        sharedC4.compute(text, (name, value) -> bh.consume(value));
        sharedFineWeb.compute(text, (name, value) -> bh.consume(value));
    }
}
