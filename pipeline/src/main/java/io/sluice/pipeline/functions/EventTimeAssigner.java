package io.sluice.pipeline.functions;

import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.signals.RecordChecks;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a decoded record: its own {@code event_time}, not the Kafka timestamp, unless that
 * cannot be true. The source only has raw bytes, so timestamps and watermarks are assigned right
 * after decoding.
 */
public final class EventTimeAssigner implements SerializableTimestampAssigner<NormalizedRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(NormalizedRecord record, long kafkaTimestamp) {
        return trusted(record.getEventTime().toEpochMilli(), record.getProvenance().getIngestTime().toEpochMilli());
    }

    /**
     * The time a record counts at in watermarks and drift windows: its event time, or the time
     * Kafka appended it when the event time is unset or more than
     * {@link RecordChecks#MAX_FUTURE_SKEW_MILLIS} after that (a clock or unit error: microseconds
     * read as milliseconds are 50,000 years ahead). Watermarks follow the largest time seen, so one
     * such record would make every later record late and stop drift for all until a restart, and
     * each would open a window of its own that no watermark ever closes. The policy quarantines it
     * anyway ({@code record.bad_event_time}); here it is counted when it arrived. The append time is
     * the anchor because a broker bounds it (Kafka 4's {@code log.message.timestamp.after.max.ms}:
     * one hour ahead by default) and a replay sees the same value.
     */
    public static long trusted(long eventTimeMillis, long ingestTimeMillis) {
        if (ingestTimeMillis <= 0) {
            // No usable append time (a producer may set 0, which brokers accept): nothing better to go by.
            return eventTimeMillis;
        }
        if (eventTimeMillis <= 0 || eventTimeMillis - ingestTimeMillis > RecordChecks.MAX_FUTURE_SKEW_MILLIS) {
            return ingestTimeMillis;
        }
        return eventTimeMillis;
    }
}
