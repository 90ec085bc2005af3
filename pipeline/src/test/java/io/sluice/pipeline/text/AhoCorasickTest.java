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
}
