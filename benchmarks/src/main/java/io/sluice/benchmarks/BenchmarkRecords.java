package io.sluice.benchmarks;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Decision;
import io.sluice.avro.Provenance;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.scoring.ScoringResult;
import java.time.Instant;

/** Curated records for the benchmarks that encode them, built the same way in each. */
final class BenchmarkRecords {
    private BenchmarkRecords() {}

    /** An accepted synthetic record with {@code text} as curated, the scorer's signals and reasons. */
    static CuratedRecord acceptedSynthetic(String id, String text, Instant eventTime, Object original,
            Provenance provenance, ScoringResult result) {
        return CuratedRecord.newBuilder().setId(id).setText(text)
                .setSourceKind(SourceKind.SYNTHETIC).setEventTime(eventTime).setOriginal(original)
                .setProvenance(provenance)
                .setSignals(result.signals()).setSignalsVersion(result.signalsVersion()).setSlice(result.slice())
                .setDecision(Decision.newBuilder().setRoute(Route.ACCEPTED).setReasons(result.reasons())
                        .setPolicyVersion(result.policyVersion()).setPipelineVersion("bench")
                        .setDecidedAt(Instant.now()).build())
                .build();
    }
}
