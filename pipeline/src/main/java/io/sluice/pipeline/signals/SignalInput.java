package io.sluice.pipeline.signals;

import io.sluice.avro.SourceKind;
import java.util.Objects;

/**
 * What a {@link SignalFamily} sees of one record: its normalized text plus the record fields that
 * record-level checks need.
 *
 * <p>{@code nowMillis} is passed in rather than read from a clock inside the families so that the
 * signals of a record are a pure function of this value, which keeps tests and replays deterministic.
 *
 * @param id              producer-assigned id; may be null or blank (that is itself a signal)
 * @param text            the normalized text (see {@code TextNormalizer}); never null
 * @param kind            where the record came from
 * @param eventTimeMillis event time, epoch milliseconds
 * @param url             the source URL for scraped records; null when the input has none
 * @param nowMillis       the scoring time, epoch milliseconds
 * @param context         license, generator, lineage, prompt, requested language, fetch time; never null
 */
public record SignalInput(
        String id, String text, SourceKind kind, long eventTimeMillis, String url, long nowMillis,
        RecordContext context) {

    public SignalInput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
    }

    /** An input without record context. */
    public SignalInput(String id, String text, SourceKind kind, long eventTimeMillis, String url, long nowMillis) {
        this(id, text, kind, eventTimeMillis, url, nowMillis, RecordContext.EMPTY);
    }
}
