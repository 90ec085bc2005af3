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
import io.sluice.pipeline.RecordNormalizer;
import io.sluice.pipeline.dedup.Duplication;
import io.sluice.pipeline.metrics.CurationMetrics;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.RecordContext;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * What both score-and-decide functions do with a record, whichever way their policy arrives (fixed
 * at start in {@link ScoreAndDecideFunction}, broadcast live in {@link LivePolicyScoreAndDecideFunction}):
 * score it with the shared plain-Java {@link DocumentScorer}, build the curated record with the
 * decision, and count it ({@link CurationMetrics}). Not serializable: each function builds one in {@code open}.
 *
 * <p>A scorer bug must not stop the stream or lose the record, so an exception while scoring
 * quarantines the record with reason {@code scoring_error} for an operator to look at.
 */
final class RecordRouter {
    private final CurationSettings settings;
    private final CurationMetrics metrics;
    private DocumentScorer scorer;
    private String policyVersion;
    /** The scoring result of the last record decided, for its repair request. */
    private ScoringResult lastResult;

    RecordRouter(CurationSettings settings, Policy policy, MetricGroup metrics) {
        this.settings = settings;
        this.scorer = new DocumentScorer(policy);
        this.policyVersion = policy.version();
        this.metrics = new CurationMetrics(metrics, settings.metrics().histogramSignals());
    }

    /** Decides the following records with {@code policy}; the signal families are kept unless it changes their lists. */
    void usePolicy(Policy policy) {
        scorer = scorer.withPolicy(policy);
        policyVersion = policy.version();
    }

    String policyVersion() {
        return policyVersion;
    }

    /** Scores and decides one record; its route is in the returned record's decision. */
    CuratedRecord decide(NormalizedRecord in) {
        long now = System.currentTimeMillis();
        CuratedRecord curated;
        lastResult = null;
        try {
            // The decode operator normalized the text (RecordNormalizer), so the scorer need not again.
            lastResult = scorer.scoreNormalized(new ScoringInput(in.getId(), in.getText(), in.getSourceKind(),
                    in.getEventTime().toEpochMilli(), in.getLanguage(), in.getDomain(), in.getUrl(),
                    context(RecordNormalizer.original(in)).withDuplication(duplication(in))));
            curated = curated(in, lastResult.outputText(), lastResult.signals(), lastResult.signalsVersion(),
                    lastResult.slice(), lastResult.route(), lastResult.reasons(), now);
        } catch (RuntimeException e) {
            ReasonCode reason = ReasonCode.newBuilder().setCode("scoring_error")
                    .setDetail(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            curated = curated(in, in.getText(), Map.of(), "n/a", in.getSourceKind().name().toLowerCase() + "/und/general",
                    Route.QUARANTINED, List.of(reason), now);
        }
        if (curated.getDecision().getRoute() == Route.RESYNTHESIS && in.getSourceKind() != SourceKind.SYNTHETIC) {
            // The policy validator forbids this; kept as a guard because a scraped page cannot be regenerated.
            curated.getDecision().setRoute(Route.QUARANTINED);
        }
        metrics.count(curated);
        return curated;
    }

    /** What the dedup stage found for {@code in}, if it ran. */
    static Duplication duplication(NormalizedRecord in) {
        if (in.getDupOf() == null) {
            return Duplication.NONE;
        }
        return new Duplication(in.getDupExact(), in.getDupBandMatches(), in.getDupOf());
    }

    /** The fields of the original record that provenance and synthetic-artifact signals read. */
    static RecordContext context(Object original) {
        if (original instanceof SyntheticRecord s) {
            return new RecordContext(null, s.getGeneratorModel(), s.getLineageDepth(), s.getPrompt(), s.getLanguage(), -1,
                    s.getFinishReason());
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
                .setOriginal(RecordNormalizer.original(in))
                .setProvenance(in.getProvenance())
                .setSignals(signals)
                .setSignalsVersion(signalsVersion)
                .setSlice(slice)
                .setDupOf(in.getDupOf())
                .setDecision(Decision.newBuilder()
                        .setRoute(route)
                        .setReasons(reasons)
                        .setPolicyVersion(policyVersion)
                        .setPipelineVersion(settings.pipelineVersion())
                        .setDecidedAt(java.time.Instant.ofEpochMilli(now))
                        .build())
                .build();
    }

    /** The REPAIR request for {@code curated}, the record {@link #decide} just routed to resynthesis. */
    ResynthesisRequest repairRequest(CuratedRecord curated) {
        long now = curated.getDecision().getDecidedAt().toEpochMilli();
        String instruction = lastResult != null && lastResult.repairInstruction() != null ? lastResult.repairInstruction()
                : "Regenerate this record; it failed: " + curated.getDecision().getReasons();
        return ResynthesisRequest.newBuilder()
                .setRequestId("repair-" + curated.getId())
                .setKind(ResynthesisKind.REPAIR)
                .setSlice(curated.getSlice())
                .setPriority(1)
                .setInstruction(instruction)
                .setRecord(curated)
                .setFailingSignals(lastResult != null ? lastResult.failingSignals() : Map.of())
                .setWantedCount(null)
                .setExemplarIds(List.of())
                .setPolicyVersion(curated.getDecision().getPolicyVersion())
                .setPipelineVersion(settings.pipelineVersion())
                .setCreatedAt(java.time.Instant.ofEpochMilli(now))
                .build();
    }
}
