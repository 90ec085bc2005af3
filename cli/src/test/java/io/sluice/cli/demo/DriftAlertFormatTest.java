package io.sluice.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftAlertFormatTest {

    @Test
    void categoricalAlertReadsAsSharesThatMoved() {
        String line = DriftAlertFormat.line(alert("lang", AlertState.RAISED, Severity.CRITICAL, 0.41, 0.1,
                List.of(new DriftContribution("lang=ru", 0.02, 0.19), new DriftContribution("lang=en", 0.5, 0.4))));
        assertThat(line).startsWith("12:00:00–12:01:00Z").contains("RAISED").contains("CRITICAL").contains("lang")
                .contains("psi 0.410 ≥ 0.10").contains("lang=ru 2.0% → 19.0%, lang=en 50.0% → 40.0%");
    }

    @Test
    void numericAlertReadsAsQuantilesAndAClearedOneAsUnderItsThreshold() {
        String line = DriftAlertFormat.line(alert("text.char_count", AlertState.CLEARED, Severity.INFO, 0.02, 0.05,
                List.of(new DriftContribution("p90", 812.0, 2300.0))));
        assertThat(line).contains("CLEARED").contains("psi 0.020 < 0.05").contains("p90 812 → 2300");
    }

    private static DriftAlert alert(String dim, AlertState state, Severity severity, double value, double threshold,
            List<DriftContribution> top) {
        return DriftAlert.newBuilder().setAlertId("a").setDimension(dim)
                .setWindowStart(Instant.parse("2026-01-01T12:00:00Z")).setWindowEnd(Instant.parse("2026-01-01T12:01:00Z"))
                .setMetric("psi").setValue(value).setThreshold(threshold).setReference("r").setTop(top)
                .setState(state).setSeverity(severity).build();
    }
}
