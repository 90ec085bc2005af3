package io.sluice.connectors.topics;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Every topic Sluice reads or writes, declared once: its configurable name and its value type.
 * Nothing else in the code base spells a topic name. Immutable and serializable so Flink functions
 * can carry it.
 *
 * <p>Configuration keys are {@code topics.<role>} (for example {@code topics.accepted}); unset
 * roles keep their {@code sluice.*} default.
 */
public record SluiceTopics(
        String syntheticIngest,
        String scrapedIngest,
        String accepted,
        String quarantined,
        String resynthesis,
        String deadletter,
        String drift,
        String snapshots,
        String policy,
        String feedback,
        String interventions) implements Serializable {

    public SluiceTopics {
        List<String> names = List.of(syntheticIngest, scrapedIngest, accepted, quarantined, resynthesis,
                deadletter, drift, snapshots, policy, feedback, interventions);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every Sluice topic needs a name; got a blank one in " + names);
            }
            if (!seen.add(name)) {
                // Two roles on one topic would mix record types and break "exactly one output".
                throw new IllegalArgumentException("topic '" + name + "' is configured for two roles; give each role its own topic");
            }
        }
    }

    /** The documented default names. */
    public static SluiceTopics defaults() {
        return new SluiceTopics("sluice.ingest.synthetic", "sluice.ingest.scraped", "sluice.accepted",
                "sluice.quarantined", "sluice.resynthesis", "sluice.deadletter", "sluice.drift",
                "sluice.snapshots", "sluice.policy", "sluice.feedback", "sluice.interventions");
    }

    /** Defaults overridden by {@code topics.<role>} keys, e.g. {@code topics.accepted=curated.v1}. */
    public static SluiceTopics fromMap(Map<String, String> config) {
        SluiceTopics d = defaults();
        return new SluiceTopics(
                config.getOrDefault("topics.ingest.synthetic", d.syntheticIngest),
                config.getOrDefault("topics.ingest.scraped", d.scrapedIngest),
                config.getOrDefault("topics.accepted", d.accepted),
                config.getOrDefault("topics.quarantined", d.quarantined),
                config.getOrDefault("topics.resynthesis", d.resynthesis),
                config.getOrDefault("topics.deadletter", d.deadletter),
                config.getOrDefault("topics.drift", d.drift),
                config.getOrDefault("topics.snapshots", d.snapshots),
                config.getOrDefault("topics.policy", d.policy),
                config.getOrDefault("topics.feedback", d.feedback),
                config.getOrDefault("topics.interventions", d.interventions));
    }

    /** One topic with its value type; {@code valueSchema} is null for the dead-letter topic (raw bytes). */
    public record TopicSpec(String role, String name, Schema valueSchema) {
        /** The registry subject of the value schema (TopicNameStrategy). */
        public String valueSubject() {
            return name + "-value";
        }
    }

    /** All topics with their value schemas, in a stable order. */
    public List<TopicSpec> all() {
        return List.of(
                new TopicSpec("ingest.synthetic", syntheticIngest, SyntheticRecord.getClassSchema()),
                new TopicSpec("ingest.scraped", scrapedIngest, ScrapedRecord.getClassSchema()),
                new TopicSpec("accepted", accepted, CuratedRecord.getClassSchema()),
                new TopicSpec("quarantined", quarantined, CuratedRecord.getClassSchema()),
                new TopicSpec("resynthesis", resynthesis, ResynthesisRequest.getClassSchema()),
                new TopicSpec("deadletter", deadletter, null),
                new TopicSpec("drift", drift, DriftAlert.getClassSchema()),
                new TopicSpec("snapshots", snapshots, DistributionSnapshot.getClassSchema()),
                new TopicSpec("policy", policy, PolicyUpdate.getClassSchema()),
                new TopicSpec("feedback", feedback, FeedbackEvent.getClassSchema()),
                new TopicSpec("interventions", interventions, InterventionRecord.getClassSchema()));
    }

    /** The four topics every input record ends in exactly one of. */
    public List<String> terminalOutputs() {
        return List.of(accepted, quarantined, resynthesis, deadletter);
    }

    /** Subject of a topic's value schema (TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
