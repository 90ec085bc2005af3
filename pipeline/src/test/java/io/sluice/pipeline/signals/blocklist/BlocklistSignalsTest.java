package io.sluice.pipeline.signals.blocklist;

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
