package io.sluice.pipeline.dedup;

import io.sluice.pipeline.text.UnspacedScript;
import io.sluice.pipeline.text.UnspacedWords;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * The keys under which a text is remembered for deduplication: one exact key and, for texts of at
 * least {@value #SHINGLE_WORDS} words, {@value #BANDS} MinHash LSH band keys ({@value #BANDS} bands of
 * {@value #ROWS} rows, datatrove's default). Two texts share a band key with probability
 * {@code 1 - (1 - J^8)^14} for Jaccard similarity J of their shingle sets: ~5% at J = 0.5, ~56% at
 * 0.7, ~92% at 0.8, ~99% at 0.85.
 *
 * <ul>
 *   <li><b>exact</b>: a 64-bit MurmurHash3 of the text with every run of whitespace collapsed to one
 *       space and the ends trimmed (so re-wrapped copies are exact duplicates);</li>
 *   <li><b>shingles</b>: word 5-grams of the simplified text (lowercased, digits folded to 0,
 *       punctuation and symbols dropped, split on whitespace), as datatrove's MinHash deduplicator
 *       simplifies before shingling; in texts that are mainly Chinese or Japanese (30% or more of
 *       their letters Han or kana) each Han or kana character is a word of its own, as they have no
 *       spaces to split on (see {@link UnspacedScript});</li>
 *   <li><b>signature</b>: one-permutation MinHash (Li, Owen and Zhang 2012) with optimal
 *       densification (Shrivastava 2017): each shingle is hashed once into one of the 112 bins,
 *       which keep their minimum, and empty bins borrow a filled bin's minimum chosen by a hash of
 *       the bin alone, so every document borrows alike. The collision probability of each of the
 *       112 values is J, as with 112 independent permutations, for ~1/100 of the cost: 112
 *       multiply-and-compare steps per shingle took 22–40 µs for a 2,400-char document here.</li>
 * </ul>
 *
 * <p>Not thread-safe (scratch buffers): one instance per thread.
 */
public final class TextSignature {
    public static final int BANDS = 14;
    public static final int ROWS = 8;
    public static final int SHINGLE_WORDS = 5;
    static final int BINS = BANDS * ROWS;
    private static final long EXACT_SEED = 0x5EED_D0C5L;
    private static final long EMPTY = -1L;
    /** Per band, mixed into its key so that equal rows in different bands give different keys. */
    private static final long[] BAND_SALT = new long[BANDS];

    static {
        SplittableRandom random = new SplittableRandom(20261126L);
        for (int b = 0; b < BANDS; b++) {
            BAND_SALT[b] = random.nextLong();
        }
    }

    /**
     * A text's keys; {@code bandKeys} is empty for texts of fewer than {@value #SHINGLE_WORDS} words.
     * {@code blank}: the text is empty or whitespace only, which is no one's copy (the policy's
     * empty-text rule deals with it), so it is neither checked nor remembered.
     */
    public record Signature(long exactKey, long[] bandKeys, boolean blank) {}

    private char[] collapsed = new char[1024];
    private long[] words = new long[256];
    private final long[] bins = new long[BINS];
    private final boolean[] filled = new boolean[BINS];

    /** Chars of the last {@link #words} pass in {@link #collapsed}. */
    private int collapsedLength;
    /** Han and kana chars, and all letters and digits, of the last {@link #words} pass. */
    private int unspacedLetters;
    private int letters;
    /** Thai, Lao, Khmer and Burmese chars of the last {@link #words} pass. */
    private int southeastAsianLetters;
    /** Cuts Thai, Lao, Khmer and Burmese into words; created on the first text mainly in one of them. */
    private UnspacedWords southeastAsianWords;

    /** The signature of {@code text}. */
    public Signature of(String text) {
        int wordCount = words(text, false);
        long exact = MurmurHash3.hash(collapsed, 0, collapsedLength, EXACT_SEED)[0];
        if (unspacedLetters > 0 && unspacedLetters * 100L >= (long) letters * UNSPACED_SHARE_PERCENT) {
            // Mainly Chinese or Japanese, written without spaces between words: each Han or kana char
            // is a word, so that a page of them gives shingles (character 5-grams), not a few
            // space-separated runs too few to shingle. Only for such texts: in a page of English
            // with a translated heading, a character weighs as much as a word, and the page would
            // no longer be the near copy of its English original that it is.
            wordCount = words(text, true);
        } else if (southeastAsianLetters > 0
                && southeastAsianLetters * 100L >= (long) letters * UNSPACED_SHARE_PERCENT) {
            // Mainly Thai, Lao, Khmer or Burmese: spaces there part phrases or sentences, not words,
            // so the words are ICU's dictionary words (signals version 24; before, a phrase between
            // spaces was one word, and a near copy with a few words changed lost most shingles).
            wordCount = southeastAsianWords(text);
        }
        if (wordCount < SHINGLE_WORDS) {
            return new Signature(exact, new long[0], collapsedLength == 0);
        }
        return new Signature(exact, bandKeys(wordCount), false);
    }

    /**
     * The share of Han and kana among a text's letters and digits, in percent, from which each of
     * those chars is a word of its own (see {@link #of}).
     */
    static final int UNSPACED_SHARE_PERCENT = 30;

    /**
     * Hashes the words of {@code text} as ICU's dictionaries cut Thai, Lao, Khmer and Burmese into
     * {@link #words}, simplified as {@link #words(String, boolean)} simplifies (lowercased, digits folded
     * to 0, punctuation and symbols dropped); returns their number.
     */
    private int southeastAsianWords(String text) {
        if (southeastAsianWords == null) {
            southeastAsianWords = new UnspacedWords();
        }
        final char[] t = text.toCharArray();
        int wordCount = 0;
        southeastAsianWords.reset(t, 0, t.length);
        while (southeastAsianWords.next()) {
            if (!southeastAsianWords.isWord()) {
                continue;
            }
            long word = 0;
            boolean any = false;
            for (int i = southeastAsianWords.start(); i < southeastAsianWords.end(); i++) {
                char c = t[i];
                int kind = c < 128 ? ASCII_KIND[c] : unicodeKind(c);
                // Vowel and tone marks are part of these scripts' words, unlike punctuation.
                boolean mark = kind == OTHER && (Character.getType(c) == Character.NON_SPACING_MARK
                        || Character.getType(c) == Character.COMBINING_SPACING_MARK);
                if ((kind == OTHER && !mark) || kind == SPACE) {
                    continue;
                }
                word = withChar(word, c, kind);
                any = true;
            }
            if (any) {
                wordCount = addWord(wordCount, word);
            }
        }
        return wordCount;
    }

    /**
     * Splits {@code text} into word hashes in {@link #words} (returning their number) and writes the
     * whitespace-collapsed text into {@link #collapsed}; {@code splitUnspaced}: every Han or kana
     * char is a word of its own.
     */
    private int words(String text, boolean splitUnspaced) {
        final int n = text.length();
        if (collapsed.length < n) {
            collapsed = new char[Math.max(n, collapsed.length * 2)];
        }
        final char[] out = collapsed;
        int length = 0;
        int wordCount = 0;
        int unspaced = 0;
        int southeastAsian = 0;
        int letterCount = 0;
        long word = 0;
        boolean inWord = false;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            // ASCII through a table: Character's Unicode lookups cost more than the rest of the loop.
            int kind = c < 128 ? ASCII_KIND[c] : unicodeKind(c);
            if (kind == SPACE) {
                pendingSpace = length > 0;
                if (inWord) {
                    wordCount = addWord(wordCount, word);
                    inWord = false;
                    word = 0;
                }
                continue;
            }
            if (pendingSpace) {
                out[length++] = ' ';
                pendingSpace = false;
            }
            out[length++] = c;
            if (kind == OTHER) {
                // Punctuation and symbols are dropped from the word, as datatrove's
                // remove_punctuation does: "don't" and "dont" are the same word.
                continue;
            }
            letterCount++;
            southeastAsian += c >= '\u0E00' && c < '\u1800' && isSoutheastAsian(c) ? 1 : 0;
            if (c >= '\u3040' && UnspacedScript.isHanOrKana(c)) {
                unspaced++;
                if (splitUnspaced && UnspacedScript.isHanOrHiragana(c)) {
                    if (inWord) {
                        wordCount = addWord(wordCount, word);
                        inWord = false;
                    }
                    wordCount = addWord(wordCount, c * 0x9E3779B97F4A7C15L);
                    word = 0;
                    continue;
                }
            }
            word = withChar(word, c, kind);
            inWord = true;
        }
        if (inWord) {
            wordCount = addWord(wordCount, word);
        }
        collapsedLength = length;
        unspacedLetters = unspaced;
        southeastAsianLetters = southeastAsian;
        letters = letterCount;
        return wordCount;
    }

    /** A word's hash with its next char {@code c} of kind {@code kind}: lower-cased, digits folded to 0. */
    private static long withChar(long word, char c, int kind) {
        char folded = kind == DIGIT ? '0'
                : c < 128 ? (char) (kind == UPPER ? c | 0x20 : c) : Character.toLowerCase(c);
        return (word + folded) * 0x9E3779B97F4A7C15L;
    }

    /** Thai, Lao, Myanmar or Khmer. */
    private static boolean isSoutheastAsian(char c) {
        return c <= '\u0EFF' || (c >= '\u1000' && c <= '\u109F') || c >= '\u1780';
    }

    private static final byte OTHER = 0;
    private static final byte SPACE = 1;
    private static final byte DIGIT = 2;
    private static final byte LETTER = 3;
    private static final byte UPPER = 4;
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_KIND[c] = unicodeKind(c);
            if (c >= 'A' && c <= 'Z') {
                ASCII_KIND[c] = UPPER;
            }
        }
    }

    /** Whitespace separates words; letters and digits make them; anything else is dropped. */
    private static byte unicodeKind(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return SPACE;
        }
        if (Character.isDigit(c)) {
            return DIGIT;
        }
        return Character.isLetterOrDigit(c) ? LETTER : OTHER;
    }

    private int addWord(int count, long hash) {
        if (count == words.length) {
            words = Arrays.copyOf(words, count * 2);
        }
        words[count] = mix(hash);
        return count + 1;
    }

    /** The 112 densified MinHash values of {@code text} (at least 5 words), for tests of their statistics. */
    long[] minHashes(String text) {
        if (of(text).bandKeys().length == 0) {
            throw new IllegalArgumentException("fewer than " + SHINGLE_WORDS + " words");
        }
        return bins.clone();
    }

    private long[] bandKeys(int wordCount) {
        Arrays.fill(bins, EMPTY);
        Arrays.fill(filled, false);
        final long[] w = words;
        for (int i = 0; i + SHINGLE_WORDS <= wordCount; i++) {
            long h = w[i];
            for (int k = 1; k < SHINGLE_WORDS; k++) {
                h = h * 0xC2B2AE3D27D4EB4FL + w[i + k];
            }
            h = mix(h);
            int bin = (int) (((h >>> 32) * BINS) >>> 32);
            long value = h & 0xFFFF_FFFFL;
            if (!filled[bin] || value < bins[bin]) {
                bins[bin] = value;
                filled[bin] = true;
            }
        }
        // Optimal densification: an empty bin takes the value of the first filled bin on its own
        // fixed pseudo-random probe sequence, which depends on the bin only, not on the document.
        for (int bin = 0; bin < BINS; bin++) {
            if (filled[bin]) {
                continue;
            }
            for (long attempt = 1; ; attempt++) {
                long h = mix((bin + 1) * 0x9E3779B97F4A7C15L + attempt);
                int from = (int) (((h >>> 32) * BINS) >>> 32);
                if (filled[from]) {
                    bins[bin] = bins[from];
                    break;
                }
            }
        }
        long[] keys = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = BAND_SALT[b];
            for (int r = 0; r < ROWS; r++) {
                h = mix(h ^ bins[b * ROWS + r]);
            }
            keys[b] = h;
        }
        return keys;
    }

    /** Murmur3's 64-bit finalizer: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
