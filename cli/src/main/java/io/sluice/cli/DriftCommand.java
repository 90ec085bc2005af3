package io.sluice.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.DriftContribution;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.PipelineVersion;
import io.sluice.pipeline.drift.AlertRules;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftFeatures;
import io.sluice.pipeline.drift.DriftMonitor;
import io.sluice.pipeline.drift.DriftReference;
import io.sluice.pipeline.drift.EventTimeWindows;
import io.sluice.pipeline.drift.PinnedReference;
import io.sluice.pipeline.drift.RangeReference;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.drift.TrailingBaseline;
import io.sluice.pipeline.drift.WindowAggregate;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.HttpUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice drift}: the stream job's scoring, event-time windows and drift detectors over a JSON
 * Lines file. Output lines are snapshots ({@code "type": "snapshot"}, one per window and dimension)
 * and alerts ({@code "type": "alert"}), in window order; with {@code --fill-gap} also FILL_GAP
 * requests ({@code "type": "fill_gap"}). A file of snapshot lines is also what {@code --reference}
 * reads back as a pinned reference.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {
            "Windowed distribution drift over a JSON Lines file, with the same scoring, windows and detectors as "
                    + "the stream job.",
            "",
            "Input lines: \"id\", \"text\", \"event_time\" (epoch ms or ISO-8601), optionally \"source\", "
                    + "\"source_kind\" (synthetic | scraped), \"lang\", \"url\", \"domain\", \"task_type\".",
            "Output lines: {\"type\": \"snapshot\", ...} per window and dimension and {\"type\": \"alert\", "
                    + "\"dimension\", \"state\", \"severity\", \"window_start\", \"window_end\", \"metric\", \"value\", "
                    + "\"threshold\", \"top\", ...}."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (malformed lines are counted and reported)", "1:I/O error", "2:bad arguments"})
public final class DriftCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "F.jsonl[.gz]", description = "Input JSON Lines ('-' for stdin).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "A.jsonl[.gz]", description = "Output JSON Lines ('-' for stdout).")
    Path out;

    @Option(names = "--window", defaultValue = "60s", description = "Tumbling window size, e.g. 60s, 10m (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--reference", paramLabel = "SNAPSHOTS.jsonl",
            description = "Pin the reference to these snapshots (snapshot lines of an earlier `sluice drift` run); "
                    + "default: a trailing baseline.")
    Path reference;

    @Option(names = "--reference-range", paramLabel = "FROM..TO",
            description = "Pin the reference to this input's windows starting in [FROM, TO) (epoch ms or ISO-8601).")
    String referenceRange;

    @Option(names = "--baseline-windows", defaultValue = "10", description = "Trailing baseline size in windows (default: ${DEFAULT-VALUE}).")
    int baselineWindows;

    @Option(names = "--out-of-orderness", defaultValue = "10s",
            description = "Watermark delay behind the largest event time seen (default: ${DEFAULT-VALUE}); "
                    + "records later than that are counted as late.")
    String outOfOrderness;

    @Option(names = "--min-count", defaultValue = "200", description = "Smallest window judged (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--raise-after", defaultValue = "2", description = "Consecutive windows over threshold to raise (default: ${DEFAULT-VALUE}).")
    int raiseAfter;

    @Option(names = "--clear-after", defaultValue = "2", description = "Consecutive windows under to clear (default: ${DEFAULT-VALUE}).")
    int clearAfter;

    @Option(names = "--policy", paramLabel = "P.yaml", description = "Policy YAML (default: the shipped policy); its target_mix drives --fill-gap.")
    Path policyFile;

    @Option(names = "--fill-gap", description = "Also write FILL_GAP requests for slices under the policy's target_mix.")
    boolean fillGap;

    @Option(names = "--no-sketches", description = "Leave serialized sketches out of snapshot lines (smaller output, "
            + "but it cannot serve as a --reference for numeric dimensions).")
    boolean noSketches;

    @Spec
    CommandSpec spec;

    private final JsonFactory json = new JsonFactory();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DriftConfig config;
        Policy policy;
        String policyYaml;
        try {
            policyYaml = policyFile == null ? PolicyLoader.defaultPolicyYaml() : Files.readString(policyFile, StandardCharsets.UTF_8);
            String origin = policyFile == null ? "classpath:" + PolicyLoader.DEFAULT_POLICY_RESOURCE : policyFile.toString();
            policy = new PolicyLoader().parse(policyYaml, origin);
            TargetMix mix = fillGap ? TargetMix.fromPolicyYaml(policyYaml, origin) : TargetMix.NONE;
            AlertRules d = AlertRules.defaults();
            config = DriftConfig.defaults().withWindow(Durations.parse(window))
                    .withRules(new AlertRules(d.raiseThreshold(), d.criticalThreshold(), d.clearThreshold(), d.alpha(),
                            minCount, raiseAfter, clearAfter, d.cooldownWindows()))
                    .withBaseline(baselineWindows, Math.min(3, baselineWindows))
                    .withTargetMix(mix);
        } catch (InvalidPolicyException e) {
            err.println("drift: " + e.getMessage());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("drift: " + e.getMessage());
            return 2;
        }
        DriftReference ref;
        try {
            ref = reference(config);
        } catch (IOException | IllegalArgumentException e) {
            err.println("drift: bad reference: " + e.getMessage());
            return 2;
        }
        if (!in.toString().equals("-") && !Files.isReadable(in)) {
            err.println("drift: cannot read --in " + in);
            return 2;
        }
        err.println("drift: " + in + " -> " + out + ", windows of " + window + ", reference: " + ref.describe());
        err.flush();
        Run run = new Run(config, new DriftMonitor(config, ref, policy.version(), PipelineVersion.current()),
                new DocumentScorer(policy), Durations.parse(outOfOrderness), err);
        try (InputStream input = JsonLinesFiles.open(in); OutputStream output = JsonLinesFiles.create(out);
                JsonGenerator gen = json.createGenerator(output)) {
            run.process(input, gen);
        } catch (IOException e) {
            err.println("drift: stopped after " + run.lines + " lines: " + e);
            return 1;
        }
        err.printf("drift: %,d records (%,d malformed, %,d late) in %,d windows: %,d snapshots, %,d alerts "
                        + "(%,d raised), %,d fill-gap requests%n", run.records, run.malformed, run.late, run.windowCount,
                run.snapshots, run.alerts, run.raised, run.fillGaps);
        err.flush();
        return 0;
    }

    private DriftReference reference(DriftConfig config) throws IOException {
        if (reference != null && referenceRange != null) {
            throw new IllegalArgumentException("--reference and --reference-range are alternatives; give one");
        }
        if (reference != null) {
            List<DistributionSnapshot> snapshots = new ArrayList<>();
            ObjectMapper mapper = new ObjectMapper();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(JsonLinesFiles.open(reference),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        JsonNode node = mapper.readTree(line);
                        if ("snapshot".equals(node.path("type").asText())) {
                            snapshots.add(snapshotFromJson(node));
                        }
                    }
                }
            }
            return PinnedReference.fromSnapshots(config.dimensions(), snapshots, reference.toString());
        }
        if (referenceRange != null) {
            String[] parts = referenceRange.split("\\.\\.", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--reference-range must look like FROM..TO");
            }
            return new RangeReference(instant(parts[0]), instant(parts[1]));
        }
        return new TrailingBaseline(config.baselineWindows(), config.baselineMinWindows(),
                config.rules().raiseAfter() - 1);
    }

    private static long instant(String s) {
        String t = s.trim();
        return t.matches("-?\\d+") ? Long.parseLong(t) : Instant.parse(t).toEpochMilli();
    }

    static DistributionSnapshot snapshotFromJson(JsonNode n) {
        Map<String, Long> categories = new LinkedHashMap<>();
        n.path("categories").fields().forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asLong()));
        Map<String, Double> quantiles = new LinkedHashMap<>();
        n.path("quantiles").fields().forEachRemaining(e -> quantiles.put(e.getKey(), e.getValue().asDouble()));
        String sketch = n.path("sketch").isTextual() ? n.path("sketch").asText() : null;
        return DistributionSnapshot.newBuilder()
                .setDimension(n.path("dimension").asText())
                .setWindowStart(Instant.ofEpochMilli(n.path("window_start").asLong()))
                .setWindowEnd(Instant.ofEpochMilli(n.path("window_end").asLong()))
                .setCount(n.path("count").asLong())
                .setLateCount(n.path("late_count").asLong())
                .setCategories(categories)
                .setQuantiles(quantiles)
                .setSketch(sketch == null ? null : ByteBuffer.wrap(Base64.getDecoder().decode(sketch)))
                .setSketchKind(n.path("sketch_kind").isTextual() ? n.path("sketch_kind").asText() : null)
                .build();
    }

    /** One pass: parse, score, window, judge, write. */
    private final class Run {
        private final DocumentScorer scorer;
        private final DriftMonitor monitor;
        private final EventTimeWindows windows;
        private final DriftFeatures features;
        private final long delay;
        private final PrintWriter err;
        private long maxEventTime = Long.MIN_VALUE;
        long lines;
        long records;
        long malformed;
        long late;
        long windowCount;
        long snapshots;
        long alerts;
        long raised;
        long fillGaps;

        Run(DriftConfig config, DriftMonitor monitor, DocumentScorer scorer, Duration delay, PrintWriter err) {
            this.scorer = scorer;
            this.monitor = monitor;
            this.windows = new EventTimeWindows(config);
            this.features = new DriftFeatures(config.dimensions());
            this.delay = delay.toMillis();
            this.err = err;
        }

        void process(InputStream input, JsonGenerator gen) throws IOException {
            ScoreCommand.LineReader line = new ScoreCommand.LineReader(input);
            while (line.next()) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                ScoreCommand.LineParser p = new ScoreCommand.LineParser(Long.MIN_VALUE, ScoreCommand.DEFAULT_MAX_TEXT_CHARS);
                ScoringResult result;
                try {
                    p.parse(json, line);
                    if (p.eventTime == Long.MIN_VALUE) {
                        throw new ScoreCommand.MalformedLineException("missing \"event_time\" (windows need it)");
                    }
                    result = scorer.score(p.toInput());
                } catch (ScoreCommand.MalformedLineException | RuntimeException e) {
                    malformed++;
                    if (malformed <= ScoreCommand.MAX_REPORTED_ERRORS) {
                        err.println("drift: line " + lines + ": " + e.getMessage());
                    }
                    continue;
                }
                records++;
                String source = p.source != null ? p.source : HttpUrls.host(p.url);
                features.extract(p.kind(), result.slice(), source, result.route(), result.reasons(), result.signals());
                if (!windows.add(p.eventTime, p.id, features.categories, features.numerics)) {
                    late++;
                }
                if (p.eventTime > maxEventTime) {
                    maxEventTime = p.eventTime;
                    // Flink's bounded-out-of-orderness watermark: max event time − delay − 1.
                    emit(windows.advance(maxEventTime - delay - 1), gen);
                }
            }
            emit(windows.flush(), gen);
        }

        private void emit(List<WindowAggregate> fired, JsonGenerator gen) throws IOException {
            for (WindowAggregate w : fired) {
                windowCount++;
                DriftMonitor.Report report = monitor.onWindow(w);
                for (DistributionSnapshot s : report.snapshots()) {
                    writeSnapshot(gen, s, !noSketches);
                    snapshots++;
                }
                for (DriftAlert a : report.alerts()) {
                    writeAlert(gen, a);
                    alerts++;
                    if (a.getState() == io.sluice.avro.AlertState.RAISED) {
                        raised++;
                    }
                }
                for (ResynthesisRequest r : report.fillGaps()) {
                    writeFillGap(gen, r);
                    fillGaps++;
                }
            }
        }
    }

    static void writeSnapshot(JsonGenerator g, DistributionSnapshot s, boolean withSketch) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "snapshot");
        g.writeStringField("dimension", s.getDimension());
        g.writeNumberField("window_start", s.getWindowStart().toEpochMilli());
        g.writeNumberField("window_end", s.getWindowEnd().toEpochMilli());
        g.writeNumberField("count", s.getCount());
        g.writeNumberField("late_count", s.getLateCount());
        if (!s.getCategories().isEmpty()) {
            g.writeObjectFieldStart("categories");
            for (Map.Entry<String, Long> e : s.getCategories().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!s.getQuantiles().isEmpty()) {
            writeDoubles(g, "quantiles", s.getQuantiles());
        }
        if (s.getMetrics() != null) {
            writeDoubles(g, "metrics", s.getMetrics());
            g.writeStringField("reference", s.getReference());
        }
        if (s.getSketchKind() != null) {
            g.writeStringField("sketch_kind", s.getSketchKind());
        }
        if (withSketch && s.getSketch() != null) {
            ByteBuffer b = s.getSketch().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            g.writeStringField("sketch", Base64.getEncoder().encodeToString(bytes));
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    static void writeAlert(JsonGenerator g, DriftAlert a) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "alert");
        g.writeStringField("alert_id", a.getAlertId());
        g.writeStringField("dimension", a.getDimension());
        g.writeStringField("state", a.getState().name());
        g.writeStringField("severity", a.getSeverity().name());
        g.writeNumberField("window_start", a.getWindowStart().toEpochMilli());
        g.writeNumberField("window_end", a.getWindowEnd().toEpochMilli());
        g.writeStringField("metric", a.getMetric());
        g.writeNumberField("value", round(a.getValue()));
        g.writeNumberField("threshold", a.getThreshold());
        g.writeStringField("reference", a.getReference());
        g.writeArrayFieldStart("top");
        for (DriftContribution c : a.getTop()) {
            g.writeStartObject();
            g.writeStringField("category", c.getCategory());
            g.writeNumberField("reference_share", round(c.getReferenceShare()));
            g.writeNumberField("current_share", round(c.getCurrentShare()));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (a.getMessage() != null) {
            g.writeStringField("message", a.getMessage());
        }
        if (a.getMetrics() != null) {
            writeDoubles(g, "metrics", a.getMetrics());
        }
        if (a.getCount() != null) {
            g.writeNumberField("count", a.getCount());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    static void writeFillGap(JsonGenerator g, ResynthesisRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "fill_gap");
        g.writeStringField("request_id", r.getRequestId());
        g.writeStringField("slice", r.getSlice());
        g.writeNumberField("wanted_count", r.getWantedCount());
        g.writeNumberField("priority", r.getPriority());
        g.writeArrayFieldStart("exemplar_ids");
        for (String id : r.getExemplarIds()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeStringField("instruction", r.getInstruction());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void writeDoubles(JsonGenerator g, String name, Map<String, Double> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            if (Double.isFinite(v)) {
                g.writeNumberField(e.getKey(), round(v));
            } else {
                g.writeNullField(e.getKey());
            }
        }
        g.writeEndObject();
    }

    /** Six significant digits: enough to compare, short enough to read. */
    private static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }
}
