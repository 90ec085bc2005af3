package io.sluice.cli.demo;

import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One readable line per drift alert, for {@code sluice tail drift} and the demo's live view. */
public final class DriftAlertFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private DriftAlertFormat() {}

    /**
     * E.g. {@code 14:05:10–14:05:20Z  RAISED   CRITICAL lang  psi 0.412 ≥ 0.10  lang=el 4.9% → 52.0%, lang=en …}.
     */
    public static String line(DriftAlert a) {
        StringBuilder moved = new StringBuilder();
        boolean numeric = !a.getTop().isEmpty() && a.getTop().get(0).getCategory().matches("p\\d+");
        for (DriftContribution c : a.getTop()) {
            moved.append(moved.length() == 0 ? "" : ", ");
            if (numeric) {
                moved.append(String.format(Locale.ROOT, "%s %s → %s", c.getCategory(), number(c.getReferenceShare()),
                        number(c.getCurrentShare())));
            } else {
                moved.append(String.format(Locale.ROOT, "%s %.1f%% → %.1f%%", c.getCategory(),
                        100 * c.getReferenceShare(), 100 * c.getCurrentShare()));
            }
        }
        String cmp = a.getValue() < a.getThreshold() ? "<" : "≥";
        return String.format(Locale.ROOT, "%s–%sZ  %-8s %-8s %-22s %s %.3f %s %.2f  %s",
                TIME.format(a.getWindowStart()), TIME.format(a.getWindowEnd()), a.getState(), a.getSeverity(),
                a.getDimension(), a.getMetric(), a.getValue(), cmp, a.getThreshold(), moved);
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
