package io.sluice.connectors.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a {@link KafkaOutput} as it is: the pipeline has already chosen the topic and encoded
 * key, value and headers, so one sink (one transaction per checkpoint) serves every output topic.
 */
public final class KafkaOutputSerializationSchema implements KafkaRecordSerializationSchema<KafkaOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KafkaOutput out, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < out.headerKeys.length; i++) {
            headers.add(out.headerKeys[i], out.headerValues[i]);
        }
        Long ts = out.timestamp > 0 ? Long.valueOf(out.timestamp) : null;
        return new ProducerRecord<>(out.topic, null, ts, out.key, out.value, headers);
    }
}
