package io.sluice.pipeline.signals.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.lang.LanguageIdentifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every language the identifier can answer counts its own stop words in the stream's Gopher family,
 * or is one of the languages known to have no list. A language added to the identifier without a
 * list would silently count datatrove's English eight, and so fail {@code gopher_enough_stop_words}
 * whatever its text: this test makes that a decision someone takes and writes down (docs/SIGNALS.md).
 */
class StopWordsCoverageTest {

    /**
     * No reachable library has a list for Belarusian, Maltese, Georgian, Assamese, Odia, Khmer or Lao
     * (the last two are cut into words like Chinese, Japanese, Thai and Burmese, which have lists).
     */
    private static final Set<String> WITHOUT_LIST = Set.of("be", "mt", "ka", "as", "or", "km", "lo");

    @Test
    void everyIdentifiedLanguageHasAListOrIsKnownToHaveNone() {
        List<String> identified = LanguageIdentifier.standard().supportedLanguages();
        assertThat(identified.stream().filter(code -> !StopWords.hasList(code) && !WITHOUT_LIST.contains(code)))
                .as("identified languages that would count English stop words without anyone deciding so")
                .isEmpty();
        // The exceptions are identified languages (a stale entry is removed when its list arrives).
        assertThat(identified).containsAll(WITHOUT_LIST);
        assertThat(WITHOUT_LIST).noneMatch(StopWords::hasList);
    }

    @Test
    void everyListLoadsAndHoldsWords() {
        for (String code : LanguageIdentifier.standard().supportedLanguages()) {
            if (StopWords.hasList(code)) {
                assertThat(StopWords.forLanguage(code).size()).as(code).isGreaterThanOrEqualTo(8);
            }
        }
    }
}
