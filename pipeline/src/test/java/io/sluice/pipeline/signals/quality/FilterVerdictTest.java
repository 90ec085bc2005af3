package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterVerdictTest {

    @Test
    void keptVerdictHasNoReasonAndSignalsOne() {
        assertThat(FilterVerdict.KEEP.keep()).isTrue();
        assertThat(FilterVerdict.KEEP.reason()).isNull();
        assertThat(FilterVerdict.KEEP.asSignal()).isEqualTo(1.0);
    }

    @Test
    void dropCarriesReasonAndSignalsZero() {
        FilterVerdict v = FilterVerdict.drop("gopher_short_doc");
        assertThat(v.keep()).isFalse();
        assertThat(v.reason()).isEqualTo("gopher_short_doc");
        assertThat(v.asSignal()).isEqualTo(0.0);
    }

    @Test
    void rejectsDropWithoutReasonAndKeepWithReason() {
        assertThatThrownBy(() -> FilterVerdict.drop(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterVerdict(true, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroOrNaNThresholdDisablesRuleLikePythonNone() {
        assertThat(QualityFilter.above(5, 0)).isFalse();
        assertThat(QualityFilter.above(5, Double.NaN)).isFalse();
        assertThat(QualityFilter.above(5, 4)).isTrue();
        assertThat(QualityFilter.above(4, 4)).isFalse();
        assertThat(QualityFilter.below(3, 4)).isTrue();
        assertThat(QualityFilter.below(4, 4)).isFalse();
        assertThat(QualityFilter.below(3, 0)).isFalse();
    }

    @Test
    void lookupOverMapNamesMissingSignal() {
        SignalLookup lookup = SignalLookup.of(Map.of("gopher.word_count", 12.0));
        assertThat(lookup.get("gopher.word_count")).isEqualTo(12.0);
        assertThatThrownBy(() -> lookup.get("gopher.nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gopher.nope");
    }
}
