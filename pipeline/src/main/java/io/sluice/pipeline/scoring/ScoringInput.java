package io.sluice.pipeline.scoring;

import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.RecordContext;
import java.util.Objects;

/**
 * One record to score, independent of where it came from (a Kafka record, a line of a file).
 *
 * @param id              producer-assigned id; may be null or blank, which the record checks flag
 * @param text            the raw text; never null
 * @param kind            synthetic or scraped; never null
 * @param eventTimeMillis event time, epoch milliseconds
 * @param language        language code, or null when unknown
 * @param domain          slice domain: the URL host for scraped records, the task type or requested
 *                        slice for synthetic ones; null for {@link SliceKey#GENERAL_DOMAIN}
 * @param url             the source URL of a scraped record, or null
 * @param context         record fields for provenance and synthetic-artifact signals; never null
 */
public record ScoringInput(String id, String text, SourceKind kind, long eventTimeMillis,
                           String language, String domain, String url, RecordContext context) {

    public ScoringInput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
    }

    /** An input without record context. */
    public ScoringInput(String id, String text, SourceKind kind, long eventTimeMillis, String language, String domain,
            String url) {
        this(id, text, kind, eventTimeMillis, language, domain, url, RecordContext.EMPTY);
    }
}
