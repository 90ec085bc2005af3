package io.sluice.cli.demo;

import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.learning.SliceArm;
import io.sluice.pipeline.learning.SliceInterventionSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's stand-in for a training team: every tick it "trains and evaluates" a model on the data
 * the policy in force produces and publishes the result per learned slice, naming that policy version
 * and the slice, as a real evaluation pipeline would. The result is the true accuracy the demo gives
 * the arm in force in the slice, plus Gaussian noise, so the learner's job is known: find each
 * slice's best arm. Before the learner has put any of its policies in force, the base policy is what
 * decides, and the results name each slice's first arm (the one that changes nothing).
 *
 * <p>Not a model of real training: it shows the loop (results in, ledger and policy updates out)
 * with an answer the operator can check on the console.
 */
public final class SimulatedEvaluator implements AutoCloseable {
    /** The metric the demo's learner optimizes. */
    public static final String METRIC = "val_accuracy";

    private final SliceInterventionSet set;
    private final Map<String, Double> trueAccuracy;
    private final double noise;
    private final Random random;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConfluentAvroSerializer<FeedbackEvent> serializer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    /** Evaluations so far by arm id: which arms the learner kept in force, and how often. */
    private final Map<String, Long> evaluationsByArm = new ConcurrentHashMap<>();
    private volatile String versionInForce;

    /**
     * @param trueAccuracy the accuracy a model trained under each arm reaches, by arm id (every arm)
     * @param noise        standard deviation of the evaluation noise
     */
    public SimulatedEvaluator(String bootstrapServers, SchemaRegistryClient registry, SluiceTopics topics,
            SliceInterventionSet set, Map<String, Double> trueAccuracy, double noise, long seed) {
        this.set = set;
        this.trueAccuracy = Map.copyOf(trueAccuracy);
        for (SliceInterventionSet.Slice s : set.slices()) {
            for (SliceArm arm : s.arms()) {
                Objects.requireNonNull(this.trueAccuracy.get(arm.id()), () -> "no true accuracy for arm " + arm.id());
            }
        }
        this.noise = noise;
        this.random = new Random(seed);
        this.topic = topics.feedback();
        this.serializer = new ConfluentAvroSerializer<>(registry, SluiceTopics.valueSubject(topic), FeedbackEvent.class);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Follows the policy topic: the latest update is what the next evaluation trains under. */
    public void onPolicyUpdate(PolicyUpdate update) {
        versionInForce = update.getPolicyVersion();
    }

    /** One round of evaluations, one result per learned slice; {@code log} gets a line per result. */
    public void evaluateOnce(Consumer<String> log) {
        // Before the learner's first update the base policy decides, with each slice at its arm that
        // changes nothing; the result names only the version trained under, as a real evaluator's would.
        String version = versionInForce != null ? versionInForce : set.baseVersion();
        int[] arms = set.decode(version);
        if (arms == null) {
            arms = set.baseArms();
        }
        for (int s = 0; s < set.slices().size(); s++) {
            SliceInterventionSet.Slice slice = set.slices().get(s);
            SliceArm arm = slice.arms().get(Math.max(arms[s], 0));
            double value = trueAccuracy.get(arm.id()) + noise * random.nextGaussian();
            evaluationsByArm.merge(arm.id(), 1L, Long::sum);
            String eventId = "demo-eval-" + sent.incrementAndGet();
            FeedbackEvent event = FeedbackEvent.newBuilder()
                    .setEventId(eventId)
                    .setInterventionId(null)
                    .setPolicyVersion(version)
                    .setSlice(slice.pattern())
                    .setMetric(METRIC)
                    .setValue(value)
                    .setHigherIsBetter(true)
                    .setModelId("demo-model-" + sent.get())
                    .setEvaluatedAt(Instant.now())
                    .build();
            producer.send(new ProducerRecord<>(topic, eventId.getBytes(StandardCharsets.UTF_8), serializer.serialize(event)));
            log.accept(String.format("EVAL %s under %s: %s %.4f", slice.pattern(), arm.id(), METRIC, value));
        }
        producer.flush();
    }

    /** The policy version the latest update put in force (null before the first). */
    public String versionInForce() {
        return versionInForce;
    }

    /**
     * Evaluations so far by arm id, sorted: Thompson sampling keeps testing the other arms now and
     * then, so the policy in force at any one moment may be such a test, but the best arm of a slice
     * is the one evaluated most once the learner has settled.
     */
    public Map<String, Long> evaluationsByArm() {
        return new TreeMap<>(evaluationsByArm);
    }

    /** Results published so far. */
    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
