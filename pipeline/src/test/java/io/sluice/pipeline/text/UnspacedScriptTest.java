package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnspacedScriptTest {

    @Test
    void tellsHanAndHiraganaFromKatakanaAndOtherLetters() {
        assertThat(UnspacedScript.isHanOrHiragana('中')).isTrue();
        assertThat(UnspacedScript.isHanOrHiragana('の')).isTrue();
        assertThat(UnspacedScript.isHanOrHiragana('セ')).isFalse();
        assertThat(UnspacedScript.isKatakana('セ')).isTrue();
        assertThat(UnspacedScript.isKatakana('ー')).isTrue();
        assertThat(UnspacedScript.isHanOrKana('ー')).isTrue();
        assertThat(UnspacedScript.isHanOrKana('한')).isFalse(); // Hangul is written with spaces
        assertThat(UnspacedScript.isHanOrKana('a')).isFalse();
    }

    @Test
    void sharePercentCountsLettersAndDigitsOnly() {
        assertThat(UnspacedScript.sharePercent("中文abc")).isEqualTo(40);
        assertThat(UnspacedScript.sharePercent("中文, abc!!! ...")).isEqualTo(40);
        assertThat(UnspacedScript.sharePercent("セキュリティー")).isEqualTo(100);
        assertThat(UnspacedScript.sharePercent("")).isZero();
        assertThat(UnspacedScript.sharePercent("...")).isZero();
    }
}
