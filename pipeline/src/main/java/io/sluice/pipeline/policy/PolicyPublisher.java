package io.sluice.pipeline.policy;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.kafka.SingleRecordPublisher;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.drift.TargetMix;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a policy to the policy topic, where running jobs pick it up (see
 * {@code LivePolicyScoreAndDecideFunction}). The document is validated first, with the same loader
 * the job uses, so a policy that would be rejected never reaches the topic. Every update has the
 * same key, so the compacted topic keeps the latest one for jobs that start later.
 */
public final class PolicyPublisher {
    /** The key of every policy update: one policy is in force at a time. */
    public static final String KEY = "policy";

    private PolicyPublisher() {}

    /** What was published and where. */
    public record Published(String version, String topic, int partition, long offset) {}

    /**
     * Validates {@code yaml} and returns the update that would be published.
     *
     * @throws InvalidPolicyException listing every problem of the policy or its target mix
     */
    public static PolicyUpdate validated(String yaml, String origin, String author, String reason, Instant now) {
        Policy policy = new PolicyLoader().parse(yaml, origin);
        TargetMix.fromPolicyYaml(yaml, origin);
        return PolicyUpdate.newBuilder()
                .setPolicyVersion(policy.version())
                .setPolicyYaml(yaml)
                .setPublishedAt(now)
                .setAuthor(author)
                .setReason(reason)
                .setInterventionId(null)
                .build();
    }

    /** Publishes {@code update} (registering its schema under the topic's value subject) and waits for the broker's ack. */
    public static Published publish(KafkaSettings kafka, SchemaRegistryClient registry, String topic, PolicyUpdate update,
            Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        SingleRecordPublisher.Published p = SingleRecordPublisher.publish(kafka, registry, topic, KEY, update,
                PolicyUpdate.class, timeout);
        return new Published(update.getPolicyVersion(), p.topic(), p.partition(), p.offset());
    }
}
