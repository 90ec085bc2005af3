package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.CharScratch;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.TokenBuffer;

/**
 * Per-document work that several families need, done once: the English word tokens (Gopher quality,
 * Gopher repetition and FineWeb's word count tokenize the whole text, which is most of their cost)
 * and the hash of every prefix of the text (Gopher repetition's lines and paragraphs and FineWeb's
 * duplicate lines are ranges of it).
 *
 * <p>Remembers the last text by identity: the scorer hands every family the same normalized string
 * instance, so a second family asking for the same document gets the result without work. Not
 * thread-safe; one per registry, which is thread-confined like its families.
 */
public final class SharedWords {

    private final NltkEnglishTokenizer tokenizer = NltkEnglishTokenizer.instance();
    private final TokenBuffer buffer = new TokenBuffer();
    private String tokenized;

    private final RangeHashes textHashes = new RangeHashes();
    private char[] textChars = new char[4096];
    private String hashed;

    /** The word tokens of {@code text}; valid until the next call with another text. */
    public TokenBuffer of(String text) {
        if (text != tokenized) {
            tokenizer.words(text, buffer);
            tokenized = text;
        }
        return buffer;
    }

    /** The chars of {@code text} (its first {@code text.length()}); valid until the next call with another text. */
    char[] chars(String text) {
        hash(text);
        return textChars;
    }

    /** Range hashes over the chars of {@code text}; valid until the next call with another text. */
    RangeHashes hashes(String text) {
        hash(text);
        return textHashes;
    }

    private void hash(String text) {
        if (text != hashed) {
            textChars = CharScratch.load(text, textChars);
            textHashes.load(textChars, text.length());
            hashed = text;
        }
    }
}
