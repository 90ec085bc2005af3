package io.sluice.pipeline.signals;

import static io.sluice.pipeline.signals.TextStatistics.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.api.Test;

class TextStatisticsTest {

    private static final double EPS = 1e-12;

    private static Map<String, Double> stats(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        new TextStatistics().compute(text, out::put);
        return out;
    }

    /**
     * Random texts from an alphabet of every class the family tells apart (ASCII and non-ASCII
     * letters, capitals, digits, marks, each kind of whitespace, newlines, CJK, surrogate pairs
     * including capitals and digits above the BMP, lone halves) against a plain transcription of the
     * definitions above, code point by code point: the family's table and branch-free counting must
     * give the same numbers.
     */
    @Test
    void randomTextsCountAsTheDefinitionsSay() {
        int[] alphabet = {'a', 'Z', 'q', '7', '0', '.', ',', '-', ' ', ' ', '\t', '\n', '\n', '\r', 0x0B, 0x0C, 0x1C,
                0x85, 0xA0, 0x2028, 0x2029, 0x3000, 0x00E9, 0x00C9, 0x0416, 0x0436, 0x0915, 0x093F, 0x094D, 0x0663,
                0x4E2D, 0x6587, 0x3042, 0x306E, 0x30A2, 0x0E01, 0x0E32, 0x0E48, 0x1780, 0x3002, 0xFF0C, 0xFF10, 0x1F600, 0x1D400, 0x1D7CE, 0x10400, 0xD800, 0xDC00, 0x2160, 0x02B0, 0x01C5};
        Random random = new Random(20261127);
        for (int doc = 0; doc < 3000; doc++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                b.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = b.toString();
            assertThat(stats(text)).as("%s", text.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(reference(text));
        }
    }

    /** Python's {@code str.isspace()}: categories Zs, Zl, Zp, and the controls it counts. */
    private static boolean isSpace(int cp) {
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F)
                || cp == 0x85;
    }

    /** Han, Hiragana, Katakana, Thai, Lao, Myanmar and Khmer, by the JDK's script property, in the BMP. */
    private static boolean isUnspacedScript(int cp) {
        if (cp > 0xFFFF) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return cp != 0x3005 && cp != 0x3007 && cp != 0x303B // Han by script, but outside the ranges looked for
                && (script == Character.UnicodeScript.HAN && Character.isIdeographic(cp)
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.THAI || script == Character.UnicodeScript.LAO
                || script == Character.UnicodeScript.MYANMAR || script == Character.UnicodeScript.KHMER);
    }

    /** The family's definitions, transcribed without tables or tricks. */
    private static Map<String, Double> reference(String text) {
        long chars = 0;
        long nonWs = 0;
        long alpha = 0;
        long digits = 0;
        long upper = 0;
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            chars++;
            int type = Character.getType(cp);
            if (isSpace(cp)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.appendCodePoint(cp);
            nonWs++;
            alpha += Character.isAlphabetic(cp) ? 1 : 0;
            digits += type == Character.DECIMAL_DIGIT_NUMBER ? 1 : 0;
            upper += type == Character.UPPERCASE_LETTER ? 1 : 0;
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        // A whitespace word holding a char of a script written without spaces counts the words ICU's
        // word breaks find in it, or 1 when they find none.
        List<String> counted = new ArrayList<>();
        for (String w : words) {
            if (w.codePoints().noneMatch(TextStatisticsTest::isUnspacedScript)) {
                counted.add(w);
                continue;
            }
            BreakIterator breaks = BreakIterator.getWordInstance(ULocale.ROOT);
            breaks.setText(w);
            List<String> segmentWords = new ArrayList<>();
            for (int from = breaks.first(), to = breaks.next(); to != BreakIterator.DONE; from = to, to = breaks.next()) {
                if (breaks.getRuleStatus() >= BreakIterator.WORD_NONE_LIMIT) {
                    segmentWords.add(w.substring(from, to));
                }
            }
            counted.addAll(segmentWords.isEmpty() ? List.of(w) : segmentWords);
        }
        words = counted;
        long alphaWords = words.stream().filter(w -> w.codePoints().anyMatch(Character::isAlphabetic)).count();
        // Lines: split on \n, a final \n opening no empty line.
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] lines = text.isEmpty() ? new String[0] : body.split("\n", -1);
        long nonEmptyLines = Arrays.stream(lines)
                .filter(l -> l.codePoints().anyMatch(cp -> !isSpace(cp)))
                .count();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(CHAR_COUNT, (double) chars);
        out.put(NON_WHITESPACE_CHAR_COUNT, (double) nonWs);
        out.put(WORD_COUNT, (double) words.size());
        out.put(LINE_COUNT, (double) lines.length);
        out.put(NON_EMPTY_LINE_COUNT, (double) nonEmptyLines);
        out.put(MEAN_WORD_LENGTH, words.isEmpty() ? 0.0 : (double) nonWs / words.size());
        out.put(ALPHA_CHAR_RATIO, nonWs == 0 ? 0.0 : (double) alpha / nonWs);
        out.put(ALPHA_WORD_FRAC, words.isEmpty() ? 0.0 : (double) alphaWords / words.size());
        out.put(DIGIT_CHAR_RATIO, nonWs == 0 ? 0.0 : (double) digits / nonWs);
        out.put(UPPERCASE_CHAR_RATIO, nonWs == 0 ? 0.0 : (double) upper / nonWs);
        out.put(IS_BLANK, nonWs == 0 ? 1.0 : 0.0);
        return out;
    }

    @Test
    void countsAsciiTextByHand() {
        // "Hello, World!" + "\n" + "foo 42": 20 code points, 3 whitespace, words "Hello," "World!" "foo" "42".
        Map<String, Double> s = stats("Hello, World!\nfoo 42");
        assertThat(s.get(CHAR_COUNT)).isEqualTo(20.0);
        assertThat(s.get(NON_WHITESPACE_CHAR_COUNT)).isEqualTo(17.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(4.0);
        assertThat(s.get(LINE_COUNT)).isEqualTo(2.0);
        assertThat(s.get(NON_EMPTY_LINE_COUNT)).isEqualTo(2.0);
        assertThat(s.get(MEAN_WORD_LENGTH)).isCloseTo(17.0 / 4, within(EPS));
        assertThat(s.get(ALPHA_CHAR_RATIO)).isCloseTo(13.0 / 17, within(EPS));
        assertThat(s.get(ALPHA_WORD_FRAC)).isCloseTo(3.0 / 4, within(EPS));
        assertThat(s.get(DIGIT_CHAR_RATIO)).isCloseTo(2.0 / 17, within(EPS));
        assertThat(s.get(UPPERCASE_CHAR_RATIO)).isCloseTo(2.0 / 17, within(EPS));
        assertThat(s.get(IS_BLANK)).isEqualTo(0.0);
    }

    @Test
    void emptyTextIsBlankWithZeroCountsAndRatios() {
        Map<String, Double> s = stats("");
        assertThat(s.get(IS_BLANK)).isEqualTo(1.0);
        assertThat(s.get(LINE_COUNT)).isEqualTo(0.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(0.0);
        assertThat(s.get(MEAN_WORD_LENGTH)).isEqualTo(0.0);
        assertThat(s.get(ALPHA_CHAR_RATIO)).isEqualTo(0.0);
        assertThat(s.get(ALPHA_WORD_FRAC)).isEqualTo(0.0);
    }

    @Test
    void whitespaceOnlyTextIsBlankButHasLinesAndChars() {
        Map<String, Double> s = stats("  \n\t \n");
        assertThat(s.get(IS_BLANK)).isEqualTo(1.0);
        assertThat(s.get(CHAR_COUNT)).isEqualTo(6.0);
        assertThat(s.get(NON_WHITESPACE_CHAR_COUNT)).isEqualTo(0.0);
        assertThat(s.get(LINE_COUNT)).isEqualTo(2.0);
        assertThat(s.get(NON_EMPTY_LINE_COUNT)).isEqualTo(0.0);
    }

    @Test
    void trailingNewlineDoesNotOpenALineButBlankLinesInsideCount() {
        assertThat(stats("a\n").get(LINE_COUNT)).isEqualTo(1.0);
        Map<String, Double> s = stats("a\n\nb");
        assertThat(s.get(LINE_COUNT)).isEqualTo(3.0);
        assertThat(s.get(NON_EMPTY_LINE_COUNT)).isEqualTo(2.0);
    }

    @Test
    void countsCyrillicLettersAndCapitals() {
        // Привет мир: 6 + 1 + 3 code points, all letters, one capital.
        Map<String, Double> s = stats("Привет мир");
        assertThat(s.get(CHAR_COUNT)).isEqualTo(10.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(2.0);
        assertThat(s.get(ALPHA_CHAR_RATIO)).isEqualTo(1.0);
        assertThat(s.get(UPPERCASE_CHAR_RATIO)).isCloseTo(1.0 / 9, within(EPS));
    }

    @Test
    void chineseJapaneseAndThaiRunsCountTheirDictionaryWords() {
        // 你好，世界。 is one run of non-whitespace and two words (你好 "hello", 世界 "world"), its two
        // marks punctuation; until signals version 24 it counted as one word.
        Map<String, Double> s = stats("你好，世界。\nLinux 操作系统");
        assertThat(s.get(CHAR_COUNT)).isEqualTo(17.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(5.0); // 你好 世界 / Linux 操作 系统
        assertThat(s.get(MEAN_WORD_LENGTH)).isEqualTo(15.0 / 5);
        assertThat(s.get(ALPHA_CHAR_RATIO)).isCloseTo(13.0 / 15, within(EPS));
        assertThat(s.get(ALPHA_WORD_FRAC)).isEqualTo(1.0);
        assertThat(s.get(LINE_COUNT)).isEqualTo(2.0);
        assertThat(stats("私は学生です。").get(WORD_COUNT)).isEqualTo(4.0); // 私 は 学生 です
        assertThat(stats("ผมชอบกินข้าว").get(WORD_COUNT)).isEqualTo(4.0); // ผม ชอบ กิน ข้าว, "I like to eat rice"
        // Punctuation alone is no word, but a run of it stays one, as elsewhere.
        Map<String, Double> marks = stats("。。 ！");
        assertThat(marks.get(WORD_COUNT)).isEqualTo(2.0);
        assertThat(marks.get(ALPHA_WORD_FRAC)).isEqualTo(0.0);
        // A three-sentence Chinese paragraph is about as many words as its English translation (~50).
        assertThat(stats("委员会周二开会审议了在河上修建一座新人行桥的提案。工程师们说，这座桥将在明年春天完工，"
                + "费用由市政府和省政府共同承担。居民们对此表示欢迎，因为他们每天都要绕远路去市场。").get(WORD_COUNT))
                .isBetween(40.0, 60.0);
    }

    @Test
    void countsSurrogatePairsAsOneCodePoint() {
        // U+1D400 U+1D401 (mathematical bold capitals A, B: letters, Lu), space, U+1F600 (emoji), space, x.
        String text = "\uD835\uDC00\uD835\uDC01 \uD83D\uDE00 x";
        assertThat(text).hasSize(9);
        Map<String, Double> s = stats(text);
        assertThat(s.get(CHAR_COUNT)).isEqualTo(6.0);
        assertThat(s.get(NON_WHITESPACE_CHAR_COUNT)).isEqualTo(4.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(3.0);
        assertThat(s.get(MEAN_WORD_LENGTH)).isCloseTo(4.0 / 3, within(EPS));
        assertThat(s.get(ALPHA_CHAR_RATIO)).isEqualTo(0.75);
        assertThat(s.get(UPPERCASE_CHAR_RATIO)).isEqualTo(0.5);
        assertThat(s.get(ALPHA_WORD_FRAC)).isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void devanagariVowelSignsCountAsAlphabeticButViramaDoesNot() {
        // नमस्ते = न म स ् त े ; दुनिया = द ु न ि य ा. Only the virama (U+094D) is not Alphabetic.
        Map<String, Double> s = stats("नमस्ते दुनिया");
        assertThat(s.get(NON_WHITESPACE_CHAR_COUNT)).isEqualTo(12.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(2.0);
        assertThat(s.get(ALPHA_CHAR_RATIO)).isCloseTo(11.0 / 12, within(EPS));
    }

    @Test
    void noBreakAndIdeographicSpacesSeparateWords() {
        Map<String, Double> s = stats("a\u00A0b\u3000c\u2028d");
        assertThat(s.get(WORD_COUNT)).isEqualTo(4.0);
        assertThat(s.get(NON_WHITESPACE_CHAR_COUNT)).isEqualTo(4.0);
    }

    @Test
    void arabicIndicDigitsAreDigits() {
        Map<String, Double> s = stats("٠١٢ ab");
        assertThat(s.get(DIGIT_CHAR_RATIO)).isEqualTo(0.6);
        assertThat(s.get(ALPHA_WORD_FRAC)).isEqualTo(0.5);
    }

    @Test
    void emitsEveryDeclaredSignalOnceInDeclaredOrder() {
        Map<String, Double> s = stats("x");
        assertThat(s.keySet()).containsExactlyElementsOf(new TextStatistics().signalNames());
    }
}
