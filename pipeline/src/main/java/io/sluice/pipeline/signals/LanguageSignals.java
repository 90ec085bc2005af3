package io.sluice.pipeline.signals;

import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.lang.LanguageIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * The {@code lang} family: how sure language identification is of the record's language.
 * <ul>
 *   <li>{@code lang.confidence} — confidence of the identified language, 0 when undetermined;</li>
 *   <li>{@code lang.second_confidence} — confidence of the runner-up (a close second means a mixed or
 *       ambiguous text).</li>
 * </ul>
 * The code itself is categorical, so it is not a signal: the scorer reads it through
 * {@link #lastGuess()} and puts it in the slice (when the record declares no language) and in
 * {@code ScoringResult#language()}.
 *
 * <p>Thread-confined like every family (it remembers the last guess); the identifier it wraps is shared.
 * Families that need the language too (Gopher quality's stop words) share its {@link RecordLanguage},
 * so the text is identified once.
 */
public final class LanguageSignals implements TextSignalFamily {

    public static final String CONFIDENCE = "lang.confidence";
    public static final String SECOND_CONFIDENCE = "lang.second_confidence";
    private static final List<String> NAMES = List.of(CONFIDENCE, SECOND_CONFIDENCE);

    private final RecordLanguage language;
    private LanguageGuess last = LanguageGuess.UNDETERMINED;

    public LanguageSignals(LanguageIdentifier identifier) {
        this(new RecordLanguage(identifier));
    }

    /** A family reporting the guesses of a {@link RecordLanguage} other families share. */
    public LanguageSignals(RecordLanguage language) {
        this.language = Objects.requireNonNull(language, "language");
    }

    /** The record language this family reports on; the scorer declares each record's language to it. */
    public RecordLanguage recordLanguage() {
        return language;
    }

    @Override
    public String name() {
        return "lang";
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(String normalizedText, SignalCollector out) {
        last = language.guess(normalizedText);
        out.put(CONFIDENCE, last.confidence());
        out.put(SECOND_CONFIDENCE, last.secondConfidence());
    }

    /** The guess for the text of the last {@link #compute} call. */
    public LanguageGuess lastGuess() {
        return last;
    }
}
