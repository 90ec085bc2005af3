package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.RecordLanguage;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The FineWeb rules ({@code fineweb.*}; Penedo et al. 2024), as datatrove's
 * {@code FineWebQualityFilter} applies them, with its reason names, in its check order:
 * {@code line_punct_ratio}, {@code short_line_ratio}, {@code char_dup_ratio}, {@code list_ratio}
 * (and {@code empty} for a text without a non-blank line).
 *
 * <p>Lines are the text split on {@code \n} only (a CR stays part of its line), without the lines
 * that are blank under Python's whitespace; they are not stripped. Lengths are code points. Signals:
 * <ul>
 *   <li>{@code fineweb.line_count}: non-blank lines;</li>
 *   <li>{@code fineweb.line_punct_ratio}: fraction of those lines whose last character is a sentence
 *       terminal (the Unicode Sentence_Terminal set of datatrove's {@code TERMINAL_PUNCTUATION}, so
 *       "。", "।" and "؟" count and quotes do not); drop when below {@link Options#linePunctThr};</li>
 *   <li>{@code fineweb.short_line_ratio}: fraction of lines of at most {@link Options#shortLineLength}
 *       code points; drop when above {@link Options#shortLineThr};</li>
 *   <li>{@code fineweb.char_dup_ratio}: code points of lines equal to an earlier line, over the code
 *       points of the text without its {@code \n}s; drop when above
 *       {@link Options#charDuplicatesRatio};</li>
 *   <li>{@code fineweb.newline_count} and {@code fineweb.word_count} (word tokens of the whole text
 *       from the {@link EnglishTokenizer}, punctuation included), and {@code fineweb.list_ratio}, their
 *       ratio (0 without words); drop when above {@link Options#newLineRatio};</li>
 *   <li>{@code fineweb.keep}: 1 when the verdict under this instance's options is keep.</li>
 * </ul>
 * Ratios over zero lines are 0. Every value is computed even when an earlier check already fails, so
 * the signals describe the whole document. Thread-confined: an instance keeps a line set.
 */
public final class FineWebQuality implements FilterFamily {

    public static final String FAMILY = "fineweb";
    public static final String LINE_COUNT = "fineweb.line_count";
    public static final String LINE_PUNCT_RATIO = "fineweb.line_punct_ratio";
    public static final String SHORT_LINE_RATIO = "fineweb.short_line_ratio";
    public static final String CHAR_DUP_RATIO = "fineweb.char_dup_ratio";
    public static final String NEWLINE_COUNT = "fineweb.newline_count";
    public static final String WORD_COUNT = "fineweb.word_count";
    public static final String LIST_RATIO = "fineweb.list_ratio";
    public static final String KEEP = "fineweb.keep";

    /** Reason names, as datatrove writes them. */
    public static final String REASON_EMPTY = "empty";
    public static final String REASON_LINE_PUNCT_RATIO = "line_punct_ratio";
    public static final String REASON_SHORT_LINE_RATIO = "short_line_ratio";
    public static final String REASON_CHAR_DUP_RATIO = "char_dup_ratio";
    public static final String REASON_LIST_RATIO = "list_ratio";

    private static final List<String> NAMES = List.of(LINE_COUNT, LINE_PUNCT_RATIO, SHORT_LINE_RATIO,
            CHAR_DUP_RATIO, NEWLINE_COUNT, WORD_COUNT, LIST_RATIO, KEEP);

    /**
     * Unicode 15.0 Sentence_Terminal plus the Khmer signs U+17D4..U+17D6, U+17D9, U+17DA: the set
     * datatrove's {@code TERMINAL_PUNCTUATION} holds. Sorted inclusive ranges, first..last.
     */
    private static final int[] TERMINAL_RANGES = {
        0x0021, 0x0021, 0x002E, 0x002E, 0x003F, 0x003F, 0x0589, 0x0589, 0x061D, 0x061F, 0x06D4, 0x06D4,
        0x0700, 0x0702, 0x07F9, 0x07F9, 0x0837, 0x0837, 0x0839, 0x0839, 0x083D, 0x083E, 0x0964, 0x0965,
        0x104A, 0x104B, 0x1362, 0x1362, 0x1367, 0x1368, 0x166E, 0x166E, 0x1735, 0x1736, 0x17D4, 0x17D6,
        0x17D9, 0x17DA, 0x1803, 0x1803, 0x1809, 0x1809, 0x1944, 0x1945, 0x1AA8, 0x1AAB, 0x1B5A, 0x1B5B,
        0x1B5E, 0x1B5F, 0x1B7D, 0x1B7E, 0x1C3B, 0x1C3C, 0x1C7E, 0x1C7F, 0x203C, 0x203D, 0x2047, 0x2049,
        0x2E2E, 0x2E2E, 0x2E3C, 0x2E3C, 0x2E53, 0x2E54, 0x3002, 0x3002, 0xA4FF, 0xA4FF, 0xA60E, 0xA60F,
        0xA6F3, 0xA6F3, 0xA6F7, 0xA6F7, 0xA876, 0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA92F, 0xA9C8, 0xA9C9,
        0xAA5D, 0xAA5F, 0xAAF0, 0xAAF1, 0xABEB, 0xABEB, 0xFE52, 0xFE52, 0xFE56, 0xFE57, 0xFF01, 0xFF01,
        0xFF0E, 0xFF0E, 0xFF1F, 0xFF1F, 0xFF61, 0xFF61, 0x10A56, 0x10A57, 0x10F55, 0x10F59, 0x10F86, 0x10F89,
        0x11047, 0x11048, 0x110BE, 0x110C1, 0x11141, 0x11143, 0x111C5, 0x111C6, 0x111CD, 0x111CD,
        0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C, 0x112A9, 0x112A9, 0x1144B, 0x1144C,
        0x115C2, 0x115C3, 0x115C9, 0x115D7, 0x11641, 0x11642, 0x1173C, 0x1173E, 0x11944, 0x11944,
        0x11946, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C, 0x11C41, 0x11C42, 0x11EF7, 0x11EF8,
        0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5, 0x16AF5, 0x16B37, 0x16B38, 0x16B44, 0x16B44,
        0x16E98, 0x16E98, 0x1BC9F, 0x1BC9F, 0x1DA88, 0x1DA88,
    };

    /**
     * datatrove's thresholds. {@code linePunctExcludeZero} keeps documents with no terminal line at
     * all out of the {@code line_punct_ratio} rule, as its {@code line_punct_exclude_zero} does.
     */
    public record Options(double linePunctThr, boolean linePunctExcludeZero, double shortLineThr,
                          int shortLineLength, double charDuplicatesRatio, double newLineRatio) {

        /** datatrove's defaults. */
        public static final Options DATATROVE_DEFAULTS = new Options(0.12, false, 0.67, 30, 0.01, 0.3);
    }

    /** The number of word tokens of a text: only the count enters the list ratio. */
    private final ToIntFunction<String> wordCount;
    /** The text's range hashes, shared with the families of the same registry. */
    private final SharedWords shared;
    private final Options options;
    private final LineSet seen = new LineSet();
    /** The record's language in the stream; null: every text as datatrove reads it. */
    private final RecordLanguage language;

    /** FineWeb with datatrove's defaults and its own English tokenization. */
    public FineWebQuality() {
        this(new SharedWords(), Options.DATATROVE_DEFAULTS);
    }

    /** FineWeb counting words with {@code tokenizer} (tests use a simpler one to isolate the rules). */
    public FineWebQuality(EnglishTokenizer tokenizer, Options options) {
        this(text -> tokenizer.words(text).size(), new SharedWords(), options);
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * FineWeb reading the word tokens the Gopher families of the same profile already computed for
     * this document: tokenizing is the most expensive part of every family, and FineWeb's word count
     * is the length of the same NLTK token list.
     */
    public FineWebQuality(SharedWords words, Options options) {
        this(text -> words.of(text).size(), Objects.requireNonNull(words, "words"), options);
    }

    private FineWebQuality(ToIntFunction<String> wordCount, SharedWords shared, Options options) {
        this(wordCount, shared, options, null);
    }

    private FineWebQuality(ToIntFunction<String> wordCount, SharedWords shared, Options options,
            RecordLanguage language) {
        this.wordCount = wordCount;
        this.shared = shared;
        this.options = Objects.requireNonNull(options, "options");
        this.language = language;
    }

    /**
     * The stream's FineWeb: as {@link #FineWebQuality(SharedWords, Options)}, except that in a record
     * of one of these languages (declared, else identified) a line ending in its extra mark ends a
     * sentence ({@link #EXTRA_TERMINAL}):
     * <ul>
     *   <li>Armenian ':'. Its full stop ։ (U+0589, in datatrove's set) looks like a colon, and digital
     *       Armenian writes it as one more often than not: 307 of the 378 Firefox Armenian strings of
     *       100 chars or more that failed the line punctuation rule ended in ':' (61.5% of them
     *       failed, against a median of 9.4% over 57 languages).</li>
     *   <li>Greek ';'. The Greek question mark (U+037E) is canonically the semicolon, so NFC writes
     *       every Greek question as ending in ';' (26 of the 157 Greek strings that failed).</li>
     *   <li>Bengali '৷' (U+09F7), typed for the danda । by many Bengali keyboards (17 of 44).</li>
     * </ul>
     */
    public static FineWebQuality languageAware(SharedWords words, Options options, RecordLanguage language) {
        Objects.requireNonNull(words, "words");
        return new FineWebQuality(text -> words.of(text).size(), words, options,
                Objects.requireNonNull(language, "language"));
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public String filterName() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public FilterVerdict evaluate(String text, SignalCollector out) {
        final int n = text.length();
        final int shortLength = options.shortLineLength();
        int lines = 0;
        int terminal = 0;
        int shortLines = 0;
        int newlines = 0;
        long dupChars = 0;
        long surrogatePairs = 0;
        seen.reset(text);
        final RangeHashes hashes = shared.hashes(text);
        // Lengths are in code points; most texts have no surrogate pair, and then they are char counts.
        final boolean pairsPossible = shared.hasSurrogates(text);
        final SharedWords.Newlines breaks = shared.newlines(text);
        final int[] at = breaks.at;
        final char extraTerminal = extraTerminal(text);
        int start = 0;
        for (int k = 0; ; k++) {
            final int end = at[k];
            // Blank unless some char is not whitespace; only the leading whitespace is read for that.
            int firstNonSpace = start;
            while (firstNonSpace < end && PyText.isSpace(text.charAt(firstNonSpace))) {
                firstNonSpace++;
            }
            if (firstNonSpace < end) {
                int length = pairsPossible ? PyText.len(text, start, end) : end - start;
                surrogatePairs += end - start - length;
                lines++;
                if (endsWithTerminal(text, start, end) || (extraTerminal != 0 && text.charAt(end - 1) == extraTerminal)) {
                    terminal++;
                }
                if (length <= shortLength) {
                    shortLines++;
                }
                if (!seen.add(start, end, hashes.hash(start, end))) {
                    dupChars += length;
                }
            }
            if (k == breaks.count) {
                break;
            }
            newlines++;
            start = end + 1;
        }
        // A surrogate pair split by the end of a line cannot happen: '\n' is not a surrogate.
        long textChars = n - surrogatePairs - newlines;
        double linePunct = lines == 0 ? 0.0 : (double) terminal / lines;
        double shortRatio = lines == 0 ? 0.0 : (double) shortLines / lines;
        double dupRatio = textChars == 0 ? 0.0 : (double) dupChars / textChars;
        int words = lines == 0 ? 0 : wordCount.applyAsInt(text);
        double listRatio = words == 0 ? 0.0 : (double) newlines / words;

        FilterVerdict verdict;
        if (lines == 0) {
            verdict = FilterVerdict.drop(REASON_EMPTY);
        } else if (linePunct < options.linePunctThr() && !(linePunct == 0 && options.linePunctExcludeZero())) {
            verdict = FilterVerdict.drop(REASON_LINE_PUNCT_RATIO);
        } else if (shortRatio > options.shortLineThr()) {
            verdict = FilterVerdict.drop(REASON_SHORT_LINE_RATIO);
        } else if (dupRatio > options.charDuplicatesRatio()) {
            verdict = FilterVerdict.drop(REASON_CHAR_DUP_RATIO);
        } else if (listRatio > options.newLineRatio()) {
            verdict = FilterVerdict.drop(REASON_LIST_RATIO);
        } else {
            verdict = FilterVerdict.KEEP;
        }
        out.put(LINE_COUNT, lines);
        out.put(LINE_PUNCT_RATIO, linePunct);
        out.put(SHORT_LINE_RATIO, shortRatio);
        out.put(CHAR_DUP_RATIO, dupRatio);
        out.put(NEWLINE_COUNT, newlines);
        out.put(WORD_COUNT, words);
        out.put(LIST_RATIO, listRatio);
        out.put(KEEP, verdict.keep() ? 1.0 : 0.0);
        return verdict;
    }

    /** Per language, a mark that ends its sentences though datatrove's set lacks it (see {@link #languageAware}). */
    static final java.util.Map<String, Character> EXTRA_TERMINAL = java.util.Map.of("hy", ':', "el", ';', "bn", '\u09F7');

    /** The record's language's extra sentence terminal, or 0 (always 0 outside the stream). */
    private char extraTerminal(String text) {
        if (language == null) {
            return 0;
        }
        String subtag = language.languageSubtag(text);
        Character mark = subtag == null ? null : EXTRA_TERMINAL.get(subtag.toLowerCase(java.util.Locale.ROOT));
        return mark == null ? 0 : mark;
    }

    /** True when the last code point of {@code text[from, to)} is a sentence terminal. */
    static boolean endsWithTerminal(String text, int from, int to) {
        if (to <= from) {
            return false;
        }
        char last = text.charAt(to - 1);
        if (last < 128) {
            return last == '.' || last == '?' || last == '!';
        }
        int cp = last;
        if (Character.isLowSurrogate(last) && to - 2 >= from && Character.isHighSurrogate(text.charAt(to - 2))) {
            cp = Character.toCodePoint(text.charAt(to - 2), last);
        }
        return isTerminal(cp);
    }

    /** Membership in {@link #TERMINAL_RANGES}, by binary search over the range starts. */
    static boolean isTerminal(int cp) {
        int lo = 0;
        int hi = TERMINAL_RANGES.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < TERMINAL_RANGES[2 * mid]) {
                hi = mid - 1;
            } else if (cp > TERMINAL_RANGES[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
