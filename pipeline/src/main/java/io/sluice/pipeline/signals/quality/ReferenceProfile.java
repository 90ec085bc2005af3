package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * datatrove's reference setup of the web rule families, the one whose verdicts the dev corpus's
 * reference decisions hold and whose published thresholds trainers know: default thresholds, the
 * English tokenizer for every document whatever its language, and C4 with
 * {@code filter_no_terminal_punct=False} as FineWeb runs it. Families are listed in FineWeb's cascade
 * order ({@code gopher_rep}, {@code gopher_qual}, {@code c4}, {@code fineweb}); each judges the text
 * independently, as the reference decisions do.
 *
 * <p>Thread-confined: the families keep scratch state, and share one {@link SharedWords} so that a
 * document is word-tokenized once.
 */
public final class ReferenceProfile {

    private final List<FilterFamily> families;
    private final List<String> signalNames;

    private ReferenceProfile(List<FilterFamily> families) {
        this.families = List.copyOf(families);
        List<String> names = new ArrayList<>();
        families.forEach(f -> names.addAll(f.signalNames()));
        this.signalNames = List.copyOf(names);
    }

    /** The reference setup with the standard English tokenizer. */
    public static ReferenceProfile datatrove() {
        return datatrove(EnglishTokenizer.standard(), false);
    }

    /**
     * The reference setup.
     *
     * @param tokenizer                the English tokenizer C4 counts sentences with (word tokens, for
     *                                 the Gopher families and FineWeb, are always NLTK's)
     * @param c4FilterNoTerminalPunct  true for datatrove's stock C4 default, which also removes lines
     *                                 without terminal punctuation (the {@code c4_default} column of the
     *                                 reference decisions); the reference profile uses false
     */
    public static ReferenceProfile datatrove(EnglishTokenizer tokenizer, boolean c4FilterNoTerminalPunct) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        List<FilterFamily> families = new ArrayList<>();
        // Both Gopher families and FineWeb's word count read the same NLTK word tokens, computed once
        // per document; C4 counts the sentences of its kept lines from the same Punkt pass.
        SharedWords words = new SharedWords();
        families.add(new GopherRepetition(words));
        families.add(new GopherQuality(words));
        families.add(new C4Quality(tokenizer, C4Quality.Options.FINEWEB.withFilterNoTerminalPunct(c4FilterNoTerminalPunct),
                words));
        families.add(new FineWebQuality(words, FineWebQuality.Options.DATATROVE_DEFAULTS));
        return new ReferenceProfile(families);
    }

    /** The families, in cascade order. */
    public List<FilterFamily> families() {
        return families;
    }

    /** Every signal the families emit, in emission order. */
    public List<String> signalNames() {
        return signalNames;
    }

    /**
     * Runs every family on {@code text}: signals go to {@code out}, and {@code verdicts[i]} receives the
     * verdict of {@code families().get(i)}.
     */
    public void evaluate(String text, SignalCollector out, FilterVerdict[] verdicts) {
        for (int i = 0; i < families.size(); i++) {
            verdicts[i] = families.get(i).evaluate(text, out);
        }
    }
}
