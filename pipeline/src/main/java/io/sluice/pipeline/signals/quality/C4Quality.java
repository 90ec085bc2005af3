package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.RecordLanguage;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.EnglishTokenizer;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import io.sluice.pipeline.text.PyChars;
import io.sluice.pipeline.text.TokenBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The C4 rules ({@code c4.*}; Raffel et al. 2020), as datatrove's {@code C4QualityFilter} applies
 * them, with its reason names: {@code lorem_ipsum}, {@code curly_bracket}, {@code too_few_sentences}.
 *
 * <p>C4 rewrites the document line by line and then judges what is left. Lines are Python
 * {@code splitlines()} lines, stripped; each line is, in this order: removed if one of its whitespace
 * words is longer than {@code maxWordLength} code points; cleaned of Wikipedia citations
 * ({@code [12]}, {@code []}, {@code [edit]}, {@code [citation needed]}); removed if it does not end in
 * {@code . ? ! " '} or ends in {@code ...} (only with {@code filterNoTerminalPunct}); removed if it has
 * fewer than {@code minWordsPerLine} words (counted before cleaning, as datatrove does); a document
 * drop if it contains "lorem ipsum" (any case); removed if it contains "javascript"; a document drop
 * if it contains "{"; removed if it contains a cookie or terms-of-use phrase. The sentences of the
 * kept lines are counted with the {@link EnglishTokenizer}, line by line; fewer than
 * {@code minNumSentences} drops the document.
 *
 * <p>Signals (counts of lines are per removal rule, each line counted once, by the first rule that
 * removes it):
 * <ul>
 *   <li>{@code c4.line_count}: lines in the text;</li>
 *   <li>{@code c4.lines_too_long_word}, {@code c4.lines_no_terminal_punct} (0 unless
 *       {@code filterNoTerminalPunct}), {@code c4.lines_too_few_words}, {@code c4.lines_javascript},
 *       {@code c4.lines_policy}: lines removed by each rule;</li>
 *   <li>{@code c4.lines_removed_frac}: removed lines over all lines (0 for no lines);</li>
 *   <li>{@code c4.sentence_count}: sentences in the kept lines;</li>
 *   <li>{@code c4.lorem_ipsum}, {@code c4.curly_bracket}: 1 when a line that survives the earlier
 *       line rules contains the phrase or bracket, else 0;</li>
 *   <li>{@code c4.keep}: 1 when the verdict under this instance's {@link Options} is keep.</li>
 * </ul>
 * Unlike datatrove, which stops at the first document drop, every line is read, so the signals
 * describe the whole document; the verdict is the same, since the reason is that of the first line
 * (in text order) that would drop it.
 *
 * <p>Thread-confined: an instance keeps a scratch buffer.
 */
public final class C4Quality implements FilterFamily {

    public static final String FAMILY = "c4";
    public static final String LINE_COUNT = "c4.line_count";
    public static final String LINES_TOO_LONG_WORD = "c4.lines_too_long_word";
    public static final String LINES_NO_TERMINAL_PUNCT = "c4.lines_no_terminal_punct";
    public static final String LINES_TOO_FEW_WORDS = "c4.lines_too_few_words";
    public static final String LINES_JAVASCRIPT = "c4.lines_javascript";
    public static final String LINES_POLICY = "c4.lines_policy";
    public static final String LINES_REMOVED_FRAC = "c4.lines_removed_frac";
    public static final String SENTENCE_COUNT = "c4.sentence_count";
    public static final String LOREM_IPSUM = "c4.lorem_ipsum";
    public static final String CURLY_BRACKET = "c4.curly_bracket";
    public static final String KEEP = "c4.keep";

    /** Reason names, as datatrove writes them. */
    public static final String REASON_LOREM_IPSUM = "lorem_ipsum";
    public static final String REASON_CURLY_BRACKET = "curly_bracket";
    public static final String REASON_TOO_FEW_SENTENCES = "too_few_sentences";

    private static final List<String> NAMES = List.of(LINE_COUNT, LINES_TOO_LONG_WORD, LINES_NO_TERMINAL_PUNCT,
            LINES_TOO_FEW_WORDS, LINES_JAVASCRIPT, LINES_POLICY, LINES_REMOVED_FRAC, SENTENCE_COUNT, LOREM_IPSUM,
            CURLY_BRACKET, KEEP);

    // Character classes and line flags; 0 is the common case, a character the rules ignore.
    private static final int SPACE = 1;
    private static final int BREAK = 2;
    private static final int SENTENCE_END = 8;
    private static final int BRACKET = 16;
    private static final int CURLY = 32;
    private static final int LOW_SURROGATE = 64;
    private static final int LOREM = 128;
    private static final int JAVASCRIPT = 256;
    private static final int POLICY = 512;
    private static final int NON_BLANK = 1024;
    /** A full stop, exclamation or question mark of Chinese and Japanese text (。！？｡). */
    private static final int CJK_END = 2048;
    /** A Han ideograph or a kana, each a word of its own in Chinese and Japanese records. */
    private static final int CJK_CHAR = 4096;
    /**
     * Whitespace to Python's {@code \s} but not in {@code string.whitespace} (no-break and thin
     * spaces, U+001C..U+001F, ...): Punkt's search for the word before a period only knows the
     * latter, so around these its sentence ends depend on text beyond the line.
     */
    private static final int ODD_SPACE = 8192;

    /**
     * The second letter of the phrase each first letter starts (lorem, javascript, terms, privacy,
     * cookie, use), indexed by the lower-case first letter; 0 for every other char. {@code c | 0x20} lower-cases an ASCII
     * letter and maps no other character onto one, so one comparison rules a position out.
     */
    private static final char[] SECOND_LETTER = new char[128];

    static {
        SECOND_LETTER['l'] = 'o';
        SECOND_LETTER['j'] = 'a';
        SECOND_LETTER['t'] = 'e';
        SECOND_LETTER['p'] = 'r';
        SECOND_LETTER['c'] = 'o';
        SECOND_LETTER['u'] = 's';
    }

    /** Classes of the ASCII range: one array load per character on the hot path. */
    private static final int[] ASCII_CLASS = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            int cls = 0;
            if (PyText.isSpace(c)) {
                cls |= SPACE;
                if (" \t\n\r\u000B\f".indexOf(c) < 0) {
                    cls |= ODD_SPACE;
                }
            }
            if (PyText.isLineBreak(c)) {
                cls |= BREAK;
            }
            if (c == '.' || c == '?' || c == '!') {
                cls |= SENTENCE_END;
            }
            if (c == '[') {
                cls |= BRACKET;
            }
            if (c == '{') {
                cls |= CURLY;
            }
            ASCII_CLASS[c] = cls;
        }
    }

    /**
     * The knobs of datatrove's {@code C4QualityFilter} (line splitting by sentence, its
     * {@code split_paragraph=False}, is not supported). A negative {@code maxWordLength},
     * {@code minWordsPerLine} or {@code minNumSentences} turns that rule off, as -1 does in datatrove.
     */
    public record Options(boolean removeCitations, boolean filterNoTerminalPunct, int minNumSentences,
                          int minWordsPerLine, int maxWordLength, boolean filterLoremIpsum,
                          boolean filterJavascript, boolean filterCurlyBracket, boolean filterPolicy) {

        /** datatrove's defaults, which drop lines without terminal punctuation. */
        public static final Options DATATROVE_DEFAULTS = new Options(true, true, 5, 3, 1000, true, true, true, true);

        /**
         * The setup FineWeb uses and the reference profile reproduces: the defaults, but lines without
         * terminal punctuation are kept ({@code filter_no_terminal_punct=False}).
         */
        public static final Options FINEWEB = DATATROVE_DEFAULTS.withFilterNoTerminalPunct(false);

        /** These options with {@code filterNoTerminalPunct} set. */
        public Options withFilterNoTerminalPunct(boolean on) {
            return new Options(removeCitations, on, minNumSentences, minWordsPerLine, maxWordLength,
                    filterLoremIpsum, filterJavascript, filterCurlyBracket, filterPolicy);
        }
    }

    private final EnglishTokenizer tokenizer;
    /** The tokenizer of this document's lines: {@link #tokenizer}, or its language's model in the stream. */
    private EnglishTokenizer lineTokenizer;
    private final Options options;
    /** The record's language for the stream's family (CJK sentence ends), else null. */
    private final RecordLanguage language;
    /**
     * The whole text's Punkt sentences, shared with the families that tokenize it, when C4 counts
     * with the NLTK tokenizer; else null (every line goes through {@link #tokenizer}).
     */
    private final SharedWords sharedSentences;
    /** This document's sentence spans (from {@link #sharedSentences}) and the first one not yet behind. */
    private TokenBuffer spans;
    private int spanCursor;
    /** Whether this document has had a line boundary that is an {@link #ODD_SPACE}: lines from there on are split alone. */
    private boolean oddBreakSeen;
    /** Whether the current document's sentences also end at CJK full stops. */
    private boolean cjkSentences;
    private final StringBuilder cleaned = new StringBuilder(256);
    private char[] chars = new char[4096];

    /** Per-document counters; a field so that the line loop can update them without a holder object. */
    private int lines;
    private int tooLong;
    private int noTerminal;
    private int tooFewWords;
    private int javascript;
    private int policy;
    private int kept;
    private long sentences;
    private boolean lorem;
    private boolean curly;
    private String dropReason;

    /** C4 with the {@link Options#FINEWEB} setup and the standard English tokenizer. */
    public C4Quality() {
        this(EnglishTokenizer.standard(), Options.FINEWEB);
    }

    public C4Quality(EnglishTokenizer tokenizer, Options options) {
        this(tokenizer, options, null, null);
    }

    /**
     * C4 counting sentences with {@code tokenizer}; when that is NLTK's ({@link EnglishTokenizer#standard()}),
     * from the sentences Punkt finds in the whole text, which the families sharing {@code words}
     * compute anyway (see {@link #line}).
     */
    public C4Quality(EnglishTokenizer tokenizer, Options options, SharedWords words) {
        this(tokenizer, options, null, words);
    }

    private C4Quality(EnglishTokenizer tokenizer, Options options, RecordLanguage language, SharedWords words) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.options = Objects.requireNonNull(options, "options");
        this.language = language;
        this.sharedSentences = tokenizer == NltkEnglishTokenizer.instance() ? words : null;
        this.lineTokenizer = tokenizer;
    }

    /**
     * The stream's family: sentences follow the record's language ({@link RecordLanguage#code}).
     * Records in a language NLTK has a Punkt model for (German, French, Polish, ...; see {@code
     * punkt_tab/}) are split by that model, as datatrove's word tokenizers split them ({@link
     * NltkEnglishTokenizer#forLanguage}), when {@code tokenizer} is the standard NLTK one. In Chinese
     * and Japanese records a sentence also ends at 。！？｡, which the English splitter does not know
     * (it would count a paragraph of Chinese prose as one sentence); every other language is split by
     * the English tokenizer, as in the reference.
     */
    public static C4Quality languageAware(EnglishTokenizer tokenizer, Options options, RecordLanguage language,
            SharedWords words) {
        return new C4Quality(tokenizer, options, Objects.requireNonNull(language, "language"), words);
    }

    /** The options this instance judges with. */
    public Options options() {
        return options;
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
        lines = 0;
        tooLong = 0;
        noTerminal = 0;
        tooFewWords = 0;
        javascript = 0;
        policy = 0;
        kept = 0;
        sentences = 0;
        lorem = false;
        curly = false;
        dropReason = null;
        lineTokenizer = tokenizer;
        if (language != null) {
            String code = language.languageSubtag(text);
            cjkSentences = "zh".equals(code) || "ja".equals(code);
            if (tokenizer == NltkEnglishTokenizer.instance()) {
                lineTokenizer = NltkEnglishTokenizer.forLanguage(code);
            }
        }
        // The whole text's sentences serve only when they were split by the same model as the lines.
        spans = sharedSentences == null || sharedSentences.tokenizerFor(text) != lineTokenizer
                ? null : sharedSentences.of(text);
        spanCursor = 0;
        oddBreakSeen = false;

        // One pass over the characters finds the lines (splitlines), their stripped bounds, their words
        // and what the line rules look for; only lines with citations or sentence ends are read again.
        final int n = text.length();
        if (chars.length < n + 1) {
            chars = new char[Math.max(n + 1, chars.length * 2)];
        }
        final char[] cs = chars;
        text.getChars(0, n, cs, 0);
        cs[n] = 0;
        final boolean cjkWords = cjkSentences;
        int i = 0;
        while (i < n) {
            final int lineStart = i;
            int words = 0;
            int current = 0;
            int longest = 0;
            int flags = 0;
            for (; i < n; i++) {
                final char c = cs[i];
                final int cls = c < 128 ? ASCII_CLASS[c] : classOf(c);
                if ((cls & (BREAK | LOW_SURROGATE | CJK_CHAR)) != 0) {
                    if ((cls & BREAK) != 0) {
                        // A line boundary Punkt does not take for whitespace (U+001C..U+001E, U+0085,
                        // U+2028, U+2029) joins this line's last word to the next line's first for it.
                        oddBreakSeen |= (cls & ODD_SPACE) != 0;
                        break;
                    }
                    if ((cls & LOW_SURROGATE) != 0 && i > lineStart && Character.isHighSurrogate(cs[i - 1])) {
                        continue; // the second half of a code point: Python's len() counts it once
                    }
                    if ((cls & CJK_CHAR) != 0 && cjkWords) {
                        // Written without spaces: each ideograph or kana counts as a word, so Chinese lines
                        // are neither all "too few words" nor one 1000-char "word".
                        if (current > 0) {
                            words++;
                            longest = Math.max(longest, current);
                            current = 0;
                        }
                        words++;
                        longest = Math.max(longest, 1);
                        continue;
                    }
                    // Else an ordinary char of a word: a lone low surrogate, an ideograph among spaced words.
                }
                // A phrase starts only at its first letter followed by its second: one comparison rules
                // out nearly every position, and only then is the char checked for being a letter. cs[n]
                // is a 0 sentinel; a non-ASCII char folds onto an ASCII slot and at worst costs a
                // phraseAt that finds nothing.
                if ((cs[i + 1] | 0x20) == SECOND_LETTER[(c | 0x20) & 0x7F] && cls == 0) {
                    flags |= phraseAt(text, i, n);
                }
                // The rest without branches on the class, which flips at every word boundary: a space
                // ends the word before it, if any, and any other char extends the current word.
                final int space = cls & SPACE;
                words += space & (-current >>> 31);
                longest = Math.max(longest, current & -space);
                current = (current + 1) & (space - 1);
                flags |= cls & (SENTENCE_END | BRACKET | CURLY | CJK_END | ODD_SPACE);
            }
            if (current > 0) {
                words++;
                longest = Math.max(longest, current);
            }
            // The stripped bounds, found from the ends rather than tracked per char in the loop above.
            int first = lineStart;
            while (first < i && isSpaceClass(cs[first])) {
                first++;
            }
            int last = i - 1;
            while (last >= first && isSpaceClass(cs[last])) {
                last--;
            }
            if (first == i) {
                first = -1;
            }
            if (first < 0) {
                line(text, lineStart, lineStart, 0, 0, 0);
            } else {
                line(text, first, last + 1, words, longest, flags | NON_BLANK);
            }
            if (i < n) {
                i = PyText.nextLineStart(text, i);
            }
        }

        FilterVerdict verdict;
        if (dropReason != null) {
            verdict = FilterVerdict.drop(dropReason);
        } else if (sentences < options.minNumSentences()) {
            verdict = FilterVerdict.drop(REASON_TOO_FEW_SENTENCES);
        } else {
            verdict = FilterVerdict.KEEP;
        }
        out.put(LINE_COUNT, lines);
        out.put(LINES_TOO_LONG_WORD, tooLong);
        out.put(LINES_NO_TERMINAL_PUNCT, noTerminal);
        out.put(LINES_TOO_FEW_WORDS, tooFewWords);
        out.put(LINES_JAVASCRIPT, javascript);
        out.put(LINES_POLICY, policy);
        out.put(LINES_REMOVED_FRAC, lines == 0 ? 0.0 : (double) (lines - kept) / lines);
        out.put(SENTENCE_COUNT, sentences);
        out.put(LOREM_IPSUM, lorem ? 1.0 : 0.0);
        out.put(CURLY_BRACKET, curly ? 1.0 : 0.0);
        out.put(KEEP, verdict.keep() ? 1.0 : 0.0);
        return verdict;
    }

    /**
     * Applies the line rules to the stripped line {@code text[a, b)}, whose whitespace words, longest
     * word (code points) and {@code flags} (what it contains) the caller found.
     */
    private void line(String text, int a, int b, int words, int longest, int flags) {
        lines++;
        if (options.maxWordLength() >= 0 && longest > options.maxWordLength()) {
            tooLong++;
            return;
        }
        CharSequence line = text;
        int ls = a;
        int le = b;
        if ((flags & BRACKET) != 0 && options.removeCitations() && removeCitations(text, a, b)) {
            line = cleaned;
            ls = 0;
            le = cleaned.length();
            flags = scan(cleaned.toString(), 0, le); // removing "[1]" can join or break a phrase
        }
        if (options.filterNoTerminalPunct() && !endsWithTerminalPunct(line, ls, le)) {
            noTerminal++;
            return;
        }
        // Words were counted before citations were removed, as datatrove counts them.
        if (words < options.minWordsPerLine()) {
            tooFewWords++;
            return;
        }
        if (options.filterLoremIpsum() && (flags & LOREM) != 0) {
            lorem = true;
            drop(REASON_LOREM_IPSUM);
        } else if (options.filterJavascript() && (flags & JAVASCRIPT) != 0) {
            javascript++;
            return;
        } else if (options.filterCurlyBracket() && (flags & CURLY) != 0) {
            curly = true;
            drop(REASON_CURLY_BRACKET);
        } else if (options.filterPolicy() && (flags & POLICY) != 0) {
            policy++;
            return;
        }
        kept++;
        if (cjkSentences && (flags & CJK_END) != 0) {
            sentences += cjkSentenceCount(substring(line, ls, le));
        } else if ((flags & SENTENCE_END) != 0 && spans != null && line == text && (flags & ODD_SPACE) == 0
                && !oddBreakSeen && sameSentencesAlone(ls, le)) {
            sentences += sentencesWithin(ls, le);
        } else {
            sentences += punktSentences(line, ls, le, flags);
        }
    }

    /**
     * Punkt's sentences of {@code line[from, to)}, whose {@link #scan} flags are {@code flags}. Punkt
     * only splits after . ? !, so a piece without one is a single sentence (none if blank, as a line
     * of citations is once cleaned): most headings and menu entries skip the tokenizer.
     */
    private int punktSentences(CharSequence line, int from, int to, int flags) {
        if ((flags & SENTENCE_END) == 0) {
            return (flags & NON_BLANK) != 0 ? 1 : 0;
        }
        return lineTokenizer.sentenceCount(substring(line, from, to));
    }

    /**
     * Whether Punkt splits the line {@code text[from, to)} alone as it splits it inside the whole text,
     * so that {@link #sentencesWithin} applies (lines with an {@link #ODD_SPACE} are ruled out before).
     * Two places differ, and such lines are split alone:
     * <ul>
     *   <li>the start, when it opens with {@code " ' ) ] }}: in the whole text Punkt moves those to
     *       the end of the previous line's sentence (its boundary realignment);</li>
     *   <li>the last token, when it has {@code . ? !} before its last char ({@code SUDARE!!},
     *       {@code alles???}, {@code linux.*}): followed by a newline, Punkt's period context matches
     *       the whole token; at the end of the line alone the match fails and backs off to an inner
     *       {@code !} followed by punctuation, which ends a sentence there.</li>
     * </ul>
     */
    private boolean sameSentencesAlone(int from, int to) {
        final char[] t = chars;
        final char first = t[from];
        if (first == '"' || first == '\'' || first == ')' || first == ']' || first == '}') {
            return false;
        }
        for (int k = to - 2; k >= from; k--) {
            final char c = t[k];
            if (PyChars.isSpace(c)) {
                return true;
            }
            if (c == '.' || c == '?' || c == '!') {
                return false;
            }
        }
        return true;
    }

    /**
     * Punkt's sentences of the line {@code text[from, to)}, from the whole text's: the spans that
     * have a non-blank char inside the line. Where {@link #sameSentencesAlone} holds, this is the
     * count Punkt gives the line alone (what datatrove runs): each decision reads only the token with
     * the candidate period and the one after it, so a break inside the line is decided on the same two
     * tokens either way, and the line's start begins a sentence in both (a sentence carried over from
     * the line before counts as the line's first). Lines rewritten by citation removal are not in the
     * text and go through the tokenizer.
     */
    private int sentencesWithin(int from, int to) {
        final TokenBuffer tb = spans;
        final int n = tb.sentenceSpanCount();
        final char[] t = chars;
        int i = spanCursor;
        while (i < n && tb.sentenceEnd(i) <= from) {
            i++;
        }
        spanCursor = i; // lines come in text order
        int count = 0;
        for (; i < n && tb.sentenceStart(i) < to; i++) {
            final int end = Math.min(tb.sentenceEnd(i), to);
            for (int k = Math.max(tb.sentenceStart(i), from); k < end; k++) {
                if (!Character.isWhitespace(t[k]) && !PyChars.isSpace(t[k])) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private static String substring(CharSequence line, int from, int to) {
        return line instanceof String str ? str.substring(from, to) : line.subSequence(from, to).toString();
    }

    /**
     * Sentences of a Chinese or Japanese line: it is cut after each run of CJK full stops ("？！" ends
     * one sentence), and each piece is counted as an English line is (Punkt, for Latin sentences in it).
     */
    private int cjkSentenceCount(String line) {
        int count = 0;
        int start = 0;
        final int n = line.length();
        for (int i = 0; i <= n; i++) {
            if (i < n && !isCjkEnd(line.charAt(i))) {
                continue;
            }
            while (i + 1 < n && isCjkEnd(line.charAt(i + 1))) {
                i++;
            }
            int end = Math.min(i + 1, n);
            if (end > start) {
                count += punktSentences(line, start, end, scan(line, start, end));
            }
            start = end;
        }
        return count;
    }

    private static boolean isCjkEnd(char c) {
        return c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\uFF61';
    }

    private void drop(String reason) {
        if (dropReason == null) {
            dropReason = reason;
        }
    }

    /** The flags of {@code s[from, to)}, for a line rewritten by citation removal. */
    private static int scan(String s, int from, int to) {
        int flags = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int cls = c < 128 ? ASCII_CLASS[c] : classOf(c);
            if ((cls & (SPACE | BREAK)) == 0) {
                flags |= NON_BLANK;
            }
            if (c < 128 && SECOND_LETTER[c | 0x20] != 0) {
                flags |= phraseAt(s, i, to);
            }
            flags |= cls & (SENTENCE_END | BRACKET | CURLY | CJK_END);
        }
        return flags;
    }

    private static boolean isSpaceClass(char c) {
        return ((c < 128 ? ASCII_CLASS[c] : classOf(c)) & SPACE) != 0;
    }

    /** The flag of the phrase (lorem ipsum, javascript, a policy phrase) starting at {@code s[i]}, or 0. */
    private static int phraseAt(String s, int i, int to) {
        switch (PyText.asciiLower(s.charAt(i))) {
            case 'l':
                return PyText.lowerStartsWith(s, i, to, "lorem ipsum") ? LOREM : 0;
            case 'j':
                return PyText.lowerStartsWith(s, i, to, "javascript") ? JAVASCRIPT : 0;
            case 't':
                return PyText.lowerStartsWith(s, i, to, "terms of use") ? POLICY : 0;
            case 'p':
                return PyText.lowerStartsWith(s, i, to, "privacy policy") ? POLICY : 0;
            case 'c':
                return PyText.lowerStartsWith(s, i, to, "cookie policy") ? POLICY : 0;
            case 'u':
                if (!PyText.lowerStartsWith(s, i, to, "use")) {
                    return 0;
                }
                return PyText.lowerStartsWith(s, i, to, "uses cookies") || PyText.lowerStartsWith(s, i, to, "use of cookies")
                        || PyText.lowerStartsWith(s, i, to, "use cookies") ? POLICY : 0;
            default:
                return 0;
        }
    }

    /**
     * Character classes beyond ASCII: whitespace and line breaks as Python sees them, surrogate halves,
     * CJK sentence ends.
     */
    private static int classOf(char c) {
        if (PyText.isSpace(c)) {
            return PyText.isLineBreak(c) ? SPACE | BREAK | ODD_SPACE : SPACE | ODD_SPACE;
        }
        if (isCjkEnd(c)) {
            return CJK_END;
        }
        if ((c >= '\u3040' && c <= '\u30FF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\u4E00' && c <= '\u9FFF')
                || (c >= '\uF900' && c <= '\uFAFF')) {
            return CJK_CHAR;
        }
        return Character.isLowSurrogate(c) ? LOW_SURROGATE : 0;
    }

    /**
     * Python's {@code re.sub(r"\[\d*]|\[edit]|\[citation needed]", "", line)} on {@code text[from, to)}
     * into {@link #cleaned}; false (and {@code cleaned} unspecified) when nothing matched.
     */
    private boolean removeCitations(String text, int from, int to) {
        int copied = from;
        boolean changed = false;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '[') {
                continue;
            }
            int end = citationEnd(text, i, to);
            if (end < 0) {
                continue;
            }
            if (!changed) {
                cleaned.setLength(0);
                changed = true;
            }
            cleaned.append(text, copied, i);
            copied = end;
            i = end - 1;
        }
        if (changed) {
            cleaned.append(text, copied, to);
        }
        return changed;
    }

    /** The end of a citation starting at {@code text[i] == '['}, or -1; alternatives in regex order. */
    private static int citationEnd(String text, int i, int to) {
        int j = i + 1;
        while (j < to && Character.isDigit(text.charAt(j))) { // Python's \d is any Unicode Nd digit
            j++;
        }
        if (j < to && text.charAt(j) == ']') {
            return j + 1;
        }
        if (text.startsWith("[edit]", i) && i + 6 <= to) {
            return i + 6;
        }
        if (text.startsWith("[citation needed]", i) && i + 17 <= to) {
            return i + 17;
        }
        return -1;
    }

    /** {@code line.endswith((".", "?", "!", '"', "'")) and not line.endswith("...")}. */
    static boolean endsWithTerminalPunct(CharSequence line, int from, int to) {
        if (to <= from) {
            return false;
        }
        char last = line.charAt(to - 1);
        if (last != '.' && last != '?' && last != '!' && last != '"' && last != '\'') {
            return false;
        }
        return !(last == '.' && to - from >= 3 && line.charAt(to - 2) == '.' && line.charAt(to - 3) == '.');
    }
}
