package io.sluice.pipeline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.SourceKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalRegistryTest {

    @Test
    void standardRegistryListsEverySignalItsFamiliesEmitInOrder() {
        SignalRegistry registry = SignalRegistry.standard();
        List<String> emitted = new ArrayList<>();
        SignalInput input = new SignalInput("id", "some text", SourceKind.SCRAPED, 1L, "http://a.org", 2L);
        for (SignalFamily family : registry.families()) {
            family.compute(input, (name, value) -> emitted.add(name));
        }
        assertThat(emitted).containsExactlyElementsOf(registry.names());
        assertThat(registry.names()).contains("text.word_count", "record.bad_url", "gopher.keep", "repetition.keep",
                "c4.sentence_count", "fineweb.list_ratio", "lang.confidence",
                "pii.email", "provenance.lineage_depth", "synthetic.refusal", "contamination.max_overlap", "blocklist.hits", "blocklist.language_hits")
                .hasSize(89);
        assertThat(registry.version()).isEqualTo(SignalRegistry.SIGNALS_VERSION);
    }

    @Test
    void rejectsSignalsOutsideTheirFamilyPrefixAndDuplicates() {
        SignalFamily misnamed = family("text", "txt.x");
        assertThatThrownBy(() -> new SignalRegistry("1", List.of(misnamed)))
                .hasMessageContaining("'txt.x' of family 'text' must be named 'text.<signal>'");
        assertThatThrownBy(() -> new SignalRegistry("1", List.of(family("a", "a.x"), family("a", "a.y"))))
                .hasMessageContaining("two signal families are named 'a'");
    }

    private static SignalFamily family(String name, String signal) {
        return new SignalFamily() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> signalNames() {
                return List.of(signal);
            }

            @Override
            public void compute(SignalInput input, SignalCollector out) {
                out.put(signal, 0);
            }
        };
    }
}
