package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void turnsCrLfAndLoneCrIntoLf() {
        assertThat(normalizer.normalize("a\r\nb\rc\r\n\r\nd\r")).isEqualTo("a\nb\nc\n\nd\n");
    }

    @Test
    void stripsNulAndOtherC0ControlsButKeepsTabAndNewline() {
        assertThat(normalizer.normalize("a\u0000b\u001Bc\td\ne\u0007")).isEqualTo("abc\td\ne");
    }

    @Test
    void turnsVerticalTabAndFormFeedIntoLineBreaksSoWordsStayApart() {
        assertThat(normalizer.normalize("page one\fpage two\u000Bthree")).isEqualTo("page one\npage two\nthree");
    }

    @Test
    void composesToNfc() {
        assertThat(normalizer.normalize("Cafe\u0301")).isEqualTo("Caf\u00E9");
        assertThat(normalizer.normalize("\u212B")).isEqualTo("\u00C5");
        assertThat(normalizer.normalize("\u1100\u1161")).isEqualTo("\uAC00");
    }

    @Test
    void cleansAndComposesInOnePass() {
        assertThat(normalizer.normalize("Cafe\u0301\r\n\u0000")).isEqualTo("Caf\u00E9\n");
    }

    @Test
    void replacesUnpairedSurrogatesAndKeepsPairs() {
        assertThat(normalizer.normalize("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        assertThat(normalizer.normalize("end\uD83D")).isEqualTo("end\uFFFD");
    }

    @Test
    void returnsTheSameInstanceWhenAlreadyNormal() {
        String ascii = "plain ASCII\twith\nlines";
        String nonLatin = "Grüße, 你好, नमस्ते \uD83D\uDE00";
        assertThat(normalizer.normalize(ascii)).isSameAs(ascii);
        assertThat(normalizer.normalize(nonLatin)).isSameAs(nonLatin);
    }

    @Test
    void returnsGreekCyrillicCjkAndTypographicTextAsItIs() {
        String text = "Καλημέρα, «мир» — 東京の天気。 It’s “fine” … 한국어";
        assertThat(normalizer.normalize(text)).isSameAs(text);
    }

    @Test
    void stillComposesWhenTheCombiningMarkFollowsANonLatinLetter() {
        // Greek alpha + combining acute, Cyrillic ie + combining grave, a Hangul LV syllable + trailing jamo.
        assertThat(normalizer.normalize("\u03B1\u0301")).isEqualTo("\u03AC");
        assertThat(normalizer.normalize("\u0435\u0300")).isEqualTo("\u0450");
        assertThat(normalizer.normalize("\uAC00\u11A8")).isEqualTo("\uAC01");
        assertThat(normalizer.normalize("\u2126 ohm")).isEqualTo("\u03A9 ohm"); // a singleton decomposition
        // A control between a letter and its mark: dropping it lets them compose.
        assertThat(normalizer.normalize("\u0435\u0000\u0300\r\n")).isEqualTo("\u0450\n");
        assertThat(normalizer.normalize("\u00AB\u043C\u0438\u0440\u00BB\r\n\uD800")).isEqualTo("\u00AB\u043C\u0438\u0440\u00BB\n\uFFFD");
    }

    @Test
    void noCharacterThatCanComposeWithTheOneBeforeItIsTakenForStable() {
        // Every character that ends up after the first position of some canonical decomposition is
        // one that NFC may compose with what precedes it: none may skip the Normalizer.
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String d = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFD);
            for (int k = 1; k < d.length(); k++) {
                assertThat(TextNormalizer.isStable(d.charAt(k)))
                        .as("U+%04X in the decomposition of U+%04X", (int) d.charAt(k), c).isFalse();
            }
        }
    }

    @Test
    void textsOfStableCharactersAreNfcWhicheverTheirOrder() {
        List<Character> stable = new ArrayList<>();
        for (int c = 0x300; c < 0x10000; c++) {
            if (TextNormalizer.isStable((char) c)) {
                stable.add((char) c);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 200_000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(2, 6); k > 0; k--) {
                sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x20, 0x300) : stable.get(random.nextInt(stable.size())));
            }
            String s = sb.toString();
            assertThat(Normalizer.isNormalized(s, Normalizer.Form.NFC)).as("%s", s.codePoints()
                    .mapToObj(cp -> String.format("U+%04X", cp)).toList()).isTrue();
        }
    }
}
