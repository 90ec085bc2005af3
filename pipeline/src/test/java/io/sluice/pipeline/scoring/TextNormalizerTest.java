package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

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
}
