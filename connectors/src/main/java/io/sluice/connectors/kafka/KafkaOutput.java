package io.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * One record ready to be written: target topic, key, value bytes and headers. Every route of the
 * job is turned into this type before the single exactly-once sink, so one Kafka transaction
 * covers all output topics of a checkpoint.
 *
 * <p>Headers are two parallel arrays rather than a map so the type stays a Flink POJO of basic
 * and array types (no Kryo fallback).
 */
public class KafkaOutput {
    public String topic;
    public byte[] key;
    public byte[] value;
    /** Epoch ms; 0 or less lets the producer assign it. */
    public long timestamp;
    public String[] headerKeys = new String[0];
    public byte[][] headerValues = new byte[0][];

    public KafkaOutput() {}

    public KafkaOutput(String topic, byte[] key, byte[] value, long timestamp) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    /** Appends a UTF-8 header; returns this for chaining. */
    public KafkaOutput withHeader(String headerKey, String headerValue) {
        int n = headerKeys.length;
        headerKeys = Arrays.copyOf(headerKeys, n + 1);
        headerValues = Arrays.copyOf(headerValues, n + 1);
        headerKeys[n] = headerKey;
        headerValues[n] = headerValue == null ? null : headerValue.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The value of the first header with this key, decoded as UTF-8, or null. */
    public String header(String headerKey) {
        for (int i = 0; i < headerKeys.length; i++) {
            if (headerKeys[i].equals(headerKey)) {
                return headerValues[i] == null ? null : new String(headerValues[i], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The size the producer checks against its {@code max.request.size} before sending this record
     * (Kafka's own upper bound for a batch holding only this record, headers included). A record over
     * that limit fails the send, and with it the sink and the job, again after every restart: outputs
     * are checked against it before they reach the sink.
     */
    public int sizeUpperBound() {
        Header[] headers = new Header[headerKeys.length];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = new RecordHeader(headerKeys[i], headerValues[i]);
        }
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, value, headers);
    }

    @Override
    public String toString() {
        return "KafkaOutput{" + topic + ", " + (value == null ? "null" : value.length + " bytes") + ", headers="
                + Arrays.toString(headerKeys) + "}";
    }
}
