package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class C4QualityTest {

    private static final String SENTENCE = "The river rose slowly during the night.";

    private final C4Quality c4 = new C4Quality(SimpleTokenizer.INSTANCE, C4Quality.Options.FINEWEB);
    private final C4Quality strict = new C4Quality(SimpleTokenizer.INSTANCE, C4Quality.Options.DATATROVE_DEFAULTS);

    private static Map<String, Double> signals(C4Quality family, String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        family.evaluate(text, out::put);
        return out;
    }

    private static String sentences(int n) {
        return (SENTENCE + " ").repeat(n).strip();
    }

    @Test
    void keepsFiveSentencesAndDropsFourAsTooFewSentences() {
        assertThat(c4.verdict(sentences(5))).isEqualTo(FilterVerdict.KEEP);
        assertThat(c4.verdict(sentences(4))).isEqualTo(FilterVerdict.drop("too_few_sentences"));
        assertThat(signals(c4, sentences(4))).containsEntry("c4.sentence_count", 4.0).containsEntry("c4.keep", 0.0);
    }

    @Test
    void countsSentencesLineByLineOnlyInKeptLines() {
        String text = String.join("\n", sentences(2), "Three words here", "Two words", sentences(2), "");
        Map<String, Double> s = signals(c4, text);
        assertThat(s).containsEntry("c4.line_count", 4.0)
                .containsEntry("c4.lines_too_few_words", 1.0)
                .containsEntry("c4.sentence_count", 5.0)
                .containsEntry("c4.lines_removed_frac", 0.25);
        assertThat(c4.verdict(text).keep()).isTrue();
    }

    @Test
    void removesLinesWithAWordOverAThousandCodePoints() {
        String ok = "word " + "a".repeat(1000) + " end";
        String tooLong = "word " + "a".repeat(1001) + " end";
        // 600 emoji are 1200 UTF-16 units but 600 code points, which is what Python's len() counts.
        String emoji = "word " + "\uD83D\uDE00".repeat(600) + " end";
        Map<String, Double> s = signals(c4, String.join("\n", ok, tooLong, emoji));
        assertThat(s).containsEntry("c4.lines_too_long_word", 1.0).containsEntry("c4.sentence_count", 2.0);
    }

    @Test
    void dropsLinesWithoutTerminalPunctuationOnlyWhenAskedTo() {
        String text = String.join("\n", sentences(5), "A line without an end", "A line that trails off...",
                "He said \"stop here\"", "It's the 'end'");
        assertThat(signals(strict, text)).containsEntry("c4.lines_no_terminal_punct", 2.0)
                .containsEntry("c4.sentence_count", 7.0);
        assertThat(signals(c4, text)).containsEntry("c4.lines_no_terminal_punct", 0.0)
                .containsEntry("c4.sentence_count", 9.0);
    }

    @Test
    void stripsCitationsBeforeJudgingTheLineEnd() {
        String text = String.join("\n", "It was founded in 1990.[12]", "It grew quickly.[edit]",
                "It closed in 2001.[citation needed]", "It had sixty staff.[]", "It is gone [a].");
        Map<String, Double> s = signals(strict, text);
        assertThat(s).containsEntry("c4.lines_no_terminal_punct", 0.0).containsEntry("c4.sentence_count", 5.0);
        assertThat(strict.verdict(text)).isEqualTo(FilterVerdict.KEEP);
    }

    @Test
    void countsWordsBeforeCitationsAreRemoved() {
        // Three words before cleaning, so the line stays, though only "Yes" remains of it.
        Map<String, Double> s = signals(c4, "Yes [1] [2]\n[1] [2] [3]");
        assertThat(s).containsEntry("c4.lines_too_few_words", 0.0)
                // The second line is blank once cleaned: kept, but it has no sentence.
                .containsEntry("c4.sentence_count", 1.0);
    }

    @Test
    void removesJavascriptLinesWhateverTheirCaseWithoutDroppingTheDocument() {
        String text = String.join("\n", sentences(5), "Please enable JavaScript to view this page.",
                "This site needs JAVASCRIPT { enabled }.");
        Map<String, Double> s = signals(c4, text);
        assertThat(s).containsEntry("c4.lines_javascript", 2.0).containsEntry("c4.curly_bracket", 0.0);
        assertThat(c4.verdict(text)).isEqualTo(FilterVerdict.KEEP);
    }

    @Test
    void removesLinesWithPolicyPhrases() {
        String text = String.join("\n", sentences(5), "By using this site you accept our Terms of Use.",
                "This website uses cookies to improve your experience.", "Read the privacy policy now.",
                "We use cookies for ads.", "See the use of cookies here.", "Our COO\u212AIE POLICY applies.",
                "Cookies are baked in the oven.");
        Map<String, Double> s = signals(c4, text);
        assertThat(s).containsEntry("c4.lines_policy", 6.0).containsEntry("c4.sentence_count", 6.0);
    }

    @Test
    void findsPhrasesAtTheVeryEndOfTheTextAndIgnoresLookalikeLetters() {
        // The scan reads one char past each letter: the last phrase ends the text, and "t" ends it too.
        assertThat(signals(c4, sentences(5) + "\nRead the site's terms of use"))
                .containsEntry("c4.lines_policy", 1.0);
        assertThat(signals(c4, sentences(5) + "\nJust the javascript"))
                .containsEntry("c4.lines_javascript", 1.0);
        assertThat(signals(c4, sentences(5) + "\nNothing to see here at all, not a thing at"))
                .containsEntry("c4.lines_policy", 0.0).containsEntry("c4.lines_javascript", 0.0);
        // Letters outside ASCII that fold onto a first letter ("ìo", "ôe") start no phrase.
        assertThat(signals(c4, sentences(5) + "\nThe ìorem ipsum and ôerms of use, êavascript."))
                .containsEntry("c4.lorem_ipsum", 0.0).containsEntry("c4.lines_javascript", 0.0)
                .containsEntry("c4.lines_policy", 0.0);
    }

    @Test
    void dropsForLoremIpsumOrCurlyBracketByTheFirstLineThatHasOne() {
        String lorem = "Lorem Ipsum dolor sit amet.";
        String curly = "Use the {name} placeholder here.";
        assertThat(c4.verdict(sentences(5) + "\n" + lorem)).isEqualTo(FilterVerdict.drop("lorem_ipsum"));
        assertThat(c4.verdict(sentences(5) + "\n" + curly)).isEqualTo(FilterVerdict.drop("curly_bracket"));
        assertThat(c4.verdict(curly + "\n" + lorem)).isEqualTo(FilterVerdict.drop("curly_bracket"));
        assertThat(c4.verdict(lorem + "\n" + curly)).isEqualTo(FilterVerdict.drop("lorem_ipsum"));
        // Within one line lorem ipsum is checked first.
        assertThat(c4.verdict("Lorem ipsum {dolor} sit.")).isEqualTo(FilterVerdict.drop("lorem_ipsum"));
        assertThat(signals(c4, curly + "\n" + lorem)).containsEntry("c4.lorem_ipsum", 1.0)
                .containsEntry("c4.curly_bracket", 1.0);
    }

    @Test
    void ignoresCurlyBracketsInLinesAlreadyRemoved() {
        String text = String.join("\n", sentences(5), "{ }", "x".repeat(1001) + " {");
        assertThat(c4.verdict(text)).isEqualTo(FilterVerdict.KEEP);
        // Without a line end it is removed before the bracket is looked at, but only in the strict setup.
        String unterminated = text + "\nCurly {braces} everywhere";
        assertThat(strict.verdict(unterminated)).isEqualTo(FilterVerdict.KEEP);
        assertThat(c4.verdict(unterminated)).isEqualTo(FilterVerdict.drop("curly_bracket"));
    }

    @Test
    void splitsLinesAsPythonSplitlinesDoes() {
        // CRLF is one break; LINE SEPARATOR, form feed and U+001E break lines too; a final break adds no line.
        String text = SENTENCE + "\r\n" + SENTENCE + "\u2028" + SENTENCE + "\f" + SENTENCE + "\u001e" + SENTENCE + "\n";
        assertThat(signals(c4, text)).containsEntry("c4.line_count", 5.0).containsEntry("c4.sentence_count", 5.0);
    }

    @Test
    void stripsPythonWhitespaceIncludingNoBreakSpaces() {
        String text = "\u00a0\u3000Short line\u00a0\u2003";
        assertThat(signals(c4, text)).containsEntry("c4.lines_too_few_words", 1.0);
    }

    @Test
    void dropsEmptyTextForTooFewSentences() {
        assertThat(c4.verdict("")).isEqualTo(FilterVerdict.drop("too_few_sentences"));
        assertThat(signals(c4, "")).containsEntry("c4.line_count", 0.0).containsEntry("c4.lines_removed_frac", 0.0);
    }

    @Test
    void emitsEverySignalItDeclaresInOrder() {
        Map<String, Double> s = signals(c4, sentences(3));
        assertThat(s.keySet()).containsExactlyElementsOf(c4.signalNames());
    }

    @Test
    void worksWithTheStandardTokenizerOnPlainProse() {
        C4Quality standard = new C4Quality(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB);
        String text = "The first point is simple. The second point follows it.\nA third point stands alone.\n"
                + "Then comes a fourth one. And a fifth one ends the text.";
        assertThat(signals(standard, text)).containsEntry("c4.sentence_count", 5.0);
        assertThat(standard.verdict(text)).isEqualTo(FilterVerdict.KEEP);
    }
}
