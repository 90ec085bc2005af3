package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.drift.DriftFeatures;
import java.io.Serializable;

/**
 * How a drift partial aggregator reads one output type: its event time, id and drift features. One
 * implementation per output stream, so the aggregators sit directly behind the score operator's
 * outputs and stay chained to it (no per-record network hop).
 */
public interface DriftRecordFeatures<T> extends Serializable {

    /** Event time (epoch ms) of the record, or {@link Long#MIN_VALUE} when it has none and is skipped. */
    long eventTime(T record);

    String id(T record);

    /** Fills {@code features} for the record. */
    void extract(T record, DriftFeatures features);

    /** Accepted and quarantined records. */
    static DriftRecordFeatures<CuratedRecord> curated() {
        return new Curated();
    }

    /** REPAIR requests, through the record they carry; FILL_GAP requests carry none and are skipped. */
    static DriftRecordFeatures<ResynthesisRequest> resynthesis() {
        return new Resynthesis();
    }

    /** Reads a curated record. */
    final class Curated implements DriftRecordFeatures<CuratedRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public long eventTime(CuratedRecord r) {
            // As the watermarks count it (EventTimeAssigner): a far-future event time at its append time.
            return EventTimeAssigner.trusted(r.getEventTime().toEpochMilli(), r.getProvenance().getIngestTime().toEpochMilli());
        }

        @Override
        public String id(CuratedRecord r) {
            return r.getId();
        }

        @Override
        public void extract(CuratedRecord r, DriftFeatures f) {
            f.extract(r.getSourceKind(), r.getSlice(), r.getProvenance().getSource(), r.getDecision().getRoute(),
                    r.getDecision().getReasons(), r.getSignals());
        }
    }

    /** Reads the record inside a REPAIR request. */
    final class Resynthesis implements DriftRecordFeatures<ResynthesisRequest> {
        private static final long serialVersionUID = 1L;
        private final Curated curated = new Curated();

        @Override
        public long eventTime(ResynthesisRequest r) {
            return r.getRecord() == null ? Long.MIN_VALUE : curated.eventTime(r.getRecord());
        }

        @Override
        public String id(ResynthesisRequest r) {
            return r.getRecord().getId();
        }

        @Override
        public void extract(ResynthesisRequest r, DriftFeatures f) {
            curated.extract(r.getRecord(), f);
        }
    }
}
