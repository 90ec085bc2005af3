package io.sluice.pipeline.signals.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void luhnAcceptsValidAndRejectsOneDigitOff() {
        assertThat(Checksums.luhn("4111111111111111")).isTrue();
        assertThat(Checksums.luhn("79927398713")).isTrue();
        assertThat(Checksums.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(Checksums.luhn("4111111111111112")).isFalse();
        assertThat(Checksums.luhn("79927398710")).isFalse();
        assertThat(Checksums.luhn("")).isFalse();
    }

    @Test
    void ibanMod97AcceptsValidAndRejectsTransposition() {
        assertThat(Checksums.ibanMod97("DE89370400440532013000")).isTrue();
        assertThat(Checksums.ibanMod97("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Checksums.ibanMod97("DE89370400440532013001")).isFalse();
        assertThat(Checksums.ibanMod97("DE98370400440532013000")).isFalse();
        assertThat(Checksums.ibanMod97("DE89-3704")).isFalse();
    }
}
