package io.sluice.pipeline.functions;

import io.sluice.avro.internal.NormalizedRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a decoded record: its own {@code event_time}, not the Kafka timestamp. The source
 * only has raw bytes, so timestamps and watermarks are assigned right after decoding.
 */
public final class EventTimeAssigner implements SerializableTimestampAssigner<NormalizedRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(NormalizedRecord record, long kafkaTimestamp) {
        return record.getEventTime().toEpochMilli();
    }
}
