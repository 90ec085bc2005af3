package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.TokenBuffer;

/**
 * The English word tokens of the document being scored, computed once and shared by the families
 * that need them (Gopher quality and Gopher repetition both tokenize the whole text, which is most
 * of their cost).
 *
 * <p>Remembers the last text by identity: the scorer hands every family the same normalized string
 * instance, so a second family asking for the same document gets the tokens without work. Not
 * thread-safe; one per registry, which is thread-confined like its families.
 */
public final class SharedWords {

    private final NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
    private final TokenBuffer buffer = new TokenBuffer();
    private String last;

    /** The word tokens of {@code text}; valid until the next call with another text. */
    public TokenBuffer of(String text) {
        if (text != last) {
            tokenizer.words(text, buffer);
            last = text;
        }
        return buffer;
    }
}
