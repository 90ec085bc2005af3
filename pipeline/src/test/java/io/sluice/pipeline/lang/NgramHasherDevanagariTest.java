package io.sluice.pipeline.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Devanagari's vowel signs and virama are combining marks, not letters; read as non-letters they
 * would cut every Hindi, Marathi or Nepali word into bare consonants (see
 * {@link NgramHasher#isDevanagariMark}).
 */
class NgramHasherDevanagariTest {

    private static List<Integer> buckets(String text) {
        List<Integer> out = new ArrayList<>();
        NgramHasher.forEach(text, Integer.MAX_VALUE, 17, b -> {
            out.add(b);
            return true;
        });
        return out;
    }

    @Test
    void aWordWithVowelSignsIsOneWordOfAllItsCodePoints() {
        // हिन्दी: ह ि न ् द ी, six code points of which three are marks: one word, like "abcdef".
        assertThat(buckets("हिन्दी")).hasSameSizeAs(buckets("abcdef"));
        assertThat(buckets("हिन्दी")).isNotEqualTo(buckets("हनद"));
    }

    @Test
    void onlyDevanagarisMarksCount() {
        assertThat(NgramHasher.isDevanagariMark('ि')).isTrue();  // U+093F vowel sign i
        assertThat(NgramHasher.isDevanagariMark('्')).isTrue();  // U+094D virama
        assertThat(NgramHasher.isDevanagariMark('ह')).isFalse(); // a letter: Character.isLetter already
        assertThat(NgramHasher.isDevanagariMark('\u0301')).isFalse(); // a Latin combining acute
        assertThat(NgramHasher.isDevanagariMark('\u09BF')).isFalse(); // Bengali's vowel sign i
    }
}
