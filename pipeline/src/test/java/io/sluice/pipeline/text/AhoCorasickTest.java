package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static List<String> matches(AhoCorasick ac, String text) {
        List<String> out = new ArrayList<>();
        ac.find(text, (term, start, end) -> out.add(text.substring(start, end)));
        return out;
    }

    @Test
    void matchesWholeWordsOnlyAndCaseInsensitively() {
        AhoCorasick ac = new AhoCorasick(List.of("ass", "bad word", "he"));
        assertThat(matches(ac, "A bad word, an ASS; class, assess, bad wordy, the hero. He said.")).containsExactly(
                "bad word", "ASS", "He");
    }

    @Test
    void findsOverlappingAndNestedTermsViaFailureLinks() {
        AhoCorasick ac = new AhoCorasick(List.of("she", "he", "hers", "his", "i'm sorry, but"));
        assertThat(matches(ac, "ushers she he his")).containsExactly("she", "he", "his");
        assertThat(matches(ac, "I\u2019m sorry, but no")).containsExactly("I\u2019m sorry, but");
    }

    @Test
    void treatsHanAndKanaEdgesAsBoundaries() {
        AhoCorasick ac = new AhoCorasick(List.of("我无法", "申し訳ありません"));
        assertThat(ac.count("抱歉，我无法帮助你。申し訳ありませんが")).isEqualTo(2);
    }

    @Test
    void scalesToTensOfThousandsOfTerms() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            terms.add("term" + Integer.toString(i, 36) + "x");
        }
        AhoCorasick ac = new AhoCorasick(terms);
        assertThat(ac.count("a term0x b term1a2x c term1a2xy term zzz term12x")).isEqualTo(3);
        assertThat(ac.states()).isLessThan(50_000 * 8);
    }

    /**
     * The ASCII transition table and the hashed transitions are one automaton: on random texts made
     * of pieces of the terms (so that the automaton goes deep, fails over and matches), with ASCII and
     * non-ASCII chars mixed, both report the same matches.
     */
    @Test
    void asciiTableFindsWhatTheHashedTransitionsFind() {
        List<String> terms = List.of("as an ai language model", "i cannot", "i can't help", "i'm sorry, but",
                "als ki-sprachmodell", "es tut mir leid", "ich kann nicht", "je ne peux pas", "désolé",
                "ως μοντέλο", "я не могу", "我无法", "申し訳ありません", "he", "she", "hers", "a", "an ai");
        AhoCorasick table = new AhoCorasick(terms);
        AhoCorasick hashed = new AhoCorasick(terms, false);
        String[] noise = {" ", "  ", ", ", ".", "\n", "x", "Ai", "CAN", "\u2019", "é", "Ω", "я", "中", "ß", "-", "1"};
        java.util.Random random = new java.util.Random(27);
        int matched = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                if (random.nextBoolean()) {
                    String term = terms.get(random.nextInt(terms.size()));
                    int from = random.nextInt(3) == 0 ? random.nextInt(term.length()) : 0;
                    int to = random.nextInt(3) == 0 ? from + random.nextInt(term.length() - from + 1) : term.length();
                    String piece = term.substring(from, to);
                    b.append(random.nextBoolean() ? piece.toUpperCase(java.util.Locale.ROOT) : piece);
                } else {
                    b.append(noise[random.nextInt(noise.length)]);
                }
            }
            String text = b.toString();
            List<String> expected = new ArrayList<>();
            hashed.find(text, (term, start, end) -> expected.add(term + "@" + start + "-" + end));
            List<String> actual = new ArrayList<>();
            table.find(text, (term, start, end) -> actual.add(term + "@" + start + "-" + end));
            assertThat(actual).as(text).isEqualTo(expected);
            matched += expected.size();
        }
        assertThat(matched).isGreaterThan(5_000);
    }
}
