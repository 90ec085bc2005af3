package io.sluice.pipeline.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SerbianLatinCheckTest {

    /** A hand-made lexicon: ratios ln P(sr)/P(hr), and yat classes (+1 ekavian, -1 ijekavian). */
    private static final SerbianLatinCheck CHECK = new SerbianLatinCheck(
            Map.ofEntries(Map.entry("mesto", 4.0f), Map.entry("mjesto", -4.0f), Map.entry("poslednje", 3.6f),
                    Map.entry("deo", 2.9f), Map.entry("tačka", 3.0f), Map.entry("točka", -3.0f), Map.entry("tisuća", -3.5f), Map.entry("sam", 3.4f),
                    Map.entry("znam", 1.8f), Map.entry("imam", 1.2f), Map.entry("jako", 2.1f), Map.entry("radio", 2.1f)),
            Map.of("mesto", 1, "mjesto", -1));

    @Test
    void anEkavianFormWithTheOtherWordsLeaningSerbianMakesTheTextSerbian() {
        assertThat(CHECK.isSerbian("Mesto je tačka na mapi.")).isTrue();
        // The same ekavian form, but the other words lean Croatian (4.0 - 3.0 - 3.5 nats).
        assertThat(CHECK.isSerbian("Mesto je točka, tisuća puta.")).isFalse();
    }

    @Test
    void oneIjekavianFormKeepsTheTextCroatian() {
        assertThat(CHECK.isSerbian("Mesto i mjesto, tačka.")).isFalse();
        // Not listed, but its ekavian form is a Serbian-only word of the lexicon.
        assertThat(CHECK.ijekavianOfSerbianWord("posljednje")).isTrue();
        assertThat(CHECK.isSerbian("Posljednje mesto, tačka.")).isFalse();
        // ije read as e, and a final io as eo.
        assertThat(new SerbianLatinCheck(Map.of("vreme", 3f), Map.of()).ijekavianOfSerbianWord("vrijeme")).isTrue();
        assertThat(CHECK.ijekavianOfSerbianWord("dio")).isTrue();
        // A word whose ekavian reading is not a Serbian-only word, or that leans Serbian itself.
        assertThat(CHECK.ijekavianOfSerbianWord("jezik")).isFalse();
        assertThat(CHECK.ijekavianOfSerbianWord("poslednje")).isFalse();
    }

    @Test
    void sharedWordsAloneDoNotDecide() {
        // 10.6 nats for Serbian from words both standards use, and no yat form: stays Croatian.
        assertThat(CHECK.isSerbian("Znam da sam jako sretan što imam posao, radio sam dugo.")).isFalse();
    }

    @Test
    void wordsAreLowerCasedAndEachDistinctWordCountsOnce() {
        // Counted once each: 4.0 - 3.5 + 3.0 > 0. Counted per occurrence it would be 4.0 - 10.5 + 3.0.
        assertThat(CHECK.isSerbian("MESTO tisuća, Tisuća, TISUĆA tačka")).isTrue();
        // Letter runs: "3D-mesto" holds the word "mesto"; digits and hyphens split words.
        assertThat(CHECK.isSerbian("3D-mesto, tačka")).isTrue();
    }

    @Test
    void theShippedLexiconKnowsTheYatPairs() {
        SerbianLatinCheck standard = SerbianLatinCheck.standard();
        assertThat(standard.isSerbian("Izaberite mesto gde želite da sačuvate datoteku.")).isTrue();
        assertThat(standard.isSerbian("Odaberite mjesto gdje želite spremiti datoteku.")).isFalse();
    }
}
