package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.List;

/**
 * Remembers the words of the last text it tokenized, so that the families of one profile, which all
 * tokenize the same document (Gopher quality and repetition, FineWeb's list ratio), pay for it once.
 * The text is recognized by identity, which is what the families see: the same {@code String}
 * instance, one after the other. Thread-confined, like the families holding it.
 */
final class SameTextTokenizer implements EnglishTokenizer {

    private final EnglishTokenizer delegate;
    private String lastText;
    private List<String> lastWords;

    SameTextTokenizer(EnglishTokenizer delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<String> sentences(String text) {
        // C4 asks per line, never twice for the same one: nothing to share.
        return delegate.sentences(text);
    }

    @Override
    public List<String> words(String text) {
        if (text != lastText) {
            lastWords = delegate.words(text);
            lastText = text;
        }
        return lastWords;
    }
}
