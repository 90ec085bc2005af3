package io.sluice.pipeline.text;

/**
 * Chinese and Japanese are written without spaces between words, so code that splits text into
 * words at spaces and punctuation gets a whole sentence or paragraph as one "word" from them. Word
 * n-gram code treats each of their characters as a word instead, as is usual for these languages
 * (character n-grams): contamination checks ({@code WordNgrams}) and deduplication shingles
 * ({@code TextSignature}).
 */
public final class UnspacedScript {

    private UnspacedScript() {
    }

    /**
     * True for a Han character (CJK unified ideographs, extension A, compatibility ideographs) or a
     * Hiragana or Katakana one: a range check, since it runs on every char of a text (supplementary
     * ideographs, written as surrogate pairs, are rare and not covered).
     */
    public static boolean isHanOrKana(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF')
                || (c >= '\u3040' && c <= '\u30FF');
    }
}
