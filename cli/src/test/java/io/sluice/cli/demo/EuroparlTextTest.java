package io.sluice.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.dedup.TextSignature;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's endless stream of texts: new after the loaded documents run out, in their languages, a few reposts. */
class EuroparlTextTest {
    private static EuroparlText text;

    @BeforeAll
    static void load() throws Exception {
        text = EuroparlText.load(1000);
    }

    @Test
    void theFirstPassIsTheLoadedDocumentsThenOnlyTheRepostsRepeatOne() {
        int n = text.size();
        Map<Long, Long> firstByExactKey = new HashMap<>();
        Set<Long> bandsOfFirstPass = new HashSet<>();
        TextSignature signatures = new TextSignature();
        for (long i = 0; i < n; i++) {
            assertThat(text.streamDocument(i)).isEqualTo(text.document(i));
            TextSignature.Signature s = signatures.of(text.streamDocument(i));
            firstByExactKey.putIfAbsent(s.exactKey(), i);
            for (long band : s.bandKeys()) {
                bandsOfFirstPass.add(band);
            }
        }
        int reposts = 0;
        int copies = 0;
        int nearCopies = 0;
        int sameLanguage = 0;
        int remixes = 0;
        Set<Long> laterExactKeys = new HashSet<>();
        for (long i = n; i < 3L * n; i++) {
            String doc = text.streamDocument(i);
            TextSignature.Signature s = signatures.of(doc);
            if (i % EuroparlText.REPOST_EVERY == 0) {
                reposts++;
                assertThat(doc).isEqualTo(text.document(i));
                continue;
            }
            remixes++;
            if (firstByExactKey.containsKey(s.exactKey()) || !laterExactKeys.add(s.exactKey())) {
                copies++;
            }
            for (long band : s.bandKeys()) {
                if (bandsOfFirstPass.contains(band)) {
                    nearCopies++;
                    break;
                }
            }
            if (EuroparlText.languageOf(doc).equals(text.language(i))) {
                sameLanguage++;
            }
        }
        assertThat(reposts).isEqualTo(2 * n / EuroparlText.REPOST_EVERY);
        // A language with a single document has no partner: its later texts repeat it.
        assertThat(copies).isLessThan(remixes / 100);
        // Half of each of two documents: LSH tuned for Jaccard ~0.8 rarely takes it for either.
        assertThat(nearCopies).isLessThan(remixes / 10);
        assertThat(sameLanguage).isGreaterThan(remixes * 97 / 100);
    }

    @Test
    void aDocumentRepeatsOnlyAfterEveryPartnerAndSplitOfItsLanguage() {
        int n = text.size();
        String smallest = null;
        for (int i = 0; i < n; i++) {
            int c = text.documentsIn(text.language(i)).size();
            if (c >= 3 && (smallest == null || c < text.documentsIn(smallest).size())) {
                smallest = text.language(i);
            }
        }
        int c = text.documentsIn(smallest).size();
        int a = text.documentsIn(smallest).stream().filter(d -> d % EuroparlText.REPOST_EVERY != 0).findFirst().orElseThrow();
        Set<String> seen = new HashSet<>();
        int cycle = 3 * (c - 1);
        for (long pass = 1; pass <= cycle; pass++) {
            assertThat(seen.add(text.streamDocument(a + pass * n))).as("pass %d of %d-document %s", pass, c, smallest).isTrue();
        }
        assertThat(text.streamDocument(a + (cycle + 1L) * n)).isEqualTo(text.streamDocument(a + (long) n));
    }
}
