package io.sluice.pipeline.functions;

import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.pipeline.CurationSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the records of a control topic (policy updates, feedback) that are not curated records:
 * one that cannot be decoded or used is logged with its coordinates and why, counted, and skipped,
 * never fatal; a registry failure is not the record's fault and fails the task, to be retried from
 * the checkpoint. Empty values (compaction tombstones) are skipped silently.
 */
abstract class ControlRecordDecodeFunction<T extends SpecificRecord> extends ProcessFunction<KafkaInput, T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlRecordDecodeFunction.class);

    private final CurationSettings settings;
    private final Class<T> type;
    private final String rejectedCounter;

    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroDecoder<T> decoder;
    private transient Counter rejected;

    ControlRecordDecodeFunction(CurationSettings settings, Class<T> type, String rejectedCounter) {
        this.settings = settings;
        this.type = type;
        this.rejectedCounter = rejectedCounter;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = settings.registry().create();
        decoder = new ConfluentAvroDecoder<>(registry, type);
        rejected = getRuntimeContext().getMetricGroup().counter(rejectedCounter);
    }

    @Override
    public void processElement(KafkaInput in, Context ctx, Collector<T> out) {
        if (in.value == null || in.value.length == 0) {
            return;
        }
        T value;
        try {
            value = decoder.decode(in.value);
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            reject(in, "it cannot be decoded as a " + type.getSimpleName() + ": " + e.getMessage());
            return;
        }
        String problem = problem(value);
        if (problem != null) {
            reject(in, problem);
            return;
        }
        out.collect(value);
    }

    /** Why a decoded {@code value} cannot be used, or null when it can. */
    abstract String problem(T value);

    private void reject(KafkaInput in, String why) {
        rejected.inc();
        LOG.error("{} {} skipped: {}", type.getSimpleName(), in.coordinates(), why);
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
