package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Gopher quality rule on both sides of its datatrove default threshold, with hand-made texts:
 * the signal value is asserted, and the verdict names the rule (datatrove's reason) only on the
 * failing side. Texts are built from plain lower-case words separated by spaces and no sentence
 * mark, so every word is exactly one NLTK token.
 */
class GopherQualityThresholdTest {

    private final GopherQuality family = new GopherQuality();

    /** {@code n} distinct filler words of {@code length} letters, none a stop word. */
    private static List<String> fillers(int n, int length) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder("z");
            int x = i;
            while (w.length() < length) {
                w.append((char) ('a' + x % 26));
                x /= 26;
            }
            words.add(w.toString());
        }
        return words;
    }

    /** The two stop words datatrove needs, then {@code n - 2} fillers of {@code length} letters. */
    private static List<String> words(int n, int length) {
        List<String> words = new ArrayList<>(List.of("the", "and"));
        words.addAll(fillers(n - 2, length));
        return words;
    }

    private Map<String, Double> signals(String text) {
        Map<String, Double> s = new HashMap<>();
        family.compute(text, s::put);
        return s;
    }

    private String reason(Map<String, Double> signals) {
        return family.verdict(SignalLookup.of(signals)).reason();
    }

    @ParameterizedTest(name = "{0} words -> {1}")
    @CsvSource({"49, gopher_short_doc", "50, ", "100000, ", "100001, gopher_long_doc"})
    void wordCountBounds(int n, String reason) {
        Map<String, Double> s = signals(String.join(" ", words(n, 4)));
        assertThat(s.get(GopherQuality.WORD_COUNT)).isEqualTo(n);
        assertThat(s.get(GopherQuality.TOKEN_COUNT)).isEqualTo(n);
        assertThat(reason(s)).isEqualTo(reason);
    }

    @Test
    void meanWordLengthOfExactlyThreeKeepsAndJustBelowDrops() {
        List<String> w = words(50, 3);
        Map<String, Double> at = signals(String.join(" ", w));
        assertThat(at.get(GopherQuality.MEAN_WORD_LENGTH)).isEqualTo(3.0);
        assertThat(reason(at)).isNull();

        w.set(10, "ab");
        Map<String, Double> below = signals(String.join(" ", w));
        assertThat(below.get(GopherQuality.MEAN_WORD_LENGTH)).isCloseTo(149.0 / 50, within(1e-12));
        assertThat(reason(below)).isEqualTo("gopher_below_avg_threshold");
    }

    @Test
    void meanWordLengthOfExactlyTenKeepsAndJustAboveDrops() {
        // 2 stop words (6 chars) + 46 x 10 + 2 x 17 = 500 chars over 50 words.
        List<String> w = new ArrayList<>(List.of("the", "and"));
        w.addAll(fillers(46, 10));
        w.addAll(fillers(2, 17));
        Map<String, Double> at = signals(String.join(" ", w));
        assertThat(at.get(GopherQuality.MEAN_WORD_LENGTH)).isEqualTo(10.0);
        assertThat(reason(at)).isNull();

        w.set(49, w.get(49) + "x");
        Map<String, Double> above = signals(String.join(" ", w));
        assertThat(above.get(GopherQuality.MEAN_WORD_LENGTH)).isCloseTo(501.0 / 50, within(1e-12));
        assertThat(reason(above)).isEqualTo("gopher_above_avg_threshold");
    }

    /** 54 words and {@code marks} standalone marks: 6 marks are a ratio of exactly 0.1. */
    private static String withMarks(String mark, int marks) {
        List<String> w = words(54, 4);
        for (int i = 0; i < marks; i++) {
            w.add(1 + 8 * i, mark);
        }
        return String.join(" ", w);
    }

    @Test
    void hashRatioOfExactlyOneTenthKeepsAndAboveDrops() {
        Map<String, Double> at = signals(withMarks("#", 6));
        assertThat(at.get(GopherQuality.HASH_TO_WORD_RATIO)).isEqualTo(0.1);
        assertThat(at.get(GopherQuality.WORD_COUNT)).isEqualTo(54);
        assertThat(reason(at)).isNull();

        Map<String, Double> above = signals(withMarks("#", 7));
        assertThat(above.get(GopherQuality.HASH_TO_WORD_RATIO)).isCloseTo(7.0 / 61, within(1e-12));
        assertThat(reason(above)).isEqualTo("gopher_too_many_hashes");
    }

    @Test
    void ellipsisRatioOfExactlyOneTenthKeepsAndAboveDrops() {
        Map<String, Double> at = signals(withMarks("\u2026", 6));
        assertThat(at.get(GopherQuality.ELLIPSIS_TO_WORD_RATIO)).isEqualTo(0.1);
        assertThat(reason(at)).isNull();

        Map<String, Double> above = signals(withMarks("\u2026", 7));
        assertThat(above.get(GopherQuality.ELLIPSIS_TO_WORD_RATIO)).isCloseTo(7.0 / 61, within(1e-12));
        assertThat(reason(above)).isEqualTo("gopher_too_many_ellipsis");
    }

    @Test
    void threeDotsCountLikeTheEllipsisCharacter() {
        Map<String, Double> s = signals(withMarks("...", 7));
        assertThat(s.get(GopherQuality.ELLIPSIS_TO_WORD_RATIO)).isCloseTo(7.0 / 61, within(1e-12));
        assertThat(reason(s)).isEqualTo("gopher_too_many_ellipsis");
    }

    /** Ten lines of six words; the first {@code marked} lines start (or end) with the mark. */
    private static String lines(int marked, boolean atStart, String mark) {
        List<String> w = words(60, 4);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 10; line++) {
            String body = String.join(" ", w.subList(6 * line, 6 * line + 6));
            if (line < marked) {
                body = atStart ? "  " + mark + " " + body : body + " " + mark + "  ";
            }
            text.append(body).append('\n');
        }
        return text.toString();
    }

    @Test
    void bulletLineFractionOfNineTenthsKeepsAndAllBulletsDrop() {
        Map<String, Double> at = signals(lines(9, true, "-"));
        assertThat(at.get(GopherQuality.BULLET_LINE_FRAC)).isEqualTo(0.9);
        assertThat(reason(at)).isNull();

        Map<String, Double> above = signals(lines(10, true, "\u2022"));
        assertThat(above.get(GopherQuality.BULLET_LINE_FRAC)).isEqualTo(1.0);
        assertThat(reason(above)).isEqualTo("gopher_too_many_bullets");
    }

    @Test
    void endEllipsisLineFractionOfThreeTenthsKeepsAndFourTenthsDrop() {
        Map<String, Double> at = signals(lines(3, false, "\u2026"));
        assertThat(at.get(GopherQuality.END_ELLIPSIS_LINE_FRAC)).isEqualTo(0.3);
        assertThat(reason(at)).isNull();

        Map<String, Double> above = signals(lines(4, false, "..."));
        assertThat(above.get(GopherQuality.END_ELLIPSIS_LINE_FRAC)).isEqualTo(0.4);
        assertThat(reason(above)).isEqualTo("gopher_too_many_end_ellipsis");
    }

    @Test
    void alphaWordFractionOfExactlyFourFifthsKeepsAndBelowDrops() {
        List<String> w = words(48, 4);
        for (int i = 0; i < 12; i++) {
            w.add("123");
        }
        Map<String, Double> at = signals(String.join(" ", w));
        assertThat(at.get(GopherQuality.ALPHA_WORD_FRAC)).isEqualTo(0.8);
        assertThat(reason(at)).isNull();

        w.add("456");
        Map<String, Double> below = signals(String.join(" ", w));
        assertThat(below.get(GopherQuality.ALPHA_WORD_FRAC)).isCloseTo(48.0 / 61, within(1e-12));
        assertThat(reason(below)).isEqualTo("gopher_below_alpha_threshold");
    }

    @Test
    void twoDistinctStopWordsKeepAndOneRepeatedStopWordDrops() {
        List<String> w = words(60, 4);
        Map<String, Double> two = signals(String.join(" ", w));
        assertThat(two.get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(2.0);
        assertThat(reason(two)).isNull();

        w.set(1, "the");
        w.set(30, "the");
        Map<String, Double> one = signals(String.join(" ", w));
        assertThat(one.get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(1.0);
        assertThat(reason(one)).isEqualTo("gopher_enough_stop_words");

        // Case-sensitive, as datatrove's set intersection: "The" is not a stop word.
        w.set(1, "The");
        w.set(30, "The");
        w.set(0, "The");
        Map<String, Double> none = signals(String.join(" ", w));
        assertThat(none.get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(0.0);
        assertThat(reason(none)).isEqualTo("gopher_enough_stop_words");
    }

    @Test
    void reasonIsTheFirstFailingRuleInDatatroveOrder() {
        // Short, and no stop words, and no letters: the word count is checked first.
        assertThat(reason(signals("12 34 56"))).isEqualTo("gopher_short_doc");
        // Long enough but short words, many hashes and no stop words: mean length comes first.
        List<String> w = new ArrayList<>(fillers(50, 2));
        for (int i = 0; i < 20; i++) {
            w.add("#");
        }
        assertThat(reason(signals(String.join(" ", w)))).isEqualTo("gopher_below_avg_threshold");
    }

    /** Each rule at its threshold keeps; just past it drops with that rule's reason (signal level). */
    @ParameterizedTest(name = "{0} = {1} keeps, {2} drops as {3}")
    @CsvSource({
        "gopher.word_count,              50,    49.999, gopher_short_doc",
        "gopher.word_count,          100000,  100000.5, gopher_long_doc",
        "gopher.mean_word_length,         3,     2.999, gopher_below_avg_threshold",
        "gopher.mean_word_length,        10,    10.001, gopher_above_avg_threshold",
        "gopher.hash_to_word_ratio,     0.1,    0.1001, gopher_too_many_hashes",
        "gopher.ellipsis_to_word_ratio, 0.1,    0.1001, gopher_too_many_ellipsis",
        "gopher.bullet_line_frac,       0.9,    0.9001, gopher_too_many_bullets",
        "gopher.end_ellipsis_line_frac, 0.3,    0.3001, gopher_too_many_end_ellipsis",
        "gopher.alpha_word_frac,        0.8,    0.7999, gopher_below_alpha_threshold",
        "gopher.stop_word_count,          2,         1, gopher_enough_stop_words",
    })
    void eachRuleAtAndPastItsThreshold(String signal, double at, double past, String reason) {
        Map<String, Double> passing = new HashMap<>(Map.of(
                GopherQuality.WORD_COUNT, 200.0, GopherQuality.TOKEN_COUNT, 220.0,
                GopherQuality.MEAN_WORD_LENGTH, 5.0, GopherQuality.HASH_TO_WORD_RATIO, 0.0,
                GopherQuality.ELLIPSIS_TO_WORD_RATIO, 0.0, GopherQuality.BULLET_LINE_FRAC, 0.0,
                GopherQuality.END_ELLIPSIS_LINE_FRAC, 0.0, GopherQuality.ALPHA_WORD_FRAC, 1.0,
                GopherQuality.STOP_WORD_COUNT, 5.0));
        passing.put(signal, at);
        assertThat(family.verdict(SignalLookup.of(passing))).isEqualTo(FilterVerdict.KEEP);
        passing.put(signal, past);
        assertThat(family.verdict(SignalLookup.of(passing))).isEqualTo(FilterVerdict.drop(reason));
    }

    /**
     * Repeated tokens count at every occurrence (the family classifies each distinct token once and
     * reuses its class): 9 tokens, of which "#" twice (punctuation only, no letter) and the
     * supplementary-plane letters "𝒜𝒜" twice (one token of 2 code points, 4 chars); "the" three times
     * and "and" once are 2 distinct stop words.
     */
    @Test
    void repeatedTokensCountAtEveryOccurrence() {
        Map<String, Double> s = signals("the 𝒜𝒜 # the 𝒜𝒜 and # the cat");
        assertThat(s.get(GopherQuality.TOKEN_COUNT)).isEqualTo(9.0);
        assertThat(s.get(GopherQuality.WORD_COUNT)).isEqualTo(7.0);
        assertThat(s.get(GopherQuality.MEAN_WORD_LENGTH)).isCloseTo((3 + 2 + 3 + 2 + 3 + 3 + 3) / 7.0, within(1e-12));
        assertThat(s.get(GopherQuality.ALPHA_WORD_FRAC)).isCloseTo(7 / 9.0, within(1e-12));
        assertThat(s.get(GopherQuality.HASH_TO_WORD_RATIO)).isCloseTo(2 / 9.0, within(1e-12));
        assertThat(s.get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(2.0);
    }
}
