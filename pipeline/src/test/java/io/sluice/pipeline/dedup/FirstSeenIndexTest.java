package io.sluice.pipeline.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstSeenIndexTest {
    private static final String TEXT = TextSignatureTest.TEXT;

    @Test
    void theFirstCopyWinsAndLaterCopiesNameIt() {
        FirstSeenIndex index = new FirstSeenIndex();
        assertThat(index.see("a", TEXT)).isEqualTo(Duplication.NONE);
        assertThat(index.see("b", TEXT + "\n")).isEqualTo(new Duplication(true, TextSignature.BANDS, "a"));
        Duplication near = index.see("c", TEXT.replace("Tuesday", "Monday"));
        assertThat(near.exact()).isFalse();
        assertThat(near.bandMatches()).isBetween(1, TextSignature.BANDS);
        assertThat(near.firstSeenId()).isEqualTo("a");
        assertThat(index.see("d", "Rain is expected over the northern hills tonight, with snow above eight hundred "
                + "metres and strong winds along the coast until the morning.")).isEqualTo(Duplication.NONE);
    }

    @Test
    void blankTextIsNeverADuplicateAndShortTextOnlyExactly() {
        FirstSeenIndex index = new FirstSeenIndex();
        assertThat(index.see("a", "   ")).isEqualTo(Duplication.NONE);
        assertThat(index.see("b", "")).isEqualTo(Duplication.NONE);
        assertThat(index.see("c", "Thank you.")).isEqualTo(Duplication.NONE);
        assertThat(index.see("d", "Thank you.")).isEqualTo(new Duplication(true, 0, "c"));
        assertThat(index.see("e", "Thank you!")).isEqualTo(Duplication.NONE);
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheBandAnswers() {
        String[] bands = {null, "x", "y", "y", null, "x"};
        String[] reversed = {"x", null, "y", "y", "x", null};
        assertThat(FirstSeenIndex.resolve(null, bands)).isEqualTo(new Duplication(false, 4, "x"));
        assertThat(FirstSeenIndex.resolve(null, reversed)).isEqualTo(new Duplication(false, 4, "x"));
        assertThat(FirstSeenIndex.resolve("z", bands)).isEqualTo(new Duplication(true, 4, "z"));
        assertThat(FirstSeenIndex.resolve(null, new String[] {null, null})).isEqualTo(Duplication.NONE);
    }
}
