package io.sluice.benchmarks;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Provenance;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.registry.InMemorySchemaRegistry;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.SignalFamily;
import io.sluice.pipeline.signals.SignalInput;
import io.sluice.pipeline.signals.SignalRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-record cost of each hot operator of the job on real text, so a throughput regression in
 * {@code sluice bench} can be pinned on its cause: wire-format decode, each signal family, policy
 * evaluation, the whole scorer, and encoding the curated output. Each invocation processes one
 * document, cycling through 256 Europarl documents of ~1.4 KB.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar OperatorBenchmarks}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OperatorBenchmarks {

    @Param({"1400"})
    int docBytes;

    private List<String> texts;
    private byte[][] encodedInputs;
    private List<CuratedRecord> curated;
    private ConfluentAvroDecoder<SyntheticRecord> decoder;
    private ConfluentAvroSerializer<CuratedRecord> serializer;
    private DocumentScorer scorer;
    private Policy policy;
    private List<SignalFamily> families;
    private List<java.util.Map<String, Double>> signalMaps;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        texts = BenchmarkTexts.documents(256, docBytes);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        var inputSerializer = new ConfluentAvroSerializer<>(registry, "in-value", SyntheticRecord.class);
        decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        serializer = new ConfluentAvroSerializer<>(registry, "out-value", CuratedRecord.class);
        policy = new PolicyLoader().loadDefault();
        scorer = new DocumentScorer(policy);
        families = SignalRegistry.standard().families();
        encodedInputs = new byte[texts.size()][];
        curated = new ArrayList<>();
        signalMaps = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            SyntheticRecord record = SyntheticRecord.newBuilder().setId("id-" + i).setText(texts.get(i))
                    .setEventTime(Instant.now()).setGeneratorModel("bench").setTaskType("qa").build();
            encodedInputs[i] = inputSerializer.serialize(record);
            ScoringResult result = scorer.score(input(i));
            signalMaps.add(result.signals());
            curated.add(BenchmarkRecords.acceptedSynthetic(record.getId(), result.normalizedText(),
                    record.getEventTime(), record, Provenance.newBuilder().setTopic("t").setPartition(0).setOffset(i)
                            .setWriterSchemaId(1).setIngestTime(Instant.now()).build(), result));
        }
    }

    private ScoringInput input(int i) {
        return new ScoringInput("id-" + i, texts.get(i), SourceKind.SYNTHETIC, System.currentTimeMillis(), null, "qa", null);
    }

    private int nextIndex() {
        next = (next + 1) & 255;
        return next;
    }

    @Benchmark
    public SyntheticRecord decode() {
        return decoder.decode(encodedInputs[nextIndex()]);
    }

    @Benchmark
    public void signalFamilies(Blackhole bh) {
        int i = nextIndex();
        SignalInput in = new SignalInput("id", texts.get(i), SourceKind.SYNTHETIC, System.currentTimeMillis(), null,
                System.currentTimeMillis());
        for (SignalFamily family : families) {
            family.compute(in, (name, value) -> bh.consume(value));
        }
    }

    @Benchmark
    public Object policyDecision() {
        return policy.decide(SourceKind.SYNTHETIC, "synthetic/und/qa", signalMaps.get(nextIndex()));
    }

    @Benchmark
    public ScoringResult scoreDocument() {
        return scorer.score(input(nextIndex()));
    }

    @Benchmark
    public byte[] encodeCurated() {
        return serializer.serialize(curated.get(nextIndex()));
    }
}
