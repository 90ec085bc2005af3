package io.sluice.pipeline.text;

/**
 * Chinese and Japanese are written without spaces between words, so code that splits text into
 * words at spaces and punctuation gets a whole sentence or paragraph as one "word" from them. Word
 * n-gram code treats each Han and Hiragana character as a word instead, as is usual for these
 * languages (character n-grams), and a run of Katakana as one: contamination checks
 * ({@code WordNgrams}) and deduplication shingles ({@code TextSignature}).
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
        return isHanOrHiragana(c) || isKatakana(c);
    }

    /**
     * True for a Han or Hiragana character: the ones that are words of their own. Katakana is
     * not: it spells loanwords, whose runs are words ("セキュリティーアップデート", "security update",
     * is 13 katakana and one word, and would otherwise be a whole 13-gram on its own).
     */
    public static boolean isHanOrHiragana(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF')
                || (c >= '\u3040' && c <= '\u309F');
    }

    /** Han and kana as a percentage of the letters and digits of {@code text} (0 when it has none). */
    public static int sharePercent(CharSequence text) {
        int unspaced = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters++;
                unspaced += isHanOrKana(c) ? 1 : 0;
            }
        }
        return letters == 0 ? 0 : (int) (unspaced * 100L / letters);
    }

    /**
     * True for a character of a script written without spaces between words, whose runs hold several
     * words: Han, Hiragana and Katakana (halfwidth Katakana too), Thai, Lao, Burmese (Myanmar) and
     * Khmer. Korean is written with spaces and is not one of them.
     */
    public static boolean isUnspaced(char c) {
        if (c < '\u0E00') {
            return false;
        }
        return c <= '\u0EFF' // Thai, Lao
                || (c >= '\u1000' && c <= '\u109F') // Myanmar
                || (c >= '\u1780' && c <= '\u17FF') // Khmer
                || isHanOrKana(c)
                || (c >= '\uFF66' && c <= '\uFF9F'); // halfwidth Katakana
    }

    /** True for a Katakana character, the long vowel mark ー included. */
    public static boolean isKatakana(char c) {
        return c >= '\u30A0' && c <= '\u30FF';
    }
}
