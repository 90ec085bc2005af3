package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.PyChars;
import io.sluice.pipeline.text.TokenBuffer;
import io.sluice.pipeline.signals.RecordLanguage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gopher quality ({@code gopher.*}): the values datatrove's {@code GopherQualityFilter} checks (Rae et
 * al. 2021), and its verdict.
 *
 * <p>Definitions, matching datatrove (commit a649de7) edge case for edge case:
 * <ul>
 *   <li><b>words</b> are the tokens of NLTK's {@code word_tokenize} (here {@link
 *       io.sluice.pipeline.text.NltkEnglishTokenizer}), punctuation tokens included:
 *       {@code gopher.token_count};</li>
 *   <li>a <b>symbol word</b> is a token made only of datatrove's punctuation characters;
 *       {@code gopher.word_count} counts the others and {@code gopher.mean_word_length} is their mean
 *       length in code points (0 when there are none);</li>
 *   <li>{@code gopher.hash_to_word_ratio} is the number of {@code #} in the text, and
 *       {@code gopher.ellipsis_to_word_ratio} the number of non-overlapping {@code ...} plus
 *       {@code …}, each divided by <em>all</em> tokens;</li>
 *   <li><b>lines</b> are Python's {@code str.splitlines()}: {@code gopher.bullet_line_frac} is the
 *       share whose left-stripped text starts with {@code •} or {@code -},
 *       {@code gopher.end_ellipsis_line_frac} the share whose right-stripped text ends with
 *       {@code ...} or {@code …};</li>
 *   <li>{@code gopher.alpha_word_frac}: tokens with at least one letter, over all tokens;</li>
 *   <li>{@code gopher.stop_word_count}: <em>distinct</em> stop words among the tokens, compared
 *       case-sensitively ("The" is not "the"), from datatrove's list (the, be, to, of, and, that,
 *       have, with) unless built {@link #forLanguage for another language};</li>
 *   <li>ratios over an empty denominator are 0; the verdict never reads them, since a document
 *       without 50 words has already failed.</li>
 * </ul>
 */
public final class GopherQuality implements FilterFamily, QualityFilter<GopherQuality.Thresholds> {

    public static final String FAMILY = "gopher";
    public static final String WORD_COUNT = "gopher.word_count";
    public static final String TOKEN_COUNT = "gopher.token_count";
    public static final String MEAN_WORD_LENGTH = "gopher.mean_word_length";
    public static final String HASH_TO_WORD_RATIO = "gopher.hash_to_word_ratio";
    public static final String ELLIPSIS_TO_WORD_RATIO = "gopher.ellipsis_to_word_ratio";
    public static final String BULLET_LINE_FRAC = "gopher.bullet_line_frac";
    public static final String END_ELLIPSIS_LINE_FRAC = "gopher.end_ellipsis_line_frac";
    public static final String ALPHA_WORD_FRAC = "gopher.alpha_word_frac";
    public static final String STOP_WORD_COUNT = "gopher.stop_word_count";
    public static final String KEEP = "gopher.keep";

    private static final List<String> NAMES = List.of(WORD_COUNT, TOKEN_COUNT, MEAN_WORD_LENGTH,
            HASH_TO_WORD_RATIO, ELLIPSIS_TO_WORD_RATIO, BULLET_LINE_FRAC, END_ELLIPSIS_LINE_FRAC,
            ALPHA_WORD_FRAC, STOP_WORD_COUNT, KEEP);

    /** datatrove's Gopher stop words. */
    public static final List<String> ENGLISH_STOP_WORDS = List.of("the", "be", "to", "of", "and", "that", "have", "with");

    /**
     * Thresholds of the Gopher quality rules; 0 or NaN disables a rule.
     *
     * @param minDocWords          minimum non-symbol words
     * @param maxDocWords          maximum non-symbol words
     * @param minAvgWordLength     minimum mean non-symbol word length
     * @param maxAvgWordLength     maximum mean non-symbol word length
     * @param maxSymbolWordRatio   maximum {@code #} and ellipsis counts per token (each)
     * @param maxBulletLinesRatio  maximum share of bullet lines
     * @param maxEllipsisLinesRatio maximum share of lines ending in an ellipsis
     * @param maxNonAlphaWordsRatio minimum share of tokens with a letter (datatrove's name, sic)
     * @param minStopWords         minimum distinct stop words
     */
    public record Thresholds(double minDocWords, double maxDocWords, double minAvgWordLength,
                             double maxAvgWordLength, double maxSymbolWordRatio, double maxBulletLinesRatio,
                             double maxEllipsisLinesRatio, double maxNonAlphaWordsRatio, double minStopWords) {

        /** datatrove's defaults. */
        public static final Thresholds DEFAULTS = new Thresholds(50, 100_000, 3, 10, 0.1, 0.9, 0.3, 0.8, 2);
    }

    private final SharedWords words;
    /** The fixed list, or the English fallback of a language-aware family. */
    private final StopWords stopWords;
    /** The record's language for a language-aware family, else null (the fixed list always). */
    private final RecordLanguage language;
    /** Stop-word lists by language, built on first use (at most one per language Lucene has a list for). */
    private final Map<String, StopWords> byLanguage = new HashMap<>();
    /** Lines, bullet lines, ellipsis lines, '#' and ellipses of the last text scanned. */
    private final int[] lineCounts = new int[5];
    /** Per first occurrence of a token: {@link #NON_SYMBOL} and {@link #ALPHA}; reused across documents. */
    private byte[] tokenFlags = new byte[1024];

    private static final int PUNCT = 1;
    private static final int ALPHA = 2;
    /** A token's flag (with {@link #ALPHA}) when it is not made of punctuation only. */
    private static final int NON_SYMBOL = 4;
    /**
     * Per BMP char: {@link #PUNCT} when in datatrove's punctuation set, {@link #ALPHA} for letters; one
     * array load per token char in any script ({@link Character#isLetter} per char cost ~1 µs per document).
     */
    private static final byte[] TOKEN_CLASS = new byte[0x10000];
    private static final int LINE_BREAK = 1;
    private static final int LINE_SYMBOL = 2;
    /** Per ASCII char: a splitlines boundary, '#' or '.' (the symbols counted), or 0. */
    private static final byte[] LINE_CLASS = new byte[128];

    static {
        for (int c = 0; c < 0x10000; c++) {
            TOKEN_CLASS[c] = (byte) ((Punctuation.contains(c) ? PUNCT : 0) | (PyChars.isAlpha(c) ? ALPHA : 0));
        }
        for (char c = 0; c < 128; c++) {
            LINE_CLASS[c] = (byte) (PyText.isLineBoundary(c) ? LINE_BREAK : c == '#' || c == '.' ? LINE_SYMBOL : 0);
        }
    }

    /** The reference family: English stop words, its own tokenization. */
    public GopherQuality() {
        this(new SharedWords(), StopWords.of(ENGLISH_STOP_WORDS));
    }

    /** The reference family sharing tokens with other families of one registry. */
    public GopherQuality(SharedWords words) {
        this(words, StopWords.of(ENGLISH_STOP_WORDS));
    }

    private GopherQuality(SharedWords words, StopWords stopWords) {
        this(words, stopWords, null);
    }

    private GopherQuality(SharedWords words, StopWords stopWords, RecordLanguage language) {
        this.words = Objects.requireNonNull(words, "words");
        this.stopWords = stopWords;
        this.language = language;
    }

    /**
     * The stream's family: stop words follow each record's language ({@link RecordLanguage#code}:
     * declared, else identified), from {@link StopWords#forLanguage}'s lists; English records, records
     * of unknown language and languages without a list (Belarusian, Maltese, and Chinese, Japanese and
     * others written without spaces, among the identified ones) get datatrove's English eight, so for
     * English the signals and verdict are the reference ones. Words are still NLTK English tokens.
     */
    public static GopherQuality languageAware(SharedWords words, RecordLanguage language) {
        return new GopherQuality(words, StopWords.of(ENGLISH_STOP_WORDS), Objects.requireNonNull(language, "language"));
    }

    /** The stop words to count in {@code text}. */
    private StopWords stopWordsFor(String text) {
        if (language == null) {
            return stopWords;
        }
        String code = language.languageSubtag(text);
        if (code == null || code.equals("en")) {
            return stopWords;
        }
        StopWords list = byLanguage.get(code);
        if (list == null) {
            if (!StopWords.hasList(code)) {
                return stopWords; // not cached: producers may declare any number of unknown codes
            }
            list = StopWords.forLanguage(code);
            byLanguage.put(code, list);
        }
        return list;
    }

    /**
     * A family counting the stop words of another language (ISO 639-1 code) instead of datatrove's
     * English eight; see {@link StopWords#forLanguage}. Words are still NLTK English tokens. "en" gives
     * the reference family.
     *
     * @throws IllegalArgumentException if no stop-word list is known for the language
     */
    public static GopherQuality forLanguage(String iso639_1, SharedWords words) {
        return new GopherQuality(words, StopWords.forLanguage(iso639_1));
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public String filterName() {
        return "gopher_qual";
    }

    @Override
    public Thresholds defaultThresholds() {
        return Thresholds.DEFAULTS;
    }

    @Override
    public FilterVerdict evaluate(String text, SignalCollector out) {
        TokenBuffer tb = words.of(text);
        final int tokens = tb.size();
        final char[] chars = tb.chars();
        final int n = text.length();
        // The text as chars, shared with the repetition family, which needs them too.
        final char[] t = words.chars(text);

        // Lines (splitlines) and the symbol counts of the whole text, into lineCounts.
        final boolean surrogates;
        if (hasRareLineBreak(text)) {
            surrogates = scanLines(text, t, n);
        } else {
            findLines(text, t, n);
            surrogates = words.hasSurrogates(text);
        }
        final int lines = lineCounts[0];
        final int bulletLines = lineCounts[1];
        final int ellipsisLines = lineCounts[2];
        final int hashes = lineCounts[3];
        final int ellipses = lineCounts[4];

        // Tokens, each distinct one classified once: its class flags are stored at its first index,
        // and only first occurrences are looked up as stop words (the count is of distinct ones).
        final TokenIds interned = words.ids(text);
        final int[] ids = interned.ids;
        if (tokenFlags.length < tokens) {
            tokenFlags = new byte[Math.max(tokens, tokenFlags.length * 2)];
        }
        final byte[] flags = tokenFlags;
        int nonSymbol = 0;
        long nonSymbolLength = 0;
        int alphaWords = 0;
        final StopWords stopWords = stopWordsFor(text);
        stopWords.reset();
        for (int i = 0; i < tokens; i++) {
            final int s = tb.start(i);
            final int e = tb.end(i);
            final int id = ids[i];
            int f;
            if (id == i) {
                // AND of the classes: punctuation only; OR: any letter. The BMP by table, the rest by code point.
                int all = PUNCT;
                int any = 0;
                for (int k = s; k < e; k++) {
                    final char c = chars[k];
                    int cls;
                    if (!Character.isHighSurrogate(c)) {
                        cls = TOKEN_CLASS[c];
                    } else {
                        int cp = c;
                        if (k + 1 < e && Character.isLowSurrogate(chars[k + 1])) {
                            cp = Character.toCodePoint(c, chars[k + 1]);
                            k++;
                        }
                        cls = (Punctuation.contains(cp) ? PUNCT : 0) | (PyChars.isAlpha(cp) ? ALPHA : 0);
                    }
                    all &= cls;
                    any |= cls;
                }
                f = (all == 0 ? NON_SYMBOL : 0) | (any & ALPHA);
                flags[i] = (byte) f;
                stopWords.see(chars, s, e);
            } else {
                f = flags[id];
            }
            // Words and punctuation alternate too irregularly for a branch on the class: count with
            // arithmetic (NON_SYMBOL is bit 2). Without surrogates in the text a token's length in
            // code points is its char count.
            final int word = (f & NON_SYMBOL) >>> 2;
            nonSymbol += word;
            nonSymbolLength += (surrogates ? PyText.len(chars, s, e) : e - s) & -word;
            alphaWords += (f & ALPHA) >>> 1; // ALPHA is bit 1
        }

        final double[] v = new double[NAMES.size()];
        v[0] = nonSymbol;
        v[1] = tokens;
        v[2] = ratio(nonSymbolLength, nonSymbol);
        v[3] = ratio(hashes, tokens);
        v[4] = ratio(ellipses, tokens);
        v[5] = ratio(bulletLines, lines);
        v[6] = ratio(ellipsisLines, lines);
        v[7] = ratio(alphaWords, tokens);
        v[8] = stopWords.distinct();
        final FilterVerdict verdict = verdict(name -> v[indexOf(name)]);
        v[9] = verdict.asSignal();
        for (int i = 0; i < v.length; i++) {
            out.put(NAMES.get(i), v[i]);
        }
        return verdict;
    }

    /**
     * Whether {@code text} has a line boundary of {@code str.splitlines()} other than {@code \n}: rare
     * in real text, and without one the lines are the runs between newlines. One vector search per
     * kind ({@link String#indexOf(int)}), a fraction of a per-char scan; in Latin-1 strings the kinds
     * above U+00FF are not even searched.
     */
    static boolean hasRareLineBreak(String text) {
        for (char c : RARE_LINE_BREAKS) {
            if (text.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static final char[] RARE_LINE_BREAKS = {'\r', 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029};

    /**
     * The lines of a text whose only line boundary is {@code \n}, and its symbols, into {@link
     * #lineCounts}: newlines ({@link SharedWords#newlines}), '#' and '…' found by vector searches, "..." by a string search from the
     * end of the last one found (non-overlapping, like {@code str.count}); only each line's ends are
     * read char by char (strip, bullet, ellipsis).
     */
    void findLines(String text, char[] t, int n) {
        int lines = 0;
        int bulletLines = 0;
        int ellipsisLines = 0;
        final int[] at = words.newlines(text).at;
        int lineStart = 0;
        for (int k = 0; lineStart < n; k++) {
            final int lineEnd = at[k];
            lines++;
            final int kind = lineKind(t, lineStart, lineEnd);
            bulletLines += kind & BULLET_LINE;
            ellipsisLines += kind >>> 1;
            lineStart = lineEnd + 1;
        }
        int hashes = 0;
        for (int i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
            hashes++;
        }
        int ellipses = 0;
        for (int i = text.indexOf("..."); i >= 0; i = text.indexOf("...", i + 3)) {
            ellipses++;
        }
        for (int i = text.indexOf('\u2026'); i >= 0; i = text.indexOf('\u2026', i + 1)) {
            ellipses++;
        }
        setLineCounts(lines, bulletLines, ellipsisLines, hashes, ellipses);
    }

    /**
     * {@link #findLines} for any text, one char at a time: every {@code splitlines} boundary, with
     * {@code \r\n} as one. Returns whether the text has a surrogate char.
     */
    boolean scanLines(String text, char[] t, int n) {
        // '#', '...' (non-overlapping, like str.count; a run of dots never spans a line break, so
        // counting line by line is the same) and '…'.
        int lines = 0;
        int bulletLines = 0;
        int ellipsisLines = 0;
        int hashes = 0;
        int ellipses = 0;
        boolean surrogates = false;
        int lineStart = 0;
        while (lineStart < n) {
            int lineEnd = lineStart;
            while (lineEnd < n) {
                final char c = t[lineEnd];
                if (c < 128) {
                    final int cls = LINE_CLASS[c];
                    if (cls == 0) {
                        lineEnd++;
                        continue;
                    }
                    if (cls == LINE_BREAK) {
                        break;
                    }
                    if (c == '#') {
                        hashes++;
                    } else if (lineEnd + 2 < n && t[lineEnd + 1] == '.' && t[lineEnd + 2] == '.') {
                        ellipses++;
                        lineEnd += 3;
                        continue;
                    }
                    lineEnd++;
                    continue;
                }
                if (PyText.isLineBoundary(c)) {
                    break;
                }
                if (c == '\u2026') {
                    ellipses++;
                }
                surrogates |= Character.isSurrogate(c);
                lineEnd++;
            }
            lines++;
            final int kind = lineKind(t, lineStart, lineEnd);
            bulletLines += kind & BULLET_LINE;
            ellipsisLines += kind >>> 1;
            if (lineEnd < n && t[lineEnd] == '\r' && lineEnd + 1 < n && t[lineEnd + 1] == '\n') {
                lineEnd++;
            }
            lineStart = lineEnd + 1;
        }
        setLineCounts(lines, bulletLines, ellipsisLines, hashes, ellipses);
        return surrogates;
    }

    /** Lines, bullet lines, ellipsis lines, '#' and ellipses found by the last scan (for tests). */
    int[] lastLineCounts() {
        return lineCounts.clone();
    }

    private static final int BULLET_LINE = 1;
    private static final int ELLIPSIS_LINE = 2;

    /**
     * {@link #BULLET_LINE} when the stripped line {@code t[from, to)} starts with '•' or '-',
     * plus {@link #ELLIPSIS_LINE} when it ends with '…' or "...".
     */
    private static int lineKind(char[] t, int from, int to) {
        int kind = 0;
        int ls = PyText.stripStart(t, from, to);
        if (ls < to && (t[ls] == '\u2022' || t[ls] == '-')) {
            kind = BULLET_LINE;
        }
        int le = PyText.stripEnd(t, from, to);
        if (le > from && (t[le - 1] == '\u2026'
                || (le - from >= 3 && t[le - 1] == '.' && t[le - 2] == '.' && t[le - 3] == '.'))) {
            kind |= ELLIPSIS_LINE;
        }
        return kind;
    }

    private void setLineCounts(int lines, int bulletLines, int ellipsisLines, int hashes, int ellipses) {
        lineCounts[0] = lines;
        lineCounts[1] = bulletLines;
        lineCounts[2] = ellipsisLines;
        lineCounts[3] = hashes;
        lineCounts[4] = ellipses;
    }

    /** The position of a signal name; the verdict asks with the constants, found by identity first. */
    private static int indexOf(String name) {
        for (int i = 0; i < NAMES.size(); i++) {
            if (NAMES.get(i) == name) {
                return i;
            }
        }
        return NAMES.indexOf(name);
    }

    @Override
    public FilterVerdict verdict(SignalLookup s, Thresholds t) {
        double words = s.get(WORD_COUNT);
        if (QualityFilter.below(words, t.minDocWords())) {
            return FilterVerdict.drop("gopher_short_doc");
        }
        if (QualityFilter.above(words, t.maxDocWords())) {
            return FilterVerdict.drop("gopher_long_doc");
        }
        double mean = s.get(MEAN_WORD_LENGTH);
        if (QualityFilter.below(mean, t.minAvgWordLength())) {
            return FilterVerdict.drop("gopher_below_avg_threshold");
        }
        if (QualityFilter.above(mean, t.maxAvgWordLength())) {
            return FilterVerdict.drop("gopher_above_avg_threshold");
        }
        if (QualityFilter.above(s.get(HASH_TO_WORD_RATIO), t.maxSymbolWordRatio())) {
            return FilterVerdict.drop("gopher_too_many_hashes");
        }
        if (QualityFilter.above(s.get(ELLIPSIS_TO_WORD_RATIO), t.maxSymbolWordRatio())) {
            return FilterVerdict.drop("gopher_too_many_ellipsis");
        }
        if (QualityFilter.above(s.get(BULLET_LINE_FRAC), t.maxBulletLinesRatio())) {
            return FilterVerdict.drop("gopher_too_many_bullets");
        }
        if (QualityFilter.above(s.get(END_ELLIPSIS_LINE_FRAC), t.maxEllipsisLinesRatio())) {
            return FilterVerdict.drop("gopher_too_many_end_ellipsis");
        }
        if (QualityFilter.below(s.get(ALPHA_WORD_FRAC), t.maxNonAlphaWordsRatio())) {
            return FilterVerdict.drop("gopher_below_alpha_threshold");
        }
        if (QualityFilter.below(s.get(STOP_WORD_COUNT), t.minStopWords())) {
            return FilterVerdict.drop("gopher_enough_stop_words");
        }
        return FilterVerdict.KEEP;
    }

    private static double ratio(double num, double den) {
        return den == 0 ? 0.0 : num / den;
    }
}
