package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Decision;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.Route;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.RecordContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores a normalized record with the shared plain-Java {@link DocumentScorer} and routes it by
 * the policy's decision: accepted records on the main output, quarantined records and REPAIR
 * resynthesis requests on side outputs. Exactly one output per input, always.
 *
 * <p>A scorer bug must not stop the stream or lose the record, so an exception while scoring
 * quarantines the record with reason {@code scoring_error} for an operator to look at.
 */
public final class ScoreAndDecideFunction extends ProcessFunction<NormalizedRecord, CuratedRecord> {
    private static final long serialVersionUID = 1L;

    private final CurationSettings settings;
    private final OutputTag<CuratedRecord> quarantined;
    private final OutputTag<ResynthesisRequest> resynthesis;

    private transient DocumentScorer scorer;
    private transient String policyVersion;
    private transient Map<Route, Counter> routeCounters;

    public ScoreAndDecideFunction(CurationSettings settings, OutputTag<CuratedRecord> quarantined,
            OutputTag<ResynthesisRequest> resynthesis) {
        this.settings = settings;
        this.quarantined = quarantined;
        this.resynthesis = resynthesis;
    }

    @Override
    public void open(OpenContext openContext) {
        var policy = new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin());
        scorer = new DocumentScorer(policy);
        policyVersion = policy.version();
        routeCounters = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            routeCounters.put(route, getRuntimeContext().getMetricGroup().addGroup("route", route.name().toLowerCase())
                    .counter("records"));
        }
    }

    @Override
    public void processElement(NormalizedRecord in, Context ctx, Collector<CuratedRecord> out) {
        long now = System.currentTimeMillis();
        CuratedRecord curated;
        ScoringResult result = null;
        try {
            result = scorer.score(new ScoringInput(in.getId(), in.getText(), in.getSourceKind(), in.getEventTime().toEpochMilli(),
                    in.getLanguage(), in.getDomain(), in.getUrl(), context(in.getOriginal())));
            curated = curated(in, result.outputText(), result.signals(), result.signalsVersion(), result.slice(),
                    result.route(), result.reasons(), now);
        } catch (RuntimeException e) {
            ReasonCode reason = ReasonCode.newBuilder().setCode("scoring_error")
                    .setDetail(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            curated = curated(in, in.getText(), Map.of(), "n/a", in.getSourceKind().name().toLowerCase() + "/und/general",
                    Route.QUARANTINED, List.of(reason), now);
        }
        Route route = curated.getDecision().getRoute();
        if (route == Route.RESYNTHESIS && in.getSourceKind() != SourceKind.SYNTHETIC) {
            // The policy validator forbids this; kept as a guard because a scraped page cannot be regenerated.
            curated.getDecision().setRoute(Route.QUARANTINED);
            route = Route.QUARANTINED;
        }
        routeCounters.get(route).inc();
        switch (route) {
            case ACCEPTED -> out.collect(curated);
            case QUARANTINED -> ctx.output(quarantined, curated);
            case RESYNTHESIS -> ctx.output(resynthesis, repairRequest(curated, result, now));
        }
    }

    /** The fields of the original record that provenance and synthetic-artifact signals read. */
    static RecordContext context(Object original) {
        if (original instanceof SyntheticRecord s) {
            return new RecordContext(null, s.getGeneratorModel(), s.getLineageDepth(), s.getPrompt(), s.getLanguage(), -1);
        }
        if (original instanceof ScrapedRecord s) {
            return new RecordContext(s.getLicense(), null, 0, null, null,
                    s.getFetchTime() == null ? -1 : s.getFetchTime().toEpochMilli());
        }
        return RecordContext.EMPTY;
    }

    private CuratedRecord curated(NormalizedRecord in, String text, Map<String, Double> signals, String signalsVersion,
            String slice, Route route, List<ReasonCode> reasons, long now) {
        return CuratedRecord.newBuilder()
                .setId(in.getId())
                .setText(text)
                .setSourceKind(in.getSourceKind())
                .setEventTime(in.getEventTime())
                .setOriginal(in.getOriginal())
                .setProvenance(in.getProvenance())
                .setSignals(signals)
                .setSignalsVersion(signalsVersion)
                .setSlice(slice)
                .setDecision(Decision.newBuilder()
                        .setRoute(route)
                        .setReasons(reasons)
                        .setPolicyVersion(policyVersion)
                        .setPipelineVersion(settings.pipelineVersion())
                        .setDecidedAt(java.time.Instant.ofEpochMilli(now))
                        .build())
                .build();
    }

    private ResynthesisRequest repairRequest(CuratedRecord curated, ScoringResult result, long now) {
        String instruction = result.repairInstruction() != null ? result.repairInstruction()
                : "Regenerate this record; it failed: " + curated.getDecision().getReasons();
        return ResynthesisRequest.newBuilder()
                .setRequestId("repair-" + curated.getId())
                .setKind(ResynthesisKind.REPAIR)
                .setSlice(curated.getSlice())
                .setPriority(1)
                .setInstruction(instruction)
                .setRecord(curated)
                .setFailingSignals(result.failingSignals())
                .setWantedCount(null)
                .setExemplarIds(List.of())
                .setPolicyVersion(policyVersion)
                .setPipelineVersion(settings.pipelineVersion())
                .setCreatedAt(java.time.Instant.ofEpochMilli(now))
                .build();
    }
}
