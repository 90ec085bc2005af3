package io.sluice.pipeline.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the job reports as Flink metrics beyond Flink's own, and where a local cluster exposes them.
 *
 * @param histogramSignals {@code metrics.signal.histograms}: signals with a histogram each (comma
 *                         separated; {@code none} for none); default {@link #DEFAULT_HISTOGRAM_SIGNALS}
 * @param prometheusPort   {@code metrics.prometheus.port}: when set, a job on a local MiniCluster
 *                         ({@code sluice run} without {@code --jobmanager}, the demo, the tests)
 *                         serves its metrics for Prometheus on this port or range ({@code 9249},
 *                         {@code 9249-9259}); a real cluster configures its own reporter (see docker/)
 */
public record MetricsSettings(List<String> histogramSignals, String prometheusPort) implements Serializable {

    /**
     * One signal per question an operator asks of the stream: how long, which language how surely,
     * how clean by each rule family, how much PII, how duplicated.
     */
    public static final List<String> DEFAULT_HISTOGRAM_SIGNALS = List.of(
            "text.word_count", "lang.confidence", "gopher.alpha_word_frac", "repetition.dup_line_frac",
            "c4.lines_removed_frac", "fineweb.line_punct_ratio", "pii.total", "dup.band_matches");

    /**
     * The reporter factory a local cluster serves {@code metrics.prometheus.port} with, by name: the
     * job jar leaves the class out (a Flink cluster brings its own reporters).
     */
    public static final String LOOPBACK_REPORTER_FACTORY = "io.sluice.pipeline.metrics.LoopbackPrometheusReporterFactory";

    public MetricsSettings {
        histogramSignals = List.copyOf(histogramSignals);
        if (prometheusPort != null && !prometheusPort.matches("\\d{1,5}(-\\d{1,5})?")) {
            throw new IllegalArgumentException("metrics.prometheus.port must be a port or a range like 9249-9259, got '"
                    + prometheusPort + "'");
        }
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings(DEFAULT_HISTOGRAM_SIGNALS, null);
    }

    /** From {@code metrics.*} settings. */
    public static MetricsSettings fromMap(Map<String, String> config) {
        String signals = config.get("metrics.signal.histograms");
        List<String> names;
        if (signals == null || signals.isBlank()) {
            names = DEFAULT_HISTOGRAM_SIGNALS;
        } else if (signals.trim().equals("none")) {
            names = List.of();
        } else {
            names = Arrays.stream(signals.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        }
        String port = config.get("metrics.prometheus.port");
        return new MetricsSettings(names, port == null || port.isBlank() ? null : port.trim());
    }

    /** Fails, naming them, when histogram signals are not among {@code known}: a typo would otherwise chart nothing. */
    public void checkSignals(Set<String> known) {
        List<String> unknown = histogramSignals.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("metrics.signal.histograms names signals that do not exist: " + unknown
                    + " (see docs/SIGNALS.md for the names)");
        }
    }
}
