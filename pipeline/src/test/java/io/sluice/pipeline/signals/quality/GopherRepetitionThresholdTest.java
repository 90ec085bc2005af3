package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Gopher repetition rule around its datatrove default threshold, with hand-made texts of
 * distinct filler words into which exactly one kind of repetition is planted; the signal value is
 * checked against its definition and the verdict names the rule (datatrove's reason) only past the
 * threshold. Every text is ASCII, so lengths in chars are Python's code point lengths.
 */
class GopherRepetitionThresholdTest {

    private final GopherRepetition family = new GopherRepetition();

    /** {@code n} distinct words of {@code length} letters starting with {@code first}. */
    private static List<String> fillers(char first, int n, int length) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder().append(first);
            int x = i;
            while (w.length() < length) {
                w.append((char) ('a' + x % 26));
                x /= 26;
            }
            words.add(w.toString());
        }
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

    /**
     * Ten-word paragraphs (or lines) of distinct words, plus the short segment "xa xb" at the
     * start and after the first {@code copies - 1} unique ones.
     */
    private static String segments(int unique, int copies, String separator) {
        List<String> w = fillers('z', 10 * unique, 5);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            if (i < copies) {
                parts.add("xa xb");
            }
            parts.add(String.join(" ", w.subList(10 * i, 10 * i + 10)));
        }
        return String.join(separator, parts);
    }

    @Test
    void duplicateParagraphFractionOfThreeTenthsKeepsAndAboveDrops() {
        Map<String, Double> at = signals(segments(6, 4, "\n\n"));
        assertThat(at.get(GopherRepetition.DUP_PARA_FRAC)).isEqualTo(0.3);
        assertThat(at.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(0.3);
        assertThat(reason(at)).isNull();

        String text = segments(7, 5, "\n\n");
        Map<String, Double> above = signals(text);
        assertThat(above.get(GopherRepetition.DUP_PARA_FRAC)).isEqualTo(4.0 / 12);
        assertThat(above.get(GopherRepetition.DUP_PARA_CHAR_FRAC)).isEqualTo(4.0 * 5 / text.length());
        assertThat(reason(above)).isEqualTo("dup_para_frac");
    }

    @Test
    void duplicateLineFractionOfThreeTenthsKeepsAndAboveDrops() {
        Map<String, Double> at = signals(segments(6, 4, "\n"));
        assertThat(at.get(GopherRepetition.DUP_PARA_FRAC)).isEqualTo(0.0);
        assertThat(at.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(0.3);
        assertThat(reason(at)).isNull();

        String text = segments(7, 5, "\n");
        Map<String, Double> above = signals(text);
        assertThat(above.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(4.0 / 12);
        assertThat(above.get(GopherRepetition.DUP_LINE_CHAR_FRAC)).isEqualTo(4.0 * 5 / text.length());
        assertThat(reason(above)).isEqualTo("dup_line_frac");
    }

    /** One long segment, eight ten-word ones, the long one again: one duplicate in ten. */
    private static String longDuplicate(int longWords, String separator) {
        List<String> w = fillers('z', 80, 5);
        String longOne = String.join(" ", fillers('y', longWords, 5));
        List<String> parts = new ArrayList<>(List.of(longOne));
        for (int i = 0; i < 8; i++) {
            parts.add(String.join(" ", w.subList(10 * i, 10 * i + 10)));
        }
        parts.add(longOne);
        return String.join(separator, parts);
    }

    @Test
    void duplicateParagraphCharactersAboveOneFifthDrop() {
        String text = longDuplicate(30, "\n\n");
        Map<String, Double> s = signals(text);
        assertThat(s.get(GopherRepetition.DUP_PARA_FRAC)).isEqualTo(0.1);
        assertThat(s.get(GopherRepetition.DUP_PARA_CHAR_FRAC)).isEqualTo((30 * 6 - 1.0) / text.length())
                .isGreaterThan(0.2);
        assertThat(reason(s)).isEqualTo("dup_para_char_frac");

        Map<String, Double> below = signals(longDuplicate(24, "\n\n"));
        assertThat(below.get(GopherRepetition.DUP_PARA_CHAR_FRAC)).isLessThan(0.2);
        assertThat(reason(below)).isNotIn("dup_para_frac", "dup_para_char_frac");
    }

    @Test
    void duplicateLineCharactersAboveOneFifthDrop() {
        String text = longDuplicate(30, "\n");
        Map<String, Double> s = signals(text);
        assertThat(s.get(GopherRepetition.DUP_PARA_CHAR_FRAC)).isEqualTo(0.0);
        assertThat(s.get(GopherRepetition.DUP_LINE_CHAR_FRAC)).isEqualTo((30 * 6 - 1.0) / text.length());
        assertThat(reason(s)).isEqualTo("dup_line_char_frac");

        Map<String, Double> below = signals(longDuplicate(24, "\n"));
        assertThat(below.get(GopherRepetition.DUP_LINE_CHAR_FRAC)).isLessThan(0.2);
        assertThat(reason(below)).isNotIn("dup_line_frac", "dup_line_char_frac");
    }

    /** 40 distinct five-letter words on one line, {@code gram} inserted after each of the first k. */
    private static String planted(String gram, int k) {
        List<String> w = fillers('z', 40, 5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            out.add(w.get(i));
            if (i < k) {
                out.add(gram);
            }
        }
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "top {0}-gram: {2} copies keep, {3} drop")
    @CsvSource({
        "2, xa xb,          12, 13",
        "3, xa xb xc,        6,  7",
        "4, xa xb xc xd,     4,  5",
    })
    void topNGramCharacterFractionAroundItsThreshold(int n, String gram, int keepCopies, int dropCopies) {
        double threshold = GopherRepetition.Thresholds.DEFAULTS.topNGram().get(n - 2);
        String keepText = planted(gram, keepCopies);
        Map<String, Double> keep = signals(keepText);
        assertThat(keep.get(GopherRepetition.topNGramCharFrac(n)))
                .isEqualTo((double) gram.length() * keepCopies / keepText.length()).isLessThanOrEqualTo(threshold);
        assertThat(reason(keep)).isNull();

        String dropText = planted(gram, dropCopies);
        Map<String, Double> drop = signals(dropText);
        assertThat(drop.get(GopherRepetition.topNGramCharFrac(n)))
                .isEqualTo((double) gram.length() * dropCopies / dropText.length()).isGreaterThan(threshold);
        assertThat(reason(drop)).isEqualTo("top_" + n + "_gram");
    }

    @Test
    void topNGramCountsTheFirstSeenAmongTiesAndSingleOccurrences() {
        // Every 2-gram occurs once: the first one, "ab cd", counts once.
        Map<String, Double> s = signals("ab cd ef gh");
        assertThat(s.get(GopherRepetition.topNGramCharFrac(2))).isEqualTo(5.0 / 11);
        assertThat(s.get(GopherRepetition.topNGramCharFrac(4))).isEqualTo(1.0);
    }

    /**
     * Ten copies of a five-word block of eight-letter words, spread among {@code fillerCount} distinct
     * five-letter words: the nine repeats are duplicated 5-grams of 40 characters each.
     */
    private static String repeatedBlock(int fillerCount) {
        List<String> block = fillers('y', 5, 8);
        List<String> w = fillers('z', fillerCount, 5);
        List<String> out = new ArrayList<>();
        int every = fillerCount / 10;
        for (int i = 0; i < fillerCount; i++) {
            if (i % every == 0 && i / every < 10) {
                out.addAll(block);
            }
            out.add(w.get(i));
        }
        return String.join(" ", out);
    }

    @Test
    void duplicatedFiveGramCharactersAroundFifteenPercent() {
        String dropText = repeatedBlock(308);
        Map<String, Double> drop = signals(dropText);
        assertThat(drop.get(GopherRepetition.duplicatedNGramsCharFrac(5))).isEqualTo(9.0 * 40 / dropText.length())
                .isGreaterThan(0.15);
        assertThat(drop.get(GopherRepetition.duplicatedNGramsCharFrac(6))).isEqualTo(0.0);
        assertThat(drop.get(GopherRepetition.topNGramCharFrac(4))).isLessThan(0.16);
        assertThat(reason(drop)).isEqualTo("duplicated_5_n_grams");

        String keepText = repeatedBlock(400);
        Map<String, Double> keep = signals(keepText);
        assertThat(keep.get(GopherRepetition.duplicatedNGramsCharFrac(5))).isEqualTo(9.0 * 40 / keepText.length())
                .isLessThanOrEqualTo(0.15);
        assertThat(reason(keep)).isNull();
    }

    @Test
    void duplicatedNGramsJoinWordsWithoutSeparatorAndDoNotOverlap() {
        // A 10-word sequence twice: the second copy is one duplicated 10-gram and two 5-grams.
        List<String> seq = fillers('q', 10, 4);
        String text = String.join(" ", Collections.nCopies(2, String.join(" ", seq)));
        Map<String, Double> s = signals(text);
        assertThat(s.get(GopherRepetition.duplicatedNGramsCharFrac(10))).isEqualTo(40.0 / text.length());
        assertThat(s.get(GopherRepetition.duplicatedNGramsCharFrac(5))).isEqualTo(40.0 / text.length());
        // 2-grams: 9 chars x 2 / 99 = 0.18 passes; 3-grams: 14 x 2 / 99 fails first.
        assertThat(reason(s)).isEqualTo("top_3_gram");

        // "ab cde fg hi jk" and "abc de fg hi jk" both join to "abcdefghijk": a duplicate of 11 chars.
        Map<String, Double> joined = signals("ab cde fg hi jk abc de fg hi jk");
        assertThat(joined.get(GopherRepetition.duplicatedNGramsCharFrac(5))).isEqualTo(11.0 / 31);
    }

    @Test
    void reasonIsTheFirstFailingRuleInDatatroveOrder() {
        // Duplicate paragraphs that are also duplicate lines and repeated n-grams: paragraphs first.
        String para = "one two three four five six";
        Map<String, Double> s = signals(String.join("\n\n", Collections.nCopies(4, para)));
        assertThat(s.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(0.75);
        assertThat(s.get(GopherRepetition.topNGramCharFrac(2))).isGreaterThan(0.2);
        assertThat(reason(s)).isEqualTo("dup_para_frac");
        assertThat(reason(signals(String.join("\n", Collections.nCopies(4, para))))).isEqualTo("dup_line_frac");
    }

    /** Each rule at its threshold keeps; just past it drops with that rule's reason (signal level). */
    @ParameterizedTest(name = "{0} = {1} keeps, {2} drops as {3}")
    @CsvSource({
        "repetition.dup_para_frac,                   0.3, 0.3001, dup_para_frac",
        "repetition.dup_para_char_frac,              0.2, 0.2001, dup_para_char_frac",
        "repetition.dup_line_frac,                   0.3, 0.3001, dup_line_frac",
        "repetition.dup_line_char_frac,              0.2, 0.2001, dup_line_char_frac",
        "repetition.top_2_gram_char_frac,            0.2, 0.2001, top_2_gram",
        "repetition.top_3_gram_char_frac,           0.18, 0.1801, top_3_gram",
        "repetition.top_4_gram_char_frac,           0.16, 0.1601, top_4_gram",
        "repetition.duplicated_5_n_grams_char_frac, 0.15, 0.1501, duplicated_5_n_grams",
        "repetition.duplicated_6_n_grams_char_frac, 0.14, 0.1401, duplicated_6_n_grams",
        "repetition.duplicated_7_n_grams_char_frac, 0.13, 0.1301, duplicated_7_n_grams",
        "repetition.duplicated_8_n_grams_char_frac, 0.12, 0.1201, duplicated_8_n_grams",
        "repetition.duplicated_9_n_grams_char_frac, 0.11, 0.1101, duplicated_9_n_grams",
        "repetition.duplicated_10_n_grams_char_frac, 0.1, 0.1001, duplicated_10_n_grams",
    })
    void eachRuleAtAndPastItsThreshold(String signal, double at, double past, String reason) {
        Map<String, Double> passing = new HashMap<>();
        for (String name : family.signalNames()) {
            passing.put(name, 0.0);
        }
        passing.put(signal, at);
        assertThat(family.verdict(SignalLookup.of(passing))).isEqualTo(FilterVerdict.KEEP);
        passing.put(signal, past);
        assertThat(family.verdict(SignalLookup.of(passing))).isEqualTo(FilterVerdict.drop(reason));
    }

    @Test
    void emptyTextKeepsWithAllValuesZero() {
        Map<String, Double> s = signals("");
        assertThat(s.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(0.0);
        assertThat(s.get(GopherRepetition.KEEP)).isEqualTo(1.0);
        assertThat(reason(s)).isNull();
    }

    @Test
    void keepSignalMatchesTheVerdict() {
        Map<String, Double> s = signals(String.join("\n", Collections.nCopies(4, "one two three")));
        assertThat(s.get(GopherRepetition.KEEP)).isEqualTo(0.0);
        assertThat(reason(s)).isNotNull();
        assertThat(s.get(GopherRepetition.DUP_LINE_CHAR_FRAC)).isCloseTo(3 * 13.0 / 55, within(1e-12));
    }
}
