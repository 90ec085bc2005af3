package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The repetition family's n-gram values against a literal transcription of datatrove's
 * {@code find_top_duplicate} and {@code find_all_duplicate} (strings, a dict and a set), on random
 * texts built to stress what the fast implementation prunes: a tiny vocabulary whose words
 * concatenate into each other ({@code "ab" + "c"} = {@code "a" + "bc"}), so that n-grams joined
 * without separator collide across different token boundaries; short n-grams; surrogate pairs
 * (lengths in code points); and runs long enough to repeat.
 */
class GopherRepetitionReferenceTest {

    private static final String[] VOCABULARY = {
        "a", "b", "ab", "ba", "abc", "bc", "c", "abcd", "cd", "d", "abcdefgh", "efgh", "ef", "gh",
        "the", "of", "and", ",", ".", "x\uD83D\uDE00", "\uD83D\uDE00",
    };

    @Test
    void ngramValuesEqualDatatrovesDefinitionOnAdversarialRandomTexts() {
        GopherRepetition family = new GopherRepetition();
        EnglishTokenizer tokenizer = EnglishTokenizer.standard();
        Random random = new Random(20261126);
        int checked = 0;
        int withDuplicates = 0;
        for (int doc = 0; doc < 3000; doc++) {
            int words = 1 + random.nextInt(doc % 10 == 0 ? 400 : 60);
            int vocabulary = 2 + random.nextInt(VOCABULARY.length - 1);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < words; i++) {
                text.append(i == 0 ? "" : random.nextInt(12) == 0 ? "\n" : " ")
                        .append(VOCABULARY[random.nextInt(vocabulary)]);
            }
            String t = text.toString();
            List<String> tokens = tokenizer.words(t);
            int length = t.codePointCount(0, t.length());
            Map<String, Double> signals = new HashMap<>();
            family.compute(t, signals::put);
            for (int n = 2; n <= 4; n++) {
                double expected = tokens.size() < n ? 0.0 : (double) topDuplicate(tokens, n) / length;
                assertThat(signals.get(GopherRepetition.topNGramCharFrac(n)))
                        .as("top %d-gram of %s", n, t).isEqualTo(expected);
            }
            for (int n = 5; n <= 10; n++) {
                long duplicated = allDuplicate(tokens, n);
                withDuplicates += duplicated > 0 ? 1 : 0;
                assertThat(signals.get(GopherRepetition.duplicatedNGramsCharFrac(n)))
                        .as("duplicated %d-grams of %s", n, t).isEqualTo((double) duplicated / length);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(3000);
        // The generator must actually produce repeats, or the comparison proves little.
        assertThat(withDuplicates).isGreaterThan(1000);
    }

    /**
     * A text of thousands of distinct one-character lines (a CJK character list) has far more
     * segments than a length-based table estimate allows for; an earlier version sized its table
     * from the text length and probed forever once the table was full.
     */
    @Test
    @Timeout(10)
    void manyDistinctShortLinesAndParagraphsFinish() {
        StringBuilder lines = new StringBuilder();
        StringBuilder paragraphs = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            lines.append((char) (0x4E00 + i)).append('\n');
            paragraphs.append((char) (0x4E00 + i)).append("\n\n");
        }
        Map<String, Double> s = new HashMap<>();
        GopherRepetition family = new GopherRepetition();
        family.compute(lines.toString(), s::put);
        assertThat(s.get(GopherRepetition.DUP_LINE_FRAC)).isEqualTo(0.0);
        family.compute(paragraphs.toString(), s::put);
        assertThat(s.get(GopherRepetition.DUP_PARA_FRAC)).isEqualTo(0.0);
    }

    /** datatrove: Counter(" ".join(ngram)).most_common(1); len(gram) * count. */
    private static long topDuplicate(List<String> tokens, int n) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return (long) best.codePointCount(0, best.length()) * bestCount;
    }

    /** datatrove's find_all_duplicate, line by line. */
    private static long allDuplicate(List<String> words, int n) {
        int nWords = words.size();
        Set<String> unique = new HashSet<>();
        long repeatedChars = 0;
        int idx = 0;
        while (idx < nWords - n + 1) {
            String gram = String.join("", words.subList(idx, idx + n));
            if (unique.contains(gram)) {
                repeatedChars += gram.codePointCount(0, gram.length());
                idx += n;
            } else {
                unique.add(gram);
                idx += 1;
            }
        }
        return repeatedChars;
    }
}
