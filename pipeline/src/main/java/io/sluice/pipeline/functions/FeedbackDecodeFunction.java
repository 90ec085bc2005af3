package io.sluice.pipeline.functions;

import io.sluice.avro.FeedbackEvent;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.pipeline.CurationSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes feedback events; one that cannot be decoded is logged with its coordinates and counted, never fatal. */
public final class FeedbackDecodeFunction extends ProcessFunction<KafkaInput, FeedbackEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDecodeFunction.class);

    private final CurationSettings settings;
    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroDecoder<FeedbackEvent> decoder;
    private transient Counter rejected;

    public FeedbackDecodeFunction(CurationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = settings.registry().create();
        decoder = new ConfluentAvroDecoder<>(registry, FeedbackEvent.class);
        rejected = getRuntimeContext().getMetricGroup().counter("feedbackRejected");
    }

    @Override
    public void processElement(KafkaInput in, Context ctx, Collector<FeedbackEvent> out) {
        if (in.value == null || in.value.length == 0) {
            return;
        }
        try {
            out.collect(decoder.decode(in.value));
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            rejected.inc();
            LOG.error("Feedback event {} cannot be decoded, skipped: {}", in.coordinates(), e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
