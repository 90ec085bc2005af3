package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.RecordLanguage;
import io.sluice.pipeline.text.CharScratch;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.TokenBuffer;
import io.sluice.pipeline.text.UnspacedSegments;
import java.util.Objects;
import java.util.Set;

/**
 * Per-document work that several families need, done once: the NLTK word tokens (Gopher quality,
 * Gopher repetition and FineWeb's word count tokenize the whole text, which is most of their cost)
 * and their ids ({@link TokenIds}: repetition's n-grams and Gopher quality's distinct tokens),
 * the hash of every prefix of the text (Gopher repetition's lines and paragraphs and FineWeb's
 * duplicate lines are ranges of it) and its length in code points.
 *
 * <p>Remembers the last text by identity: the scorer hands every family the same normalized string
 * instance, so a second family asking for the same document gets the result without work. Not
 * thread-safe; one per registry, which is thread-confined like its families.
 */
public final class SharedWords {

    /** The record's language, whose Punkt model splits the sentences; null: English for every text. */
    private final RecordLanguage language;
    /**
     * Languages written without spaces between words: in the stream their tokens are cut into words
     * ({@link TokenBuffer#splitUnspaced}), as datatrove's word tokenizers for them (FineWeb-2's) cut
     * them, so that Gopher's word counts, stop words and repetition n-grams count words, not clauses.
     */
    static final Set<String> UNSPACED_LANGUAGES = Set.of("zh", "ja", "th", "lo", "km", "my");

    private final TokenBuffer buffer = new TokenBuffer();
    private String tokenized;
    private NltkEnglishTokenizer tokenizedWith;
    private boolean tokenizedSplit;
    /** The words of runs of unspaced scripts, shared with the registry's text statistics; null: not language-aware. */
    private final UnspacedSegments unspaced;
    private final TokenIds tokenIds = new TokenIds();
    private String interned;

    private final Newlines newlines = new Newlines();
    private String newlined;

    private final RangeHashes textHashes = new RangeHashes();
    private char[] textChars = new char[4096];
    private String hashed;
    /** The text's length in code points (Python's len), and whether it has any surrogate char. */
    private int codePoints;
    private boolean surrogates;

    /** Tokens of every text by NLTK's English tokenizer, as datatrove's reference filters count them. */
    public SharedWords() {
        this(null, null);
    }

    private SharedWords(RecordLanguage language, UnspacedSegments unspaced) {
        this.language = language;
        this.unspaced = unspaced;
    }

    /**
     * The stream's shared words: sentences split by NLTK's Punkt model for each record's language
     * ({@link RecordLanguage#languageSubtag}) where Sluice ships one, as datatrove's word tokenizers
     * split them for those languages ({@link NltkEnglishTokenizer#forLanguage}); English otherwise.
     * Records in a language written without spaces ({@link #UNSPACED_LANGUAGES}) have their runs of
     * that script cut into words by ICU's dictionaries ({@link UnspacedWords}).
     */
    public static SharedWords languageAware(RecordLanguage language) {
        return languageAware(language, new UnspacedSegments());
    }

    /** As {@link #languageAware(RecordLanguage)}, reading the words of unspaced runs from {@code unspaced}, shared with other families. */
    public static SharedWords languageAware(RecordLanguage language, UnspacedSegments unspaced) {
        return new SharedWords(Objects.requireNonNull(language, "language"), Objects.requireNonNull(unspaced, "unspaced"));
    }

    /** The tokenizer {@link #of} uses for {@code text}, by the language of the record being scored. */
    NltkEnglishTokenizer tokenizerFor(String text) {
        return language == null ? NltkEnglishTokenizer.instance()
                : NltkEnglishTokenizer.forLanguage(language.languageSubtag(text));
    }

    /** Whether {@link #of} cuts {@code text}'s runs of unspaced scripts into words, by the record's language. */
    boolean splitsUnspaced(String text) {
        if (language == null) {
            return false;
        }
        String subtag = language.languageSubtag(text);
        return subtag != null && UNSPACED_LANGUAGES.contains(subtag.toLowerCase(java.util.Locale.ROOT));
    }

    /** The word tokens of {@code text}; valid until the next call with another text. */
    public TokenBuffer of(String text) {
        // The same string can come back as another record declaring another language: the cache
        // holds for the text and the model together.
        NltkEnglishTokenizer tokenizer = tokenizerFor(text);
        boolean split = splitsUnspaced(text);
        if (text != tokenized || tokenizer != tokenizedWith || split != tokenizedSplit) {
            tokenizer.words(text, buffer);
            if (split) {
                buffer.splitUnspaced(unspaced, text);
            }
            tokenized = text;
            tokenizedWith = tokenizer;
            tokenizedSplit = split;
            interned = null;
        }
        return buffer;
    }

    /** The tokens of {@link #of}{@code (text)}, interned; valid until the next call with another text. */
    TokenIds ids(String text) {
        TokenBuffer tokens = of(text);
        if (text != interned) {
            tokenIds.load(tokens);
            interned = text;
        }
        return tokenIds;
    }

    /**
     * The positions of {@code text}'s newlines; valid until the next call with another text. Gopher
     * quality, Gopher repetition (twice: lines and paragraphs) and FineWeb all walk the text from
     * newline to newline; searching once (one {@link String#indexOf(int, int)} per line, a vector
     * search, but with a call's overhead on short lines) saves the others ~1 µs per document each.
     */
    Newlines newlines(String text) {
        if (text != newlined) {
            newlines.find(text);
            newlined = text;
        }
        return newlines;
    }

    /** Newline positions of one text, followed by the text's length as a sentinel. */
    static final class Newlines {
        /** {@code at[0, count)}: the newlines' indexes, ascending; {@code at[count]}: the text's length. */
        int[] at = new int[256];
        int count;

        void find(String text) {
            int k = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (k + 1 >= at.length) {
                    at = java.util.Arrays.copyOf(at, at.length * 2);
                }
                at[k++] = i;
            }
            at[k] = text.length();
            count = k;
        }
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

    /** The length of {@code text} in code points, as Python's {@code len} counts it. */
    int codePoints(String text) {
        hash(text);
        return codePoints;
    }

    /** Whether {@code text} has a surrogate char: without one, every length in code points is a char count. */
    boolean hasSurrogates(String text) {
        hash(text);
        return surrogates;
    }

    private void hash(String text) {
        if (text != hashed) {
            final int n = text.length();
            final char[] c = textChars = CharScratch.load(text, textChars);
            textHashes.load(c, n);
            // Sign bit set by any char in U+D800..U+DFFF; arithmetic only, so the loop has no branch.
            int any = 0;
            for (int i = 0; i < n; i++) {
                any |= ((c[i] & 0xF800) ^ 0xD800) - 1;
            }
            surrogates = any < 0;
            codePoints = surrogates ? PyText.len(c, 0, n) : n;
            hashed = text;
        }
    }
}
