package io.sluice.pipeline.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The detector's goals at test scale, on synthetic streams with a fixed seed: a large shift is raised
 * within two windows of its start and named, and a long stationary stream raises nothing.
 */
class DriftMonitorTest {
    private static final DriftDimensions DIMS = new DriftDimensions(List.of("lang", "source", "accepted_slice"),
            List.of("text.char_count"));
    private static final DriftConfig CONFIG = DriftConfig.defaults().withWindow(Duration.ofSeconds(60))
            .withBaseline(10, 3);
    private static final String[] LANGS = {"en", "de", "fr", "es", "it", "pl", "ru"};
    private static final double[] LANG_MIX = {0.40, 0.15, 0.12, 0.10, 0.10, 0.11, 0.02};
    private static final double[] SHIFTED_MIX = {0.30, 0.12, 0.10, 0.08, 0.10, 0.11, 0.19};

    private static DriftConfig config() {
        return new DriftConfig(Duration.ofSeconds(60), DIMS, 10, 3, AlertRules.defaults(), TargetMix.NONE);
    }

    @Test
    void languageShiftIsRaisedWithinTwoWindowsNamingTheLanguageAndClearsOnceAbsorbed() {
        DriftMonitor monitor = DriftMonitor.trailing(config(), "p1", "test");
        Random r = new Random(42);
        int shiftAt = 20;
        List<DriftAlert> alerts = new ArrayList<>();
        List<Long> raisedAt = new ArrayList<>();
        for (int w = 0; w < 45; w++) {
            WindowAggregate agg = window(r, w, 1000, w >= shiftAt ? SHIFTED_MIX : LANG_MIX, 1.0);
            for (DriftAlert a : monitor.onWindow(agg).alerts()) {
                alerts.add(a);
                if (a.getState() == AlertState.RAISED) {
                    raisedAt.add((long) w);
                }
            }
        }
        DriftAlert raised = alerts.stream().filter(a -> a.getState() == AlertState.RAISED).findFirst().orElseThrow();
        assertThat(raised.getDimension()).isEqualTo("lang");
        assertThat(raisedAt.get(0)).isBetween((long) shiftAt, shiftAt + 1L);
        assertThat(raised.getTop().get(0).getCategory()).isEqualTo("lang=ru");
        assertThat(raised.getTop().get(0).getReferenceShare()).isBetween(0.01, 0.03);
        assertThat(raised.getTop().get(0).getCurrentShare()).isBetween(0.16, 0.22);
        assertThat(raised.getMessage()).contains("lang=ru 2.").contains("→ 1");
        assertThat(raised.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.getMetrics()).containsKeys("psi", "js_distance_log2", "chi_square_p");
        // The trailing baseline absorbs a lasting shift, so the alert clears without a manual reset.
        assertThat(alerts).anyMatch(a -> a.getDimension().equals("lang") && a.getState() == AlertState.CLEARED);
        assertThat(alerts).noneMatch(a -> !a.getDimension().equals("lang") && !a.getDimension().equals("accepted_slice"));
    }

    @Test
    void lengthShiftIsRaisedWithinTwoWindowsNamingAQuantile() {
        DriftMonitor monitor = DriftMonitor.trailing(config(), "p1", "test");
        Random r = new Random(3);
        Long raisedAt = null;
        DriftAlert raised = null;
        for (int w = 0; w < 30 && raisedAt == null; w++) {
            for (DriftAlert a : monitor.onWindow(window(r, w, 1000, LANG_MIX, w >= 15 ? 0.6 : 1.0)).alerts()) {
                if (a.getState() == AlertState.RAISED && a.getDimension().equals("text.char_count")) {
                    raisedAt = (long) w;
                    raised = a;
                }
            }
        }
        assertThat(raisedAt).isNotNull().isBetween(15L, 16L);
        assertThat(raised.getTop().get(0).getCategory()).matches("p\\d+");
        assertThat(raised.getMetrics()).containsKeys("ks", "ks_p", "wasserstein_norm");
    }

    @Test
    void stationaryStreamOfThreeHundredWindowsRaisesNothing() {
        DriftMonitor monitor = DriftMonitor.trailing(config(), "p1", "test");
        Random r = new Random(11);
        List<DriftAlert> alerts = new ArrayList<>();
        for (int w = 0; w < 300; w++) {
            alerts.addAll(monitor.onWindow(window(r, w, 1000, LANG_MIX, 1.0)).alerts());
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void tinyWindowsDoNotAlarmEvenWhenTheirSharesLookShifted() {
        DriftMonitor monitor = DriftMonitor.trailing(config(), "p1", "test");
        Random r = new Random(5);
        List<DriftAlert> alerts = new ArrayList<>();
        for (int w = 0; w < 200; w++) {
            alerts.addAll(monitor.onWindow(window(r, w, 40, LANG_MIX, 1.0)).alerts());
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void restoredStateContinuesExactlyWhereTheCheckpointWas() {
        DriftMonitor a = DriftMonitor.trailing(config(), "p1", "test");
        Random r = new Random(9);
        List<WindowAggregate> windows = new ArrayList<>();
        for (int w = 0; w < 30; w++) {
            windows.add(window(r, w, 1000, w >= 12 ? SHIFTED_MIX : LANG_MIX, 1.0));
        }
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        DriftMonitor b = DriftMonitor.trailing(config(), "p1", "test");
        for (int w = 0; w < 30; w++) {
            a.onWindow(windows.get(w)).alerts().forEach(x -> expected.add(x.getAlertId()));
            if (w < 13) {
                b.onWindow(windows.get(w)).alerts().forEach(x -> actual.add(x.getAlertId()));
            } else {
                if (w == 13) {
                    byte[] state = b.stateBytes();
                    b = DriftMonitor.trailing(config(), "p1", "test");
                    b.restore(state);
                }
                b.onWindow(windows.get(w)).alerts().forEach(x -> actual.add(x.getAlertId()));
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void slicesUnderTheirTargetShareGetRateLimitedFillGapRequests() {
        TargetMix mix = new TargetMix(0.02, 1, 3, 100,
                List.of(new TargetMix.Target("synthetic/ru/*", 0.10), new TargetMix.Target("scraped/*/*", 0.05)));
        DriftMonitor monitor = new DriftMonitor(config().withTargetMix(mix), new TrailingBaseline(10, 3, 0), "p1", "test");
        Random r = new Random(1);
        List<List<ResynthesisRequest>> perWindow = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            perWindow.add(monitor.onWindow(window(r, w, 1000, LANG_MIX, 1.0)).fillGaps());
        }
        // ru is ~2% of accepted records against a 10% target; scraped/* is 0% against 5%, a smaller gap,
        // and at most one request per window is allowed: ru first, scraped the window after.
        assertThat(perWindow.get(0)).singleElement().satisfies(req -> {
            assertThat(req.getKind()).isEqualTo(ResynthesisKind.FILL_GAP);
            assertThat(req.getSlice()).isEqualTo("synthetic/ru/*");
            assertThat(req.getRequestId()).startsWith(FillGapPlanner.ID_PREFIX);
            // (0.10 * 1000 - ~20) / 0.9 ≈ 89 records
            assertThat(req.getWantedCount()).isBetween(70, 100);
            assertThat(req.getExemplarIds()).isNotEmpty().allMatch(id -> id.startsWith("w0-"));
            assertThat(req.getRecord()).isNull();
        });
        assertThat(perWindow.get(1)).singleElement().satisfies(req -> assertThat(req.getSlice()).isEqualTo("scraped/*/*"));
        assertThat(perWindow.get(2)).isEmpty();
        assertThat(perWindow.get(3)).isEmpty(); // ru still in its 3-window cooldown
        assertThat(perWindow.get(4)).singleElement().satisfies(req -> assertThat(req.getSlice()).isEqualTo("synthetic/ru/*"));
    }

    /** A window of {@code n} synthetic records with the given language mix and length scale. */
    static WindowAggregate window(Random r, int w, int n, double[] mix, double lengthScale) {
        WindowAggregate agg = new WindowAggregate(DIMS, w * 60_000L, (w + 1) * 60_000L);
        for (int i = 0; i < n; i++) {
            String lang = LANGS[pick(r, mix)];
            String source = "gen-" + r.nextInt(4);
            double length = Math.exp(7 + 0.8 * r.nextGaussian()) * lengthScale;
            agg.add("w" + w + "-" + i, new String[] {lang, source, "synthetic/" + lang + "/qa"}, new double[] {length});
        }
        return agg;
    }

    private static int pick(Random r, double[] mix) {
        double u = r.nextDouble();
        for (int i = 0; i < mix.length; i++) {
            u -= mix[i];
            if (u < 0) {
                return i;
            }
        }
        return mix.length - 1;
    }
}
