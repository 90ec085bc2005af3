package io.sluice.pipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.signals.SignalRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    @Test
    void defaultsAreSignalsTheStandardRegistryHasAndNoEndpoint() {
        MetricsSettings defaults = MetricsSettings.fromMap(Map.of());
        assertThat(defaults.histogramSignals()).isEqualTo(MetricsSettings.DEFAULT_HISTOGRAM_SIGNALS);
        assertThat(defaults.prometheusPort()).isNull();
        defaults.checkSignals(SignalRegistry.standard().names());
    }

    @Test
    void readsAListNoneAndAPortRange() {
        MetricsSettings listed = MetricsSettings.fromMap(Map.of(
                "metrics.signal.histograms", " pii.total, text.word_count ,pii.total",
                "metrics.prometheus.port", "9249-9259"));
        assertThat(listed.histogramSignals()).containsExactly("pii.total", "text.word_count");
        assertThat(listed.prometheusPort()).isEqualTo("9249-9259");
        assertThat(MetricsSettings.fromMap(Map.of("metrics.signal.histograms", "none")).histogramSignals()).isEmpty();
    }

    @Test
    void rejectsUnknownSignalsAndBadPortsNamingThem() {
        MetricsSettings typo = MetricsSettings.fromMap(Map.of("metrics.signal.histograms", "text.word_count,text.wordcount"));
        assertThatThrownBy(() -> typo.checkSignals(SignalRegistry.standard().names()))
                .hasMessageContaining("[text.wordcount]");
        assertThatThrownBy(() -> MetricsSettings.fromMap(Map.of("metrics.prometheus.port", "http://x")))
                .hasMessageContaining("metrics.prometheus.port");
    }
}
