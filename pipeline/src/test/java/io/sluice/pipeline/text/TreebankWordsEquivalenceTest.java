package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast word tokenizer ({@link TreebankWords#tokenize}, a single scan with the substitution
 * passes as fallback) against the passes alone ({@link TreebankWords#tokenizeByPasses}), which
 * reproduce NLTK's regexes one by one, on random sentences built from the chars and words that the
 * rules treat specially. The sentence sits inside a larger array between random chars, as Punkt's
 * spans do, so that neither may look past its bounds.
 */
class TreebankWordsEquivalenceTest {

    /** Single chars, weighted by repetition; every rule's trigger is here. */
    private static final String[] CHARS = {
        "a", "a", "e", "e", "o", "s", "t", "n", "x", "A", "B", "Z", "1", "2", "0", "_",
        " ", " ", " ", " ", " ", "\n", "\t", "\u00A0", "\u2003", "\u001C",
        ".", ".", ".", ",", ",", ":", ";", "-", "-", "?", "!", "(", ")", "[", "]", "{", "}", "<", ">", "*",
        "@", "#", "$", "%", "&", "/", "=", "+", "~", "\\", "|", "^",
        "'", "'", "\"", "`",
        "\u00AB", "\u201C", "\u2018", "\u201E", "\u00BB", "\u201D", "\u2019",
        "\u00E9", "\u0130", "\u212A", "\u0663", "\uFF11", "\u00B2", "\u2160", "\u3002", "\u2026", "\u00AD",
        "\uD835\uDC00", "\uD83D\uDE00", "\uD835", "\uDC00",
    };

    /** Whole pieces: contractions, clitics, and shapes around the final period. */
    private static final String[] PIECES = {
        "cannot", "CanNot", "gimme", "Gonna", "gotta", "lemme", "wanna", "WANNA", "more'n", "d'ye",
        "can", "not", "gİmme", "wanna ", "wanna.", "wanna,", "wanna?", "wanna--", "xcannot", "_cannot", "cannot_",
        "don't", "DON'T", "it's", "I'm", "we'll", "they're", "you've", "he'd", "'tis", "'Twas", " 't is",
        "''", "``", "...", "..", "--", "---", "1,000", "3.14", "a,b", ",,", ",:", "::", ":,", "e.g.", "U.S.",
        ".)", ".]", ". )", ".\"", ".'", ".\u00BB", ".\u201D", ".\u2019", "!)", "?\"", "x'", "'x", "' ",
        " \"", "(\"", "['", " ''", "\"'", "'\"",
        "\"", "\"\"", "\u00AB\"", "\n\"", ".\" ", ".\")", ". \"", "x\"", "\"x", "<\"", "{\"", "\u201E\"",
        "l'a", "l'A", "O'Brien", "n't", "x'n't", "90's", "it's\n", "we'll,", "they're.", "it's)", "can't", "Can'T",
        "DON'T", "Don'T", "l'\u00E9", "l'\u00E9t\u00E9", "qu'\u00E0 ", "cannot's", "rock'n'roll", "students' ",
        "x'\uD835\uDC00", "x'_", "x'5", "WE'LL", "We'Ll", "I'M", "x'm-", "x's--", "x'd...", "x's.", "x'S,1", "x'D:",
        "x'S\"", "x's\u00BB", "x's\u00A0", "n'tx", "'t", "x'T", ",'s", "n't's", "gonna's", "x'ye", "D'YE",
        " 'a ", "\n'tis", "('tis", "\"'tis", "'t\u0130s", "'TWAS.", "x' )", "x'\n", ".'", "x'.", "'-", " ' ", "x',",
        "cannot'tis", "cannot' ", "'cannot", "'wanna ", "'s ", "'ll", "\u00BB'x", "x'?", "x'--", "x'..", "x'*",
        ",'tis", "...'tis", "--'Twas", ",'a ", ":'x", ",,,", ",,:", "x,,1", ",,\n", "l'a'tis", "x''", "x,''",
    };

    @Test
    void scanAndPassesAgreeOnRandomSentences() {
        SplittableRandom rnd = new SplittableRandom(20240611L);
        TokenBuffer fast = new TokenBuffer();
        TokenBuffer passes = new TokenBuffer();
        for (int round = 0; round < 300_000; round++) {
            String before = rnd.nextInt(3) == 0 ? piece(rnd) : "";
            String sentence = sentence(rnd);
            String after = rnd.nextInt(3) == 0 ? piece(rnd) : "";
            char[] text = (before + sentence + after).toCharArray();
            int from = before.length();
            int to = from + sentence.length();
            fast.clear();
            passes.clear();
            TreebankWords.tokenize(text, from, to, fast);
            TreebankWords.tokenizeByPasses(text, from, to, passes);
            assertThat(fast.toList()).as("tokens of [%s]", sentence).isEqualTo(passes.toList());
        }
    }

    @Test
    void tokensAfterEarlierSentencesStayContiguous() {
        TokenBuffer tb = new TokenBuffer();
        char[] text = "Hello, world. I cannot \"go\" now.".toCharArray();
        TreebankWords.tokenize(text, 0, 13, tb);
        TreebankWords.tokenize(text, 14, text.length, tb);
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < tb.size(); i++) {
            joined.add(tb.token(i));
            if (i > 0) {
                assertThat(tb.start(i)).isEqualTo(tb.end(i - 1));
            }
        }
        assertThat(joined).containsExactly("Hello", ",", "world", ".", "I", "can", "not", "``", "go", "''", "now",
                ".");
    }

    private static String sentence(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 40 : 12);
        // The scan takes sentences without backticks, and most apostrophes inside words; make
        // those common, with and without " and '.
        int shape = rnd.nextInt(4);
        while (sb.length() < len) {
            String p = rnd.nextInt(4) == 0 ? piece(rnd) : CHARS[rnd.nextInt(CHARS.length)];
            if (shape < 3 && (p.indexOf('`') >= 0 || (shape < 2 && p.indexOf('\'') >= 0)
                    || (shape == 0 && p.indexOf('"') >= 0))) {
                continue;
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static String piece(SplittableRandom rnd) {
        return PIECES[rnd.nextInt(PIECES.length)];
    }
}
