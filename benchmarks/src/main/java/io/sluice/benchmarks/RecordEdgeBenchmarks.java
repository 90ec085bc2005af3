package io.sluice.benchmarks;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.kafka.KafkaOutput;
import io.sluice.connectors.registry.InMemorySchemaRegistry;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.RecordNormalizer;
import io.sluice.pipeline.functions.EncodeFunction;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.types.SpecificRecordSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a record costs between the job's operators: the round trip of a normalized record over the
 * network edge from decoding to the live-policy scorer ({@code serializer}: {@code sluice}, the job's
 * own {@link SpecificRecordSerializer}, or {@code flink-avro}, Flink's {@code AvroSerializer}, which the
 * job used until 2026-11-29), and encoding the curated record with the job's encoder. {@code originalText} chooses how the
 * record carries the input's text: {@code once} as the job does (the original holds an empty text
 * when normalization changed nothing, {@link RecordNormalizer#original} puts it back), {@code twice}
 * as it did before, a second copy in the original. 256 Europarl documents of ~1.4 KB, cycled.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar RecordEdgeBenchmarks}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordEdgeBenchmarks {

    @Param({"once", "twice"})
    String originalText;

    @Param({"sluice", "flink-avro"})
    String serializer;

    private final List<NormalizedRecord> normalized = new ArrayList<>();
    private final List<CuratedRecord> curated = new ArrayList<>();
    private TypeSerializer<NormalizedRecord> edge;
    private final DataOutputSerializer edgeOut = new DataOutputSerializer(8192);
    private final DataInputDeserializer edgeIn = new DataInputDeserializer();
    private EncodeFunction<CuratedRecord> encode;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        boolean twice = originalText.equals("twice");
        edge = serializer.equals("sluice") ? new SpecificRecordSerializer<>(NormalizedRecord.class)
                : new AvroSerializer<>(NormalizedRecord.class);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        CurationSettings settings = new CurationSettings(SluiceTopics.defaults(), () -> registry, PolicyLoader.defaultPolicyYaml(),
                "classpath:" + PolicyLoader.DEFAULT_POLICY_RESOURCE, "bench", CurationSettings.DEFAULT_MAX_RECORD_BYTES);
        encode = new EncodeFunction<>(settings, "sluice.accepted", CuratedRecord.class, CuratedRecord::getId);
        encode.open(null);
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        List<String> texts = BenchmarkTexts.documents(256, 1400);
        for (int i = 0; i < texts.size(); i++) {
            SyntheticRecord input = SyntheticRecord.newBuilder().setId("id-" + i).setText(texts.get(i))
                    .setEventTime(Instant.now()).setGeneratorModel("bench").setTaskType("qa").build();
            NormalizedRecord record = RecordNormalizer.fromSynthetic(input,
                    new KafkaInput("sluice.ingest.synthetic", 0, i, 0L, null, new byte[0]), 1);
            // Both forms read back the same original; "twice" also sends the text in it.
            SyntheticRecord original = (SyntheticRecord) RecordNormalizer.original(record);
            if (twice) {
                record.setOriginalTextIsText(false);
                // A second instance, as a record deserialized with the text twice has.
                original.setText(new String(record.getText().toCharArray()));
            } else {
                original.setText("");
            }
            normalized.add(record);
            NormalizedRecord received = roundTrip(record);
            ScoringResult result = scorer.score(new ScoringInput(received.getId(), received.getText(),
                    SourceKind.SYNTHETIC, 0L, null, "qa", null));
            curated.add(BenchmarkRecords.acceptedSynthetic(received.getId(), result.outputText(),
                    received.getEventTime(), RecordNormalizer.original(received), received.getProvenance(), result));
        }
    }

    private NormalizedRecord roundTrip(NormalizedRecord record) {
        try {
            edgeOut.clear();
            edge.serialize(record, edgeOut);
            edgeIn.setBuffer(edgeOut.getSharedBuffer(), 0, edgeOut.length());
            return edge.deserialize(edgeIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int nextIndex() {
        next = (next + 1) & 255;
        return next;
    }

    /** Decode side's serialization and scorer side's deserialization of one normalized record. */
    @Benchmark
    public NormalizedRecord liveEdgeRoundTrip() {
        return roundTrip(normalized.get(nextIndex()));
    }

    /** The curated record to the Confluent wire format, as the job's encode operator does it. */
    @Benchmark
    public KafkaOutput encodeCurated() {
        return encode.map(curated.get(nextIndex()));
    }
}
