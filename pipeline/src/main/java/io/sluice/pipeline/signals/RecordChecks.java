package io.sluice.pipeline.signals;

import io.sluice.avro.SourceKind;
import java.util.List;

/**
 * Signals computed from record fields rather than text ({@code record.*}), each 1.0 when the defect
 * is present and 0.0 otherwise:
 * <ul>
 *   <li>{@code record.blank_id}: the id is null, empty or whitespace only;</li>
 *   <li>{@code record.bad_event_time}: the event time is {@code <= 0} (unset or pre-epoch, which no
 *       generator or crawler legitimately produces) or more than {@link #MAX_FUTURE_SKEW_MILLIS}
 *       ahead of the scoring time (a clock or unit error, e.g. seconds taken for microseconds);</li>
 *   <li>{@code record.bad_url}: a scraped record whose URL is present but not an absolute http(s) URL
 *       (see {@link HttpUrls#host}). An absent URL is not flagged: the stream schema makes it
 *       required, so absence only happens in offline files that simply do not carry it, and
 *       quarantining every such file would make the offline command useless. Synthetic records have
 *       no URL and always get 0.</li>
 * </ul>
 */
public final class RecordChecks implements SignalFamily {

    public static final String FAMILY = "record";
    public static final String BLANK_ID = "record.blank_id";
    public static final String BAD_EVENT_TIME = "record.bad_event_time";
    public static final String BAD_URL = "record.bad_url";

    /** How far ahead of the scoring time an event time may be: one day. */
    public static final long MAX_FUTURE_SKEW_MILLIS = 24L * 60 * 60 * 1000;

    private static final List<String> NAMES = List.of(BLANK_ID, BAD_EVENT_TIME, BAD_URL);

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(SignalInput in, SignalCollector out) {
        final String id = in.id();
        out.put(BLANK_ID, id == null || id.isBlank() ? 1.0 : 0.0);
        final long t = in.eventTimeMillis();
        out.put(BAD_EVENT_TIME, t <= 0 || t - in.nowMillis() > MAX_FUTURE_SKEW_MILLIS ? 1.0 : 0.0);
        final boolean badUrl = in.kind() == SourceKind.SCRAPED
                && in.url() != null
                && !HttpUrls.isAbsoluteHttp(in.url());
        out.put(BAD_URL, badUrl ? 1.0 : 0.0);
    }
}
