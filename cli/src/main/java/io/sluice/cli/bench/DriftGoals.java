package io.sluice.cli.bench;

import io.sluice.avro.AlertState;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.cli.demo.EuroparlText;
import io.sluice.pipeline.drift.Comparison;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftFeatures;
import io.sluice.pipeline.drift.DriftMonitor;
import io.sluice.pipeline.drift.EventTimeWindows;
import io.sluice.pipeline.drift.WindowAggregate;
import io.sluice.pipeline.drift.WindowComparator;
import io.sluice.pipeline.policy.PolicyDecision;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.scoring.SliceKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the drift goals on streams built from real text (Europarl) with shifts injected at known
 * windows: how many windows after its start each shift is raised, and how many alerts a stationary
 * stream raises.
 *
 * <p>Every document is scored once per variant (original, truncated to a fifth, with symbol lines
 * appended) by the shipped {@link DocumentScorer}; a record then draws a document, a variant and a
 * source, and gets its slice and route from the same policy, so the stream's signals are real. Records
 * go through {@link EventTimeWindows} and {@link DriftMonitor} exactly as in {@code sluice drift}.
 */
public final class DriftGoals {
    static final String[] SOURCES = {"news.example", "blog.example", "forum.example", "wiki.example",
        "gov.example", "shop.example", "docs.example", "mail.example"};
    private static final long WINDOW_MS = 60_000;

    private final DriftConfig config;
    private final DocumentScorer scorer;
    private final List<Doc> docs = new ArrayList<>();
    private final Map<String, List<Integer>> byLang = new LinkedHashMap<>();
    private final PrintStream out;

    /** One scored document variant: what drift needs of it. */
    private record Scored(Map<String, Double> signals, List<io.sluice.avro.ReasonCode> reasons, Route route) {}

    private record Doc(String lang, Scored[] variants) {}

    /** How a stream deviates from the stationary mix once the shift starts. */
    record Shift(String name, String dimension, String lang, double langShare, int source, double sourceShare,
                 double truncatedShare, double noisyShare) {
        static Shift none() {
            return new Shift("stationary", null, null, 0, -1, 0, 0, 0);
        }
    }

    public DriftGoals(DriftConfig config, DocumentScorer scorer, EuroparlText text, PrintStream out) {
        this.config = config;
        this.scorer = scorer;
        this.out = out;
        for (int i = 0; i < text.size(); i++) {
            String body = text.document(i);
            String lang = EuroparlText.languageOf(body);
            Scored[] v = {score(body), score(truncate(body)), score(noisy(body))};
            byLang.computeIfAbsent(lang, l -> new ArrayList<>()).add(docs.size());
            docs.add(new Doc(lang, v));
        }
    }

    private Scored score(String text) {
        ScoringResult r = scorer.score(new ScoringInput("d", text, SourceKind.SCRAPED, 0L, null, null, null));
        return new Scored(r.signals(), r.reasons(), r.route());
    }

    static String truncate(String body) {
        return body.substring(0, Math.max(1, body.length() / 5));
    }

    static String noisy(String body) {
        return body + "\n\n|| 12/34/56 ## -- 99 %% == 0x3F ++ || 78 ## 4512 -- 7731 ** 55 //\n"
                + "|| 90/12/34 ## -- 17 %% == 0x2A ++ || 64 ## 2231 -- 9183 ** 21 //";
    }

    public Map<String, Integer> languageCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        byLang.forEach((l, ids) -> m.put(l, ids.size()));
        return m;
    }

    /** A reproducible stream: record i of window w, drawn from the shifted mix once w >= shiftAt. */
    final class Stream {
        private final Random random;
        private final Shift shift;
        private final int shiftAt;
        private final DriftFeatures features = new DriftFeatures(config.dimensions());
        private final List<String> langs = new ArrayList<>(byLang.keySet());

        Stream(long seed, Shift shift, int shiftAt) {
            this.random = new Random(seed);
            this.shift = shift;
            this.shiftAt = shiftAt;
        }

        /** Feeds window {@code w} of {@code n} records, in event-time order, to {@code windows}. */
        void window(int w, int n, EventTimeWindows windows) {
            boolean shifted = w >= shiftAt;
            for (int i = 0; i < n; i++) {
                Doc doc;
                if (shifted && shift.lang() != null && random.nextDouble() < shift.langShare()) {
                    List<Integer> pool = byLang.get(shift.lang());
                    doc = docs.get(pool.get(random.nextInt(pool.size())));
                } else {
                    doc = docs.get(random.nextInt(docs.size()));
                }
                int source = shifted && shift.source() >= 0 && random.nextDouble() < shift.sourceShare()
                        ? shift.source() : random.nextInt(SOURCES.length);
                int variant = 0;
                double u = random.nextDouble();
                if (shifted && u < shift.truncatedShare()) {
                    variant = 1;
                } else if (shifted && u < shift.truncatedShare() + shift.noisyShare()) {
                    variant = 2;
                }
                Scored s = doc.variants()[variant];
                String slice = SliceKey.of(SourceKind.SCRAPED, doc.lang(), SOURCES[source]);
                PolicyDecision d = scorer.policy().decide(SourceKind.SCRAPED, slice, s.signals());
                features.extract(SourceKind.SCRAPED, slice, SOURCES[source], d.route(), d.reasons(), s.signals());
                long t = w * WINDOW_MS + (i * WINDOW_MS) / n;
                windows.add(t, "w" + w + "-" + i, features.categories, features.numerics);
            }
            // Records are in order here, so the watermark can sit right behind the last one.
        }
    }

    /** The result of one shifted run. */
    record Detection(Shift shift, long seed, double truePsi, int raisedAfter, int falseBefore) {}

    /** Runs a stream of {@code total} windows with the shift starting at {@code shiftAt}. */
    Detection detect(Shift shift, long seed, int windowRecords, int shiftAt, int total) {
        DriftMonitor monitor = DriftMonitor.trailing(config, "bench", "bench");
        EventTimeWindows windows = new EventTimeWindows(config);
        Stream stream = new Stream(seed, shift, shiftAt);
        int raisedAfter = -1;
        int falseBefore = 0;
        for (int w = 0; w < total; w++) {
            stream.window(w, windowRecords, windows);
            for (WindowAggregate agg : windows.advance((w + 1) * WINDOW_MS - 1)) {
                for (DriftAlert a : monitor.onWindow(agg).alerts()) {
                    if (a.getState() != AlertState.RAISED) {
                        continue;
                    }
                    if (w < shiftAt) {
                        falseBefore++;
                    } else if (raisedAfter < 0 && a.getDimension().equals(shift.dimension())) {
                        raisedAfter = w - shiftAt + 1;
                    }
                }
            }
        }
        return new Detection(shift, seed, truePsi(shift, seed), raisedAfter, falseBefore);
    }

    /** PSI of the shifted dimension between large samples (50 windows each) before and after the shift. */
    double truePsi(Shift shift, long seed) {
        EventTimeWindows before = new EventTimeWindows(config);
        EventTimeWindows after = new EventTimeWindows(config);
        Stream s = new Stream(seed + 1_000_003, shift, 50);
        for (int w = 0; w < 100; w++) {
            s.window(w, 1000, w < 50 ? before : after);
        }
        WindowAggregate a = merge(before.flush());
        WindowAggregate b = merge(after.flush());
        for (Comparison c : WindowComparator.compare(a, b)) {
            if (c.dimension().equals(shift.dimension())) {
                return c.psi();
            }
        }
        return Double.NaN;
    }

    private static WindowAggregate merge(List<WindowAggregate> ws) {
        WindowAggregate m = ws.get(0).copy(ws.get(0).start(), ws.get(ws.size() - 1).end());
        for (int i = 1; i < ws.size(); i++) {
            m.merge(ws.get(i));
        }
        return m;
    }

    /** Alerts raised on a stationary stream, per dimension. */
    Map<String, Integer> stationary(long seed, int windowRecords, int total) {
        DriftMonitor monitor = DriftMonitor.trailing(config, "bench", "bench");
        EventTimeWindows windows = new EventTimeWindows(config);
        Stream stream = new Stream(seed, Shift.none(), Integer.MAX_VALUE);
        Map<String, Integer> raised = new HashMap<>();
        for (int w = 0; w < total; w++) {
            stream.window(w, windowRecords, windows);
            for (WindowAggregate agg : windows.advance((w + 1) * WINDOW_MS - 1)) {
                for (DriftAlert a : monitor.onWindow(agg).alerts()) {
                    if (a.getState() == AlertState.RAISED) {
                        raised.merge(a.getDimension(), 1, Integer::sum);
                        out.println("  false alert: " + a.getMessage());
                    }
                }
            }
        }
        return raised;
    }

    /** The shifts measured: language mix, a source's share, length, a quality signal; three sizes each. */
    List<Shift> shifts() {
        // A language with about 4% of the documents: a minor language becoming a major one.
        String lang = byLang.keySet().stream().filter(l -> !l.equals("und"))
                .min(java.util.Comparator.comparingInt((String l) -> Math.abs(byLang.get(l).size() - docs.size() / 25))
                        .thenComparing(l -> l))
                .orElseThrow();
        List<Shift> s = new ArrayList<>();
        for (double share : new double[] {0.08, 0.15, 0.30}) {
            s.add(new Shift(String.format(Locale.ROOT, "lang %s +%.0f%%", lang, 100 * share), "lang", lang, share,
                    -1, 0, 0, 0));
        }
        for (double share : new double[] {0.10, 0.25, 0.40}) {
            s.add(new Shift(String.format(Locale.ROOT, "source %s +%.0f%%", SOURCES[0], 100 * share), "source", null,
                    0, 0, share, 0, 0));
        }
        for (double share : new double[] {0.05, 0.20, 0.30}) {
            s.add(new Shift(String.format(Locale.ROOT, "length: %.0f%% truncated to 1/5", 100 * share),
                    "text.char_count", null, 0, -1, 0, share, 0));
        }
        for (double share : new double[] {0.05, 0.20, 0.30}) {
            s.add(new Shift(String.format(Locale.ROOT, "quality: %.0f%% with symbol lines", 100 * share),
                    "text.alpha_char_ratio", null, 0, -1, 0, 0, share));
        }
        return s;
    }
}
