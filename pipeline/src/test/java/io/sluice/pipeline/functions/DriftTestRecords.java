package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Decision;
import io.sluice.avro.Provenance;
import io.sluice.avro.Route;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftDimensions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Curated records and a drift configuration for the drift operator tests. */
final class DriftTestRecords {
    static final DriftConfig CONFIG = DriftConfig.defaults().withWindow(Duration.ofSeconds(10));
    static final DriftDimensions DIMS = CONFIG.dimensions();

    private DriftTestRecords() {}

    static CuratedRecord curated(String id, long eventTime, String lang, Route route, double chars) {
        ScrapedRecord original = ScrapedRecord.newBuilder().setId(id).setText("t").setEventTime(Instant.ofEpochMilli(eventTime))
                .setUrl("https://example.org/" + id).build();
        return CuratedRecord.newBuilder()
                .setId(id).setText("t").setSourceKind(SourceKind.SCRAPED).setEventTime(Instant.ofEpochMilli(eventTime))
                .setOriginal(original)
                .setProvenance(Provenance.newBuilder().setTopic("in").setPartition(0).setOffset(1).setWriterSchemaId(1)
                        .setSource("example.org").setIngestTime(Instant.ofEpochMilli(eventTime)).build())
                .setSignals(Map.of("text.char_count", chars, "text.alpha_char_ratio", 0.8, "text.mean_word_length", 5.0))
                .setSignalsVersion("v1")
                .setSlice("scraped/" + lang + "/example.org")
                .setDecision(Decision.newBuilder().setRoute(route).setReasons(List.of()).setPolicyVersion("p")
                        .setPipelineVersion("t").setDecidedAt(Instant.ofEpochMilli(eventTime)).build())
                .build();
    }
}
