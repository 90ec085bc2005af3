package io.sluice.pipeline.signals.blocklist;

import io.sluice.pipeline.lang.LanguageIdentifier;
import io.sluice.pipeline.signals.RecordLanguage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocklistSignalsTest {

    @TempDir
    Path dir;

    @Test
    void countsTermsPerListAtWordBoundaries() throws IOException {
        Path en = Files.writeString(dir.resolve("en.txt"), "# comment\nbadword\nvery bad phrase\n\n");
        Path de = Files.writeString(dir.resolve("de.txt"), "schimpfwort\n");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("en", en);
        files.put("de", de);
        Blocklists lists = Blocklists.load(files);
        assertThat(lists.sizes()).containsEntry("en", 2).containsEntry("de", 1);
        Map<String, Double> out = new HashMap<>();
        new BlocklistSignals(lists).compute("A Badword, badwords, a VERY BAD PHRASE and ein Schimpfwort.", out::put);
        assertThat(out).containsEntry("blocklist.hits", 3.0).containsEntry("blocklist.en.hits", 2.0)
                .containsEntry("blocklist.de.hits", 1.0);
    }

    /**
     * One language's terms are another's ordinary words: a list named by a language code counts in
     * {@code language_hits} only for records of that language, a list named otherwise for all.
     */
    @Test
    void languageHitsCountAListOnlyForRecordsOfItsLanguage() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("en", Files.writeString(dir.resolve("en.txt"), "fart\n"));
        files.put("de_insults", Files.writeString(dir.resolve("de.txt"), "mist\n"));
        files.put("no", Files.writeString(dir.resolve("no.txt"), "drittsekk\n"));
        files.put("brands", Files.writeString(dir.resolve("brands.txt"), "acme\n"));
        BlocklistSignals family = new BlocklistSignals(Blocklists.load(files),
                new RecordLanguage(LanguageIdentifier.standard()));

        // Swedish, identified as such: "fart" (speed) is on the English list only.
        Map<String, Double> swedish = compute(family,
                "Bilen höll en hög fart genom hela staden, och polisen stoppade den vid torget. Acme sålde bilen.");
        assertThat(swedish).containsEntry("blocklist.hits", 2.0).containsEntry("blocklist.en.hits", 1.0)
                .containsEntry("blocklist.brands.hits", 1.0).containsEntry("blocklist.language_hits", 1.0);

        // English: the English list and the unnamed one; German "mist" is English weather.
        Map<String, Double> english = compute(family,
                "The morning mist lifted as the car picked up speed. Do not fart around, said the driver from Acme.");
        assertThat(english).containsEntry("blocklist.hits", 3.0).containsEntry("blocklist.language_hits", 2.0);

        // German: a list named de_<anything> is German.
        Map<String, Double> german = compute(family,
                "Das ist doch alles Mist, sagte er, und der Wagen fuhr mit hoher Geschwindigkeit durch die Stadt.");
        assertThat(german).containsEntry("blocklist.de_insults.hits", 1.0).containsEntry("blocklist.language_hits", 1.0);
    }

    @Test
    void aDeclaredLanguageDecidesAndNorwegianStandardsShareTheNorwegianList() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("no", Files.writeString(dir.resolve("no.txt"), "drittsekk\n"));
        files.put("en", Files.writeString(dir.resolve("en.txt"), "fart\n"));
        RecordLanguage language = new RecordLanguage(LanguageIdentifier.standard());
        BlocklistSignals family = new BlocklistSignals(Blocklists.load(files), language);
        String text = "Han er en drittsekk, og han kjørte i full fart gjennom byen hele natten.";
        language.declare("nb");
        assertThat(compute(family, text)).containsEntry("blocklist.hits", 2.0).containsEntry("blocklist.language_hits", 1.0);
        language.declare("en");
        assertThat(compute(family, text)).containsEntry("blocklist.language_hits", 1.0)
                .containsEntry("blocklist.en.hits", 1.0);
        // No language at all (nothing declared; Tibetan, which the identifier leaves undetermined, with
        // the two terms in it): every list counts.
        language.declare(null);
        assertThat(compute(family, "ལྷ་ས་ནི་བོད་ཀྱི་རྒྱལ་ས་ཡིན། ལྷ་ས་ནི་བོད་ཀྱི་རྒྱལ་ས་ཡིན། drittsekk fart"))
                .containsEntry("blocklist.language_hits", 2.0);
    }

    private static Map<String, Double> compute(BlocklistSignals family, String text) {
        Map<String, Double> out = new HashMap<>();
        family.compute(text, out::put);
        return out;
    }

    @Test
    void policySectionLoadsListsAndRulesReadTheTotal() throws IOException {
        Path en = Files.writeString(dir.resolve("en.txt"), "badword\n");
        Policy p = new PolicyLoader().parse("""
                version: "b-1"
                rules:
                  - code: blocklisted
                    when: { signal: blocklist.hits, op: ">=", value: 1 }
                    route: quarantine
                blocklists: { en: "%s" }
                """.formatted(en), "t");
        ScoringResult r = new DocumentScorer(p).scoreText("x", "some text with a badword in it", SourceKind.SCRAPED);
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(r.reasons()).extracting(ReasonCode::getCode).containsExactly("blocklisted");
        assertThatThrownBy(() -> new PolicyLoader().parse("version: \"b\"\nrules: []\nblocklists: { en: /no/such.txt }\n",
                "t")).hasMessageContaining("blocklists.en: cannot read term file '/no/such.txt'");
    }
}
