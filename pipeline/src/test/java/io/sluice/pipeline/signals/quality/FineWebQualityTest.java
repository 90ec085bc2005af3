package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FineWebQualityTest {

    private final FineWebQuality fineweb = new FineWebQuality(SimpleTokenizer.INSTANCE,
            FineWebQuality.Options.DATATROVE_DEFAULTS);

    private Map<String, Double> signals(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        fineweb.evaluate(text, out::put);
        return out;
    }

    /** A unique line of eight words and more than 30 characters, without final punctuation. */
    private static String line(int i) {
        return "line number " + i + " talks about the weather today";
    }

    /** {@code total} unique long lines, the first {@code terminal} of which end in a full stop. */
    private static String lines(int total, int terminal) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            out.add(line(i) + (i < terminal ? "." : ""));
        }
        return String.join("\n", out);
    }

    @Test
    void keepsALineEndingRatioOfExactly12PercentAndDropsBelow() {
        assertThat(signals(lines(25, 3))).containsEntry("fineweb.line_punct_ratio", 0.12);
        assertThat(fineweb.verdict(lines(25, 3))).isEqualTo(FilterVerdict.KEEP);
        assertThat(fineweb.verdict(lines(25, 2))).isEqualTo(FilterVerdict.drop("line_punct_ratio"));
    }

    @Test
    void countsSentenceTerminalsOfAnyScriptButNotQuotes() {
        String text = String.join("\n", "He said \"stop here at once\"", "It's called the 'end of it'",
                "这是一个很长的中文句子，它以句号结尾。", "यह एक लंबा हिंदी वाक्य है जो पूर्ण विराम से समाप्त होता है।",
                "A line ending in a Brahmi danda \uD804\uDC47", "Does it end with a question mark?");
        assertThat(signals(text)).containsEntry("fineweb.line_punct_ratio", 4.0 / 6);
    }

    @Test
    void ignoresBlankLinesButCountsTheirNewlines() {
        String text = lines(3, 3).replace("\n", "\n \t\u00a0\n\n");
        Map<String, Double> s = signals(text);
        assertThat(s).containsEntry("fineweb.line_count", 3.0).containsEntry("fineweb.newline_count", 6.0)
                .containsEntry("fineweb.line_punct_ratio", 1.0);
    }

    @Test
    void keepsACarriageReturnInsideTheLine() {
        String text = "The first line ends in a full stop.\r\nThe second line ends in a full stop.\r\n";
        assertThat(signals(text)).containsEntry("fineweb.line_punct_ratio", 0.0);
    }

    @Test
    void keepsShortLinesAtExactly67PercentAndDropsAbove() {
        String shortLine = "a short line of thirty chars.."; // 30 code points: short
        assertThat(shortLine).hasSize(30);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            text.add(i < 67 ? shortLine.substring(0, 27) + String.format("%02d.", i) : line(i) + ".");
        }
        assertThat(signals(String.join("\n", text))).containsEntry("fineweb.short_line_ratio", 0.67);
        assertThat(fineweb.verdict(String.join("\n", text)).reason()).isNotEqualTo("short_line_ratio");
        text.set(99, "Thirty-one characters, not 30.");
        assertThat(text.get(99)).hasSize(30);
        assertThat(fineweb.verdict(String.join("\n", text))).isEqualTo(FilterVerdict.drop("short_line_ratio"));
    }

    @Test
    void keepsDuplicatedCharactersAtExactlyOnePercentAndDropsAbove() {
        String repeated = "This sentence appears twice in the text!!"; // 41 code points
        assertThat(repeated).hasSize(41);
        // 41 duplicated of 4100 characters without newlines is exactly 0.01.
        String filler = "z".repeat(4100 - 2 * 41 - 1) + ".";
        String text = repeated + "\n" + filler + "\n" + repeated;
        assertThat(signals(text)).containsEntry("fineweb.char_dup_ratio", 0.01);
        assertThat(fineweb.verdict(text)).isEqualTo(FilterVerdict.KEEP);
        String shorter = repeated + "\n" + filler.substring(1) + "\n" + repeated;
        assertThat(fineweb.verdict(shorter)).isEqualTo(FilterVerdict.drop("char_dup_ratio"));
    }

    @Test
    void countsDuplicatesOfSurrogatePairsAsOneCharacterEach() {
        String emoji = "\uD83D\uDE00".repeat(40) + "!";
        Map<String, Double> s = signals(emoji + "\n" + emoji);
        assertThat(s).containsEntry("fineweb.char_dup_ratio", 41.0 / 82);
    }

    @Test
    void keepsANewlineToWordRatioOf30PercentAndDropsAbove() {
        // Ten unique lines of three words each: 9 newlines / 30 words = 0.3.
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            text.add("Considerations regarding item" + (char) ('a' + i) + ".");
        }
        String ten = String.join("\n", text.subList(0, 10));
        assertThat(signals(ten)).containsEntry("fineweb.list_ratio", 0.3).containsEntry("fineweb.word_count", 30.0);
        assertThat(fineweb.verdict(ten)).isEqualTo(FilterVerdict.KEEP);
        assertThat(fineweb.verdict(ten + "\n" + text.get(10) + "\n")).isEqualTo(FilterVerdict.drop("list_ratio"));
    }

    @Test
    void checksInDatatroveOrder() {
        // Short, unpunctuated and duplicated: the first check, line_punct_ratio, names it.
        assertThat(fineweb.verdict("menu\nmenu\nmenu")).isEqualTo(FilterVerdict.drop("line_punct_ratio"));
        assertThat(fineweb.verdict("Menu.\nMenu.\nMenu.")).isEqualTo(FilterVerdict.drop("short_line_ratio"));
    }

    @Test
    void dropsTextWithoutANonBlankLineAsEmpty() {
        assertThat(fineweb.verdict("")).isEqualTo(FilterVerdict.drop("empty"));
        assertThat(fineweb.verdict(" \n\u3000\n")).isEqualTo(FilterVerdict.drop("empty"));
        assertThat(signals("")).containsEntry("fineweb.list_ratio", 0.0).containsEntry("fineweb.keep", 0.0);
    }

    @Test
    void emitsEverySignalItDeclaresInOrder() {
        assertThat(signals(lines(4, 4)).keySet()).containsExactlyElementsOf(fineweb.signalNames());
    }
}
