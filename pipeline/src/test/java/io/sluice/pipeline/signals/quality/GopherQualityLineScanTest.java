package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Gopher quality's two line scans agree: the vector-search path for texts whose only line boundary
 * is {@code \n} ({@code findLines}) and the char-by-char scan every text can take ({@code scanLines}),
 * on random texts dense in what they count (newlines, blank and space-only lines, '#', runs of dots,
 * '…', bullets, non-ASCII whitespace, surrogate pairs).
 */
class GopherQualityLineScanTest {

    private static final String[] PIECES = {
        "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u3000", "#", "##", ".", "..", "...", "....", "......",
        "\u2026", "\u2022", "-", "- ", "\u2022 ", "word", "Ab", "x.y", "\uD835\uDC9C", "é", "\u4e2d",
    };

    @Test
    void theVectorPathCountsAsTheCharScanDoes() {
        Random random = new Random(20261127);
        SharedWords words = new SharedWords();
        GopherQuality fast = new GopherQuality(words);
        GopherQuality scan = new GopherQuality(words);
        int withEllipsisLines = 0;
        for (int t = 0; t < 50_000; t++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            assertThat(GopherQuality.hasRareLineBreak(text)).isFalse();
            char[] chars = words.chars(text);
            fast.findLines(text, chars, text.length());
            boolean surrogates = scan.scanLines(text, chars, text.length());
            assertThat(fast.lastLineCounts()).as("%s", text.replace("\n", "\\n")).isEqualTo(scan.lastLineCounts());
            assertThat(words.hasSurrogates(text)).isEqualTo(surrogates);
            withEllipsisLines += scan.lastLineCounts()[2] > 0 ? 1 : 0;
        }
        // The texts exercised what they are meant to.
        assertThat(withEllipsisLines).isGreaterThan(1_000);
    }

    @Test
    void everyOtherSplitlinesBoundaryTakesTheCharScan() {
        for (char c : new char[] {'\r', 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029}) {
            assertThat(GopherQuality.hasRareLineBreak("a" + c + "b")).as("U+%04X", (int) c).isTrue();
        }
        assertThat(GopherQuality.hasRareLineBreak("a\nb\u00a0c")).isFalse();
        // Through the family: "\r\n" is one boundary, a lone "\r" and U+2028 are boundaries too.
        java.util.Map<String, Double> s = new java.util.HashMap<>();
        new GopherQuality().compute("- a\r\n- b\rc...\u2028d", s::put);
        assertThat(s.get(GopherQuality.BULLET_LINE_FRAC)).isEqualTo(0.5);
        assertThat(s.get(GopherQuality.END_ELLIPSIS_LINE_FRAC)).isEqualTo(0.25);
    }
}
