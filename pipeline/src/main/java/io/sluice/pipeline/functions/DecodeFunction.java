package io.sluice.pipeline.functions;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.DeadLetters;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentWireFormat;
import io.sluice.connectors.serde.DecodeException;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.RecordNormalizer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw input records (Confluent wire format, writer schema from the registry, resolved to
 * the current input schema) and normalizes both kinds into {@link NormalizedRecord}.
 *
 * <p>Never throws on bad input: empty, oversized, wrongly framed, unknown-schema, mismatched or
 * undecodable values, and records from a topic that is not an input, go to the dead-letter side
 * output with their original bytes and the stage that failed. A registry that cannot be reached
 * is different: that is an outage, not bad input, so it fails the task and Flink retries from the
 * last checkpoint instead of dead-lettering good records.
 */
public final class DecodeFunction extends ProcessFunction<KafkaInput, NormalizedRecord> {
    private static final long serialVersionUID = 1L;

    private final CurationSettings settings;
    private final OutputTag<KafkaOutput> deadLetters;

    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroDecoder<SyntheticRecord> syntheticDecoder;
    private transient ConfluentAvroDecoder<ScrapedRecord> scrapedDecoder;
    private transient Counter deadLettered;

    public DecodeFunction(CurationSettings settings, OutputTag<KafkaOutput> deadLetters) {
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = settings.registry().create();
        syntheticDecoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        scrapedDecoder = new ConfluentAvroDecoder<>(registry, ScrapedRecord.class);
        deadLettered = getRuntimeContext().getMetricGroup().counter("deadLettered");
    }

    @Override
    public void processElement(KafkaInput in, Context ctx, Collector<NormalizedRecord> out) {
        if (in.value == null || in.value.length == 0) {
            deadLetter(in, ctx, "wire-format", "EmptyValue",
                    "record " + in.coordinates() + " has an empty or null value; producers must send an Avro record");
            return;
        }
        if (in.value.length > settings.maxRecordBytes()) {
            deadLetter(in, ctx, "size", "OversizedRecord", "record " + in.coordinates() + " is " + in.value.length
                    + " bytes, above the limit of " + settings.maxRecordBytes() + " (curation.max.record.bytes; by default"
                    + " what its curated output, which holds the text twice, leaves room for under"
                    + " kafka.client.max.request.size)");
            return;
        }
        try {
            if (in.topic.equals(settings.topics().syntheticIngest())) {
                SyntheticRecord record = syntheticDecoder.decode(in.value);
                out.collect(RecordNormalizer.fromSynthetic(record, in, ConfluentWireFormat.schemaId(in.value)));
            } else if (in.topic.equals(settings.topics().scrapedIngest())) {
                ScrapedRecord record = scrapedDecoder.decode(in.value);
                out.collect(RecordNormalizer.fromScraped(record, in, ConfluentWireFormat.schemaId(in.value)));
            } else {
                deadLetter(in, ctx, "routing", "UnknownInputTopic", "record " + in.coordinates()
                        + " comes from a topic that is neither the synthetic nor the scraped input topic");
            }
        } catch (SchemaRegistryException e) {
            // Not this record's fault (registry down, auth, wrong URL): fail and retry from the checkpoint.
            throw e;
        } catch (DecodeException e) {
            deadLetter(in, ctx, e.stage(), e.getClass().getName(), "record " + in.coordinates() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Anything else the decoder or normalizer trips on is still this record's fault.
            // With its causes: what a chained operator throws arrives wrapped ("Could not forward element
            // to next operator"), and the cause is what an operator reading the dead letters needs.
            deadLetter(in, ctx, "normalize", e.getClass().getName(), "record " + in.coordinates() + ": " + withCauses(e));
        }
    }

    /** {@code e} and each of its causes, "outer <- cause <- root cause". */
    static String withCauses(Throwable e) {
        StringBuilder chain = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            chain.append(" <- ").append(c);
        }
        return chain.toString();
    }

    private void deadLetter(KafkaInput in, Context ctx, String stage, String exceptionClass, String message) {
        deadLettered.inc();
        ctx.output(deadLetters, DeadLetters.fitted(
                DeadLetters.of(in, settings.topics().deadletter(), stage, exceptionClass, message),
                settings.maxOutputBytes()));
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
