package io.sluice.pipeline.scoring;

import io.sluice.avro.SourceKind;
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
 */
public record ScoringInput(String id, String text, SourceKind kind, long eventTimeMillis,
                           String language, String domain, String url) {

    public ScoringInput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
