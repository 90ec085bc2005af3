package io.sluice.pipeline.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextSignatureTest {
    static final String TEXT = "The committee met on Tuesday to discuss the proposal for a new directive on the protection "
            + "of workers. Several members argued that the text should be strengthened, while others warned that the "
            + "costs for small businesses would be too high. After a long debate the committee agreed to ask the "
            + "Commission for an impact assessment before the vote in plenary next month.";

    private final TextSignature signatures = new TextSignature();

    @Test
    void reflowedTextIsTheSameExactKeyAndAnyOtherChangeIsNot() {
        long key = signatures.of(TEXT).exactKey();
        assertThat(signatures.of("  " + TEXT.replace(". ", ".\n\n").replace(" the ", "  the\t") + "\n").exactKey()).isEqualTo(key);
        assertThat(signatures.of(TEXT.replace("Tuesday", "Monday")).exactKey()).isNotEqualTo(key);
        assertThat(signatures.of(TEXT.toUpperCase()).exactKey()).isNotEqualTo(key);
    }

    @Test
    void caseAndPunctuationDoNotChangeTheBands() {
        long[] bands = signatures.of(TEXT).bandKeys();
        assertThat(bands).hasSize(TextSignature.BANDS);
        assertThat(signatures.of(TEXT.toUpperCase().replace(",", "").replace(".", " !")).bandKeys()).containsExactly(bands);
    }

    @Test
    void oneChangedWordKeepsSomeBandsAndAnUnrelatedTextSharesNone() {
        long[] bands = signatures.of(TEXT).bandKeys();
        long[] edited = signatures.of(TEXT.replace("Tuesday", "Monday")).bandKeys();
        // ~57 shingles, 5 changed: Jaccard 0.84, so each band matches with probability 0.84^8 = 0.25.
        assertThat(shared(bands, edited)).isBetween(1, TextSignature.BANDS - 1);
        long[] other = signatures.of("Rain is expected over the northern hills tonight, with snow above eight hundred "
                + "metres and strong winds along the coast until the morning.").bandKeys();
        assertThat(shared(bands, other)).isZero();
    }

    @Test
    void shortAndBlankTextsHaveOnlyAnExactKey() {
        assertThat(signatures.of("Far too short.").bandKeys()).isEmpty();
        assertThat(signatures.of("Far too short.").blank()).isFalse();
        assertThat(signatures.of(" \n\t ").blank()).isTrue();
        assertThat(signatures.of("").blank()).isTrue();
    }

    /**
     * The property LSH rests on: each MinHash value of two texts agrees with probability equal to the
     * Jaccard similarity of their shingle sets. Checked over pairs of random-word documents of 40 to
     * 400 words whose shared share varies, against the exact Jaccard computed here.
     */
    @Test
    void eachMinHashAgreesAsOftenAsTheJaccardSimilaritySays() {
        SplittableRandom random = new SplittableRandom(7);
        double sumJaccard = 0;
        double sumAgreement = 0;
        double worst = 0;
        int pairs = 300;
        for (int p = 0; p < pairs; p++) {
            int length = 40 + random.nextInt(360);
            List<String> a = words(random, length);
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(length / 4 + 1);
            for (int e = 0; e < edits; e++) {
                b.set(random.nextInt(length), word(random));
            }
            double jaccard = jaccard(shingles(a), shingles(b));
            long[] x = signatures.minHashes(String.join(" ", a));
            long[] y = signatures.minHashes(String.join(" ", b));
            int agree = 0;
            for (int i = 0; i < x.length; i++) {
                agree += x[i] == y[i] ? 1 : 0;
            }
            double agreement = agree / (double) x.length;
            sumJaccard += jaccard;
            sumAgreement += agreement;
            worst = Math.max(worst, Math.abs(agreement - jaccard));
        }
        // Unbiased on average; one pair's 112 values are a small sample, so single pairs stray more.
        assertThat(Math.abs(sumAgreement - sumJaccard) / pairs).isLessThan(0.02);
        assertThat(worst).isLessThan(0.25);
    }

    private static List<String> words(SplittableRandom random, int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(word(random));
        }
        return words;
    }

    /** A random lowercase word (letters only: digits are folded to 0 before shingling). */
    private static String word(SplittableRandom random) {
        char[] c = new char[3 + random.nextInt(6)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    private static Set<List<String>> shingles(List<String> words) {
        Set<List<String>> set = new HashSet<>();
        for (int i = 0; i + TextSignature.SHINGLE_WORDS <= words.size(); i++) {
            set.add(words.subList(i, i + TextSignature.SHINGLE_WORDS));
        }
        return set;
    }

    private static double jaccard(Set<List<String>> a, Set<List<String>> b) {
        Set<List<String>> union = new HashSet<>(a);
        union.addAll(b);
        Set<List<String>> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size() / (double) union.size();
    }

    private static int shared(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] == b[i] ? 1 : 0;
        }
        return n;
    }
}
