package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SourceKind;
import org.junit.jupiter.api.Test;

class SliceKeyTest {

    @Test
    void lowerCasesAndStripsWwwFromHosts() {
        assertThat(SliceKey.of(SourceKind.SCRAPED, "DE", " WWW.Heise.de ")).isEqualTo("scraped/de/heise.de");
    }

    @Test
    void fillsMissingLanguageAndDomain() {
        assertThat(SliceKey.of(SourceKind.SYNTHETIC, null, " ")).isEqualTo("synthetic/und/general");
    }

    @Test
    void keepsExactlyThreeSegmentsWhenAComponentContainsASlash() {
        assertThat(SliceKey.of(SourceKind.SYNTHETIC, "en", "qa/multi-hop")).isEqualTo("synthetic/en/qa_multi-hop");
    }

    @Test
    void leavesABareWwwHostAlone() {
        assertThat(SliceKey.of(SourceKind.SCRAPED, "en", "www.")).isEqualTo("scraped/en/www.");
    }
}
