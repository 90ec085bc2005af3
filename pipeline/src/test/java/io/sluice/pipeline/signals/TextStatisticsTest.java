package io.sluice.pipeline.signals;

import static io.sluice.pipeline.signals.TextStatistics.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextStatisticsTest {

    private static final double EPS = 1e-12;

    private static Map<String, Double> stats(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        new TextStatistics().compute(text, out::put);
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
    void chineseWithoutSpacesIsFewLongWords() {
        // 你好，世界。 (6) + \n + 第二行 (3): 9 non-space, 7 ideographs, the two marks are punctuation.
        Map<String, Double> s = stats("你好，世界。\n第二行");
        assertThat(s.get(CHAR_COUNT)).isEqualTo(10.0);
        assertThat(s.get(WORD_COUNT)).isEqualTo(2.0);
        assertThat(s.get(MEAN_WORD_LENGTH)).isEqualTo(4.5);
        assertThat(s.get(ALPHA_CHAR_RATIO)).isCloseTo(7.0 / 9, within(EPS));
        assertThat(s.get(ALPHA_WORD_FRAC)).isEqualTo(1.0);
        assertThat(s.get(LINE_COUNT)).isEqualTo(2.0);
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
