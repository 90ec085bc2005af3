package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * C4 counting its lines' sentences from the whole text's Punkt pass (shared with the Gopher families)
 * must give the count of Punkt run on each line alone, which is what datatrove does.
 */
class C4SharedSentencesTest {

    private static final String[] TOKENS = {
        "Dr.", "Mr.", "Mrs.", "4.", "2.", "2022.", "U.S.", "e.g.", "etc.", "No.", "St.", "Hello", "world",
        "World.", "yes!", "no?", "!!", "??", "?!", "...", "…", "\"Quote.\"", "(paren.)", "it.comp.linux.*",
        "SUDARE!!", "alles???", "'", "\"", ")", "]", "}", "--", "-", "a", "The", "the", "cat.", "Zürich.",
        "1.", "II.", "iv.", "[1]", "[edit]", "A.", "B.", "J.R.R.", "x.y", "ok.)", "end.\"", "«Oui.»", "Ω.",
        "3.5", "p.m.", "Jan.", "Inc.", "Corp.", ",", ";", ":", "word", "Word", "Ende.", "über", "ČR.",
    };
    /** With whitespace Punkt treats apart (no-break, thin and ideographic spaces, U+001C). */
    private static final String[] SEPARATORS = {
        " ", " ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\n", "\n", "\n\n", "\r\n", " \n ", "\u3000", "\u001c",
    };
    /** ASCII whitespace only, so that most lines take the shared path. */
    private static final String[] PLAIN_SEPARATORS = {" ", " ", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n", " \n "};

    private final C4Quality perLine = new C4Quality(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB);
    private final C4Quality shared = new C4Quality(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB,
            new SharedWords());

    private static double sentences(C4Quality c4, String text) {
        double[] count = {-1};
        c4.evaluate(text, (name, value) -> {
            if (name.equals(C4Quality.SENTENCE_COUNT)) {
                count[0] = value;
            }
        });
        return count[0];
    }

    @Test
    void countsWhatPunktCountsOnEachLineAlone() {
        List<String> cases = List.of(
                "Subject: Non riesco a SUDARE!!\n\t\t-- Da un articolo su it.comp.linux.*, relativo al\n\t\t   comando \"sudo\"",
                "Hattest du mal länger nichts zu tun oder woher weißt du das alles???\n\t\t-- Thomas Heyligers über Joey",
                "Deutscher Tennis Bund\n4.\u20092.\u20092022.\nTeamchef Michael Kohlmann hat die Mannschaft nominiert.",
                "The vote is closed.\n\" The Commission has negotiated an agreement. It was signed in 2009.\nDone.",
                "He met Dr. Smith at 5 p.m. on Jan. 3. They talked. It rained.\nThen they left. The end.");
        for (String text : cases) {
            assertThat(sentences(shared, text)).as(text).isEqualTo(sentences(perLine, text));
        }
    }

    @Test
    void agreesWithPerLinePunktOnRandomTexts() {
        assertThat(mismatches(new Random(20261126), SEPARATORS)).isEmpty();
    }

    @Test
    void agreesWithPerLinePunktOnRandomTextsWithPlainWhitespace() {
        assertThat(mismatches(new Random(7), PLAIN_SEPARATORS)).isEmpty();
    }

    /** Up to five random texts, and the shortest run of their lines, on which the two ways disagree. */
    private List<String> mismatches(Random random, String[] separators) {
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < 20_000 && mismatches.size() < 5; n++) {
            StringBuilder sb = new StringBuilder();
            int tokens = 3 + random.nextInt(40);
            for (int i = 0; i < tokens; i++) {
                sb.append(TOKENS[random.nextInt(TOKENS.length)]);
                sb.append(separators[random.nextInt(separators.length)]);
            }
            String text = sb.toString();
            if (sentences(shared, text) != sentences(perLine, text)) {
                mismatches.add(text);
            }
        }
        // Report the shortest run of lines that still disagrees, which names the cause.
        List<String> shortest = new ArrayList<>();
        for (String m : mismatches) {
            String[] lines = m.split("\n", -1);
            outer:
            for (int w = 1; w <= lines.length; w++) {
                for (int i = 0; i + w <= lines.length; i++) {
                    String sub = String.join("\n", Arrays.copyOfRange(lines, i, i + w));
                    if (sentences(shared, sub) != sentences(perLine, sub)) {
                        shortest.add(sentences(shared, sub) + " vs " + sentences(perLine, sub) + ": " + sub);
                        break outer;
                    }
                }
            }
        }
        return shortest;
    }
}
