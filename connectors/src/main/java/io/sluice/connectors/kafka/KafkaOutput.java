package io.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    @Override
    public String toString() {
        return "KafkaOutput{" + topic + ", " + (value == null ? "null" : value.length + " bytes") + ", headers="
                + Arrays.toString(headerKeys) + "}";
    }
}
