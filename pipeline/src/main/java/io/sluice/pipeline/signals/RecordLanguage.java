package io.sluice.pipeline.signals;

import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.lang.LanguageIdentifier;
import java.util.Locale;
import java.util.Objects;

/**
 * The language of the record being scored, shared by the families that depend on it: {@code lang}
 * reports the identifier's guess, Gopher quality counts that language's stop words, and the scorer
 * puts it in the slice key. Identification runs once per text, whichever family asks first.
 *
 * <p>The language is the one the record declares when it declares one (producers know better than
 * any identifier), else the identified one, else unknown. Like {@code SharedWords} it remembers the
 * last text by identity, since the scorer hands every family the same normalized string. Not
 * thread-safe: one per registry, which is thread-confined like its families.
 */
public final class RecordLanguage {

    private final LanguageIdentifier identifier;
    private String declared;
    private String lastText;
    private LanguageGuess lastGuess = LanguageGuess.UNDETERMINED;

    public RecordLanguage(LanguageIdentifier identifier) {
        this.identifier = Objects.requireNonNull(identifier, "identifier");
    }

    /**
     * Sets the language the next record declares (ISO 639-1, any case; null or blank for none). The
     * scorer calls this before computing a record's signals; callers that only have texts never do.
     */
    public void declare(String iso639_1) {
        declared = iso639_1 == null || iso639_1.isBlank() ? null : iso639_1.trim().toLowerCase(Locale.ROOT);
    }

    /** The identifier behind the guesses. */
    public LanguageIdentifier identifier() {
        return identifier;
    }

    /** The identifier's guess for {@code text}, computed once per text. */
    public LanguageGuess guess(String text) {
        if (text != lastText) {
            lastGuess = identifier.identify(text);
            lastText = text;
        }
        return lastGuess;
    }

    /** The declared language (trimmed, lower case, as declared), else the identified one for {@code text}, else null. */
    public String code(String text) {
        if (declared != null) {
            return declared;
        }
        LanguageGuess guess = guess(text);
        return guess.isDetermined() ? guess.code() : null;
    }

    /**
     * {@link #code} reduced to its language subtag ({@code de-AT} and {@code de_at} are {@code de},
     * {@code zh-Hans} is {@code zh}): what language-dependent rules such as stop words key on.
     */
    public String languageSubtag(String text) {
        String code = code(text);
        return code == null ? null : languageSubtagOf(code);
    }

    /** The part of a language tag before its first {@code -} or {@code _}: {@code de-AT}, {@code de_at} → {@code de}. */
    public static String languageSubtagOf(String tag) {
        int cut = 0;
        while (cut < tag.length() && tag.charAt(cut) != '-' && tag.charAt(cut) != '_') {
            cut++;
        }
        return cut == tag.length() ? tag : tag.substring(0, cut);
    }
}
