package io.sluice.pipeline.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accumulator sums eight languages' bytes per long (see {@link LanguageIdentifier.Accumulator});
 * these tests hold it to the plain per-byte sum it replaced, for language counts that fill the longs
 * and that do not, on bucket streams long enough to need the lanes flushed.
 */
class LanguageIdentifierAccumulatorTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 8, 11, 24, 27})
    void sumsEachLanguagesBytesAsAPlainLoopDoes(int languages) {
        SplittableRandom random = new SplittableRandom(languages);
        int buckets = 64;
        byte[] table = randomTable(random, buckets, languages, 0.5);
        boolean[] candidates = new boolean[languages];
        Arrays.fill(candidates, true);
        for (int trial = 0; trial < 50; trial++) {
            int[] stream = random.ints(random.nextInt(1, 3000), 0, buckets).toArray();
            // A margin no text reaches: every bucket is taken.
            var acc = new LanguageIdentifier.Accumulator(table, languages, candidates, Integer.MAX_VALUE);
            for (int bucket : stream) {
                assertThat(acc.accept(bucket)).isTrue();
            }
            assertThat(acc.costs()).containsExactly(plainCosts(table, languages, stream, stream.length));
        }
    }

    /**
     * Candidates in one part of a row (a script's languages kept together): only the words holding
     * them are read, and their sums are still the plain ones.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 13, 27, 30})
    void sumsACandidateRangeAsAPlainLoopDoes(int first) {
        int languages = 33;
        SplittableRandom random = new SplittableRandom(first);
        int buckets = 64;
        byte[] table = randomTable(random, buckets, languages, 0.5);
        boolean[] candidates = new boolean[languages];
        Arrays.fill(candidates, first, first + 3, true);
        int[] stream = random.ints(2000, 0, buckets).toArray();
        var acc = new LanguageIdentifier.Accumulator(table, languages, candidates, Integer.MAX_VALUE);
        for (int bucket : stream) {
            acc.accept(bucket);
        }
        int[] plain = plainCosts(table, languages, stream, stream.length);
        int[] costs = acc.costs();
        for (int l = first; l < first + 3; l++) {
            assertThat(costs[l]).as("language %d", l).isEqualTo(plain[l]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 11, 24})
    void stopsAtTheSameBucketAsThePlainSumWouldOnceOneLanguageLeads(int languages) {
        SplittableRandom random = new SplittableRandom(100 + languages);
        int buckets = 32;
        // Language 0 is cheap, the others dear: the margin is reached after a few hundred buckets.
        byte[] table = randomTable(random, buckets, languages, 0.0);
        for (int b = 0; b < buckets; b++) {
            table[b * languages] = (byte) random.nextInt(0, 40);
        }
        boolean[] candidates = new boolean[languages];
        Arrays.fill(candidates, true);
        int margin = 20_000;
        int[] stream = random.ints(5000, 0, buckets).toArray();
        var acc = new LanguageIdentifier.Accumulator(table, languages, candidates, margin);
        int taken = 0;
        while (taken < stream.length && acc.accept(stream[taken])) {
            taken++;
        }
        taken++; // the bucket that said stop was counted too
        int expectedStop = plainStop(table, languages, stream, margin);
        assertThat(taken).isEqualTo(expectedStop).isLessThan(stream.length);
        assertThat(acc.costs()).containsExactly(plainCosts(table, languages, stream, taken));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void identifiesWithAModelWhoseLanguageCountIsNotAMultipleOfEight(int languages) {
        // Two buckets only, so the last bucket of the table is surely read: its 8-byte reads must not
        // run past the table's end.
        String[] codes = new String[languages];
        String[] scripts = new String[languages];
        for (int l = 0; l < languages; l++) {
            codes[l] = String.valueOf((char) ('a' + l)) + "x";
            scripts[l] = "Latn";
        }
        // The model's table is exactly two buckets long; the identifier pads its own copy.
        byte[] table = Arrays.copyOf(randomTable(new SplittableRandom(7), 2, languages, 0.0), 2 * languages);
        var id = new LanguageIdentifier(new LanguageModel(1, 10f, codes, scripts, table));
        LanguageGuess guess = id.identify("several plain words of latin letters, enough to be judged");
        assertThat(guess.code()).isIn((Object[]) codes);
    }

    private static byte[] randomTable(SplittableRandom random, int buckets, int languages, double saturated) {
        byte[] table = new byte[buckets * languages + 7]; // the padding the identifier adds
        for (int i = 0; i < buckets * languages; i++) {
            // Many bytes at 255, the most a lane can gain per bucket.
            table[i] = (byte) (random.nextDouble() < saturated ? 255 : random.nextInt(40, 256));
        }
        return table;
    }

    private static int[] plainCosts(byte[] table, int languages, int[] stream, int count) {
        int[] costs = new int[languages];
        for (int i = 0; i < count; i++) {
            for (int l = 0; l < languages; l++) {
                costs[l] += table[stream[i] * languages + l] & 0xFF;
            }
        }
        return costs;
    }

    /** The number of buckets the pre-SWAR accumulator took before its margin check said stop. */
    private static int plainStop(byte[] table, int languages, int[] stream, int margin) {
        int[] costs = new int[languages];
        for (int i = 0; i < stream.length; i++) {
            for (int l = 0; l < languages; l++) {
                costs[l] += table[stream[i] * languages + l] & 0xFF;
            }
            if ((i + 1) % LanguageIdentifier.CHECK_EVERY == 0) {
                int[] sorted = costs.clone();
                Arrays.sort(sorted);
                if (sorted.length > 1 && sorted[1] - sorted[0] >= margin) {
                    return i + 1;
                }
            }
        }
        return stream.length;
    }
}
