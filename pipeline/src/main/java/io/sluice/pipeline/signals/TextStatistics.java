package io.sluice.pipeline.signals;

import io.sluice.pipeline.text.CharScratch;
import io.sluice.pipeline.text.UnspacedScript;
import io.sluice.pipeline.text.UnspacedSegments;
import io.sluice.pipeline.text.UnspacedWords;
import java.util.List;

/**
 * Basic text statistics ({@code text.*}), computed in a single pass over the normalized text.
 *
 * <p>Definitions (all counts are Unicode code points, so a surrogate pair counts once):
 * <ul>
 *   <li><b>whitespace</b>: ASCII tab, LF, VT, FF, CR, U+001C to U+001F and space, plus categories
 *       Zs, Zl, Zp and U+0085 &mdash; the same set as Python's {@code str.isspace()}, so counts agree
 *       with datatrove / RedPajama tooling that splits on whitespace. Unlike
 *       {@link Character#isWhitespace}, no-break spaces count, since they separate words on the web.</li>
 *   <li><b>word</b>: a maximal run of non-whitespace; but a run holding characters of a script
 *       written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese:
 *       {@link UnspacedScript#isUnspaced}) counts the words ICU's dictionary-based word breaks find in
 *       it ({@link UnspacedWords}; its punctuation is no word), since a whole Chinese clause is one
 *       run. Until signals version 24 such a run counted as one word, so a 200-character Chinese
 *       paragraph had a handful and "fewer than 30 words" meant nothing for these languages.</li>
 *   <li><b>line</b>: text split on {@code \n}, where a final {@code \n} does not open an empty last
 *       line (Python {@code splitlines()} on LF text): {@code ""} has 0 lines, {@code "a\n"} 1,
 *       {@code "a\n\nb"} 3.</li>
 *   <li><b>alphabetic</b>: the Unicode Alphabetic property ({@link Character#isAlphabetic}), i.e.
 *       letters plus the dependent vowel signs of Indic and similar scripts, which NFC does not fold
 *       into the letter and which would otherwise make Hindi look like symbols.</li>
 *   <li><b>digit</b>: category Nd; <b>uppercase</b>: category Lu.</li>
 *   <li>Ratios are over non-whitespace code points, fractions over words; both are 0 when the
 *       denominator is 0, so the values stay finite and comparable with {@code <} in a policy.</li>
 * </ul>
 *
 * <p>Thread-confined, like every family of a registry: it keeps a scratch copy of the text.
 */
public final class TextStatistics implements TextSignalFamily {

    public static final String FAMILY = "text";
    public static final String CHAR_COUNT = "text.char_count";
    public static final String NON_WHITESPACE_CHAR_COUNT = "text.non_whitespace_char_count";
    public static final String WORD_COUNT = "text.word_count";
    public static final String LINE_COUNT = "text.line_count";
    public static final String NON_EMPTY_LINE_COUNT = "text.non_empty_line_count";
    public static final String MEAN_WORD_LENGTH = "text.mean_word_length";
    public static final String ALPHA_CHAR_RATIO = "text.alpha_char_ratio";
    public static final String ALPHA_WORD_FRAC = "text.alpha_word_frac";
    public static final String DIGIT_CHAR_RATIO = "text.digit_char_ratio";
    public static final String UPPERCASE_CHAR_RATIO = "text.uppercase_char_ratio";
    public static final String IS_BLANK = "text.is_blank";

    private static final List<String> NAMES = List.of(
            CHAR_COUNT, NON_WHITESPACE_CHAR_COUNT, WORD_COUNT, LINE_COUNT, NON_EMPTY_LINE_COUNT,
            MEAN_WORD_LENGTH, ALPHA_CHAR_RATIO, ALPHA_WORD_FRAC, DIGIT_CHAR_RATIO,
            UPPERCASE_CHAR_RATIO, IS_BLANK);

    private static final int WS = 1;
    private static final int ALPHA = 2;
    private static final int DIGIT = 4;
    private static final int UPPER = 8;
    /** A char of a script written without spaces: its run of non-whitespace is cut into words. */
    private static final int UNSPACED = 16;

    /** The end of {@link #TABLE}: Latin, Greek, Cyrillic, Arabic, Indic scripts and punctuation lie below. */
    private static final int TABLE_END = 0x3000;
    /**
     * Classes of the chars below {@link #TABLE_END}, so that a char costs one array load in most
     * scripts: multilingual text is mostly outside ASCII, where {@link Character#getType} per char
     * was most of this family's time. CJK and surrogate pairs are classified per char; a table over
     * the whole BMP took ~20 ms of class initialization on one core, this one a few.
     */
    private static final byte[] TABLE = new byte[TABLE_END];

    static {
        for (int c = 0; c < TABLE_END; c++) {
            TABLE[c] = (byte) classify(c);
        }
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    /** The text as an array: indexing it is cheaper than String.charAt in this per-char loop. */
    private char[] chars = new char[4096];
    /** The words of runs of unspaced scripts; shared with the registry's tokens, or created on the first text that has one. */
    private UnspacedSegments unspaced;
    private int extraWords;
    private int extraAlphaWords;

    public TextStatistics() {
    }

    /**
     * Text statistics reading the words of runs in scripts written without spaces from
     * {@code unspaced}, which the registry shares with its tokens so that each text is cut once.
     */
    public TextStatistics(UnspacedSegments unspaced) {
        this.unspaced = unspaced;
    }

    @Override
    public void compute(String text, SignalCollector out) {
        final int n = text.length();
        final char[] t = chars = CharScratch.load(text, chars);
        int pairs = 0;
        int nonWs = 0;
        int words = 0;
        int alphaWords = 0;
        int alpha = 0;
        int digits = 0;
        int upper = 0;
        int newlines = 0;
        int nonEmptyLines = 0;
        // Flags as 0 or 1, so that the loop counts with arithmetic instead of branches: word and
        // line boundaries follow the text too irregularly to be predicted, and mispredicted branches
        // on them were most of this loop's time.
        int previousWs = 1; // before the first char: a non-whitespace char there starts a word
        int wordHasAlpha = 0;
        int lineHasContent = 0;
        int classes = 0;

        for (int i = 0; i < n; i++) {
            final char c = t[i];
            final int cls;
            if (c < TABLE_END) {
                cls = TABLE[c];
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(t[i + 1])) {
                cls = classify(Character.toCodePoint(c, t[i + 1]));
                i++;
                pairs++;
            } else {
                cls = classify(c); // CJK and the rest, or a lone half as the code point it is
            }
            classes |= cls;
            final int ws = cls & WS;
            final int inWord = ws ^ 1;
            final int newline = c == '\n' ? 1 : 0;
            // A word starts at a non-whitespace char after whitespace, and ends at whitespace after one.
            words += inWord & previousWs;
            alphaWords += ws & (previousWs ^ 1) & wordHasAlpha;
            // UPPER implies ALPHA and DIGIT excludes it (see classify); whitespace has neither.
            final int alphaBit = (cls & ALPHA) >>> 1;
            wordHasAlpha = (wordHasAlpha | alphaBit) & inWord;
            nonEmptyLines += newline & lineHasContent;
            lineHasContent = (lineHasContent | inWord) & (newline ^ 1);
            newlines += newline;
            nonWs += inWord;
            alpha += alphaBit;
            upper += (cls & UPPER) >>> 3;
            digits += (cls & DIGIT) >>> 2;
            previousWs = ws;
        }
        final int chars = n - pairs;
        alphaWords += (previousWs ^ 1) & wordHasAlpha; // a word running to the end
        nonEmptyLines += lineHasContent;
        if ((classes & UNSPACED) != 0) {
            countUnspacedWords(text, t);
            words += extraWords;
            alphaWords += extraAlphaWords;
        }
        final int lines = newlines + (n > 0 && text.charAt(n - 1) != '\n' ? 1 : 0);

        out.put(CHAR_COUNT, chars);
        out.put(NON_WHITESPACE_CHAR_COUNT, nonWs);
        out.put(WORD_COUNT, words);
        out.put(LINE_COUNT, lines);
        out.put(NON_EMPTY_LINE_COUNT, nonEmptyLines);
        // Every non-whitespace code point belongs to exactly one whitespace word; in a run of an
        // unspaced script, its punctuation is shared out among the run's words.
        out.put(MEAN_WORD_LENGTH, ratio(nonWs, words));
        out.put(ALPHA_CHAR_RATIO, ratio(alpha, nonWs));
        out.put(ALPHA_WORD_FRAC, ratio(alphaWords, words));
        out.put(DIGIT_CHAR_RATIO, ratio(digits, nonWs));
        out.put(UPPERCASE_CHAR_RATIO, ratio(upper, nonWs));
        out.put(IS_BLANK, nonWs == 0 ? 1.0 : 0.0);
    }

    /**
     * Sets {@link #extraWords} and {@link #extraAlphaWords} to what the runs of non-whitespace that
     * hold a char of a script written without spaces, each counted as one word by the loop, add to
     * the counts (the alphabetic words' may be negative). Only texts with such a char come here.
     */
    private void countUnspacedWords(String text, char[] t) {
        if (unspaced == null) {
            unspaced = new UnspacedSegments();
        }
        UnspacedSegments runs = unspaced.of(text);
        extraWords = 0;
        extraAlphaWords = 0;
        for (int r = 0; r < runs.runCount(); r++) {
            int segmentWords = 0;
            int segmentAlphaWords = 0;
            for (int k = runs.firstSegment(r); k < runs.endSegment(r); k++) {
                if (runs.isWord(k)) {
                    segmentWords++;
                    segmentAlphaWords += hasAlphabetic(t, runs.segmentStart(k), runs.segmentEnd(k)) ? 1 : 0;
                }
            }
            if (segmentWords > 0) { // a run of marks alone, say, stays one word
                extraWords += segmentWords - 1;
                extraAlphaWords += segmentAlphaWords - (hasAlphabetic(t, runs.runStart(r), runs.runEnd(r)) ? 1 : 0);
            }
        }
    }

    private static boolean hasAlphabetic(char[] t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isAlphabetic(Character.codePointAt(t, i, to))) {
                return true;
            }
        }
        return false;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** One {@link Character#getType} lookup decides most classes; marks need the property table. */
    private static int classify(int cp) {
        final int unspaced = cp <= Character.MAX_VALUE && UnspacedScript.isUnspaced((char) cp) ? UNSPACED : 0;
        return classOf(cp) | unspaced;
    }

    private static int classOf(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
                return ALPHA | UPPER;
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.LETTER_NUMBER:
                return ALPHA;
            case Character.DECIMAL_DIGIT_NUMBER:
                return DIGIT;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return WS;
            case Character.CONTROL:
                return (cp >= '\t' && cp <= '\r') || (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 ? WS : 0;
            default:
                // Marks and a few symbols (circled letters) carry the Alphabetic property.
                return Character.isAlphabetic(cp) ? ALPHA : 0;
        }
    }
}
