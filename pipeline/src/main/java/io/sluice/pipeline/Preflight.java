package io.sluice.pipeline;

import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.connectors.topics.TopicAdmin;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Checks made before a job starts, for what would otherwise make it fail on every restart rather
 * than once: missing topics (a job reads nothing from a missing input, and its producer gives up
 * on a missing output after 60 s, where brokers do not create topics on first use) and a registry
 * that would refuse Sluice's output schemas (someone else's schema under a subject Sluice writes
 * to, with a binding compatibility rule: the encoders fail on their first record), and, for
 * exactly-once delivery, a transaction timeout above what the brokers allow, and a restart from a
 * checkpoint whose outputs the brokers have aborted ({@link RestoredTransactions}), which would lose
 * them silently. Used by
 * {@code sluice run} and {@link SluiceJob#main}; {@code job.preflight=false} skips it.
 */
public final class Preflight {
    private Preflight() {}

    /** What stands in the way of {@code config}'s job, one sentence each; empty when nothing does. */
    public static List<String> problems(SluiceJobConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> missing = TopicAdmin.missing(config.kafka(), config.topics());
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of the job's topics do not exist on " + config.kafka().bootstrapServers()
                    + ": " + String.join(", ", missing) + ". Create them with `sluice topics create` and the same"
                    + " settings, or skip this check (job.preflight=false) if your brokers create topics on first use.");
        }
        if (config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            long cap = TopicAdmin.brokerTransactionTimeoutCapMillis(config.kafka());
            long wanted = config.kafka().transactionTimeout().toMillis();
            if (cap > 0 && wanted > cap) {
                problems.add("the brokers cap transactions at " + cap + " ms (transaction.max.timeout.ms) and the"
                        + " job asks for " + wanted + " ms (kafka.transaction.timeout.ms): its exactly-once sink could"
                        + " not open a transaction. Lower kafka.transaction.timeout.ms to at most " + cap + " ms.");
            }
        }
        String restore = RestoredTransactions.problem(config);
        if (restore != null) {
            problems.add(restore);
        }
        List<String> incompatible = incompatibleOutputSubjects(config);
        if (!incompatible.isEmpty()) {
            problems.add("the registry at " + String.join(", ", config.registry().urls()) + " holds schemas that"
                    + " Sluice's outputs cannot follow under their subjects' compatibility rules: "
                    + String.join(", ", incompatible) + ". The job's encoders would fail on their first record, and"
                    + " again after every restart. Give Sluice's outputs topics of their own (topics.<role>), or let"
                    + " the registry's owner settle the subjects' history.");
        }
        return problems;
    }

    /**
     * Subjects Sluice registers its output schemas under (on first use) where the registry would
     * refuse them (HTTP 409). Subjects that producers and evaluators own (the inputs, feedback) are
     * theirs to evolve.
     */
    static List<String> incompatibleOutputSubjects(SluiceJobConfig config) {
        List<String> incompatible = new ArrayList<>();
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(config.registry())) {
            for (SluiceTopics.TopicSpec topic : config.topics().all()) {
                boolean written = topic.valueSchema() != null && !topic.role().startsWith("ingest.")
                        && !topic.role().equals("feedback");
                if (written && !registry.isCompatible(topic.valueSubject(), topic.valueSchema())) {
                    incompatible.add(topic.valueSubject());
                }
            }
        }
        return incompatible;
    }
}
