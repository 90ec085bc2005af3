package io.sluice.pipeline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void formatsIntegersWithoutAFractionAndOthersToFourSignificantDigits() {
        assertThat(Numbers.format(30)).isEqualTo("30");
        assertThat(Numbers.format(-2)).isEqualTo("-2");
        assertThat(Numbers.format(0.123456)).isEqualTo("0.1235");
        assertThat(Numbers.format(12345.6)).isEqualTo("12350");
        assertThat(Numbers.format(0.5)).isEqualTo("0.5");
        assertThat(Numbers.format(0.000012344)).isEqualTo("0.00001234");
        assertThat(Numbers.format(-7.25)).isEqualTo("-7.25");
        assertThat(Numbers.format(0.99999)).isEqualTo("1");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void theFastPathAgreesWithExactDecimalRoundingEverywhere() {
        SplittableRandom random = new SplittableRandom(11);
        int fast = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double v;
            switch (i % 4) {
                // Uniform in [0, 1): ratios, the common case.
                case 0 -> v = random.nextDouble();
                // Any magnitude the fast path accepts, and some it does not.
                case 1 -> v = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(-22, 17));
                // Near ties: a fifth significant digit of 5, as decimals written by people have.
                case 2 -> v = (random.nextInt(10000, 100000) / 10 * 10 + 5) * Math.pow(10, random.nextInt(-12, 8));
                // Near the boundaries between exponents (0.99995, 9.9995, ...).
                default -> v = Math.pow(10, random.nextInt(-8, 10)) * (1 - random.nextDouble() * 1e-4);
            }
            if (v == Math.rint(v)) {
                continue;
            }
            String quick = Numbers.fourDigits(v);
            if (quick != null) {
                fast++;
                assertThat(quick).as("%s", v).isEqualTo(Numbers.exactFourDigits(v));
            }
        }
        assertThat(fast).as("values the fast path decided").isGreaterThan(600_000);
    }
}
