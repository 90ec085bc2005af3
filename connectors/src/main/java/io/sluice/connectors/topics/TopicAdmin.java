package io.sluice.connectors.topics;

import io.sluice.connectors.kafka.KafkaSettings;
import io.sluice.connectors.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * Creates Sluice's topics and registers their value schemas. Idempotent: existing topics and
 * identical schemas are left as they are, so it is safe to run on every start. Topics must exist
 * before the job starts (auto-creation is off on well-run brokers, and the exactly-once sink
 * cannot create them).
 */
public final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * Creates every missing topic of {@code topics}; returns the names it created.
     *
     * @param partitions        partitions of new topics (the job's useful parallelism is bounded by it)
     * @param replicationFactor replication of new topics (1 only on a single-broker dev stack)
     */
    public static List<String> createMissing(KafkaSettings kafka, SluiceTopics topics, int partitions,
            short replicationFactor) {
        return createMissing(kafka, topics, partitions, replicationFactor, Map.of());
    }

    /** As above, with extra topic configs for every new topic (e.g. {@code message.timestamp.type}). */
    public static List<String> createMissing(KafkaSettings kafka, SluiceTopics topics, int partitions,
            short replicationFactor, Map<String, String> topicConfigs) {
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (SluiceTopics.TopicSpec spec : topics.all()) {
                if (!existing.contains(spec.name())) {
                    NewTopic topic = new NewTopic(spec.name(), partitions, replicationFactor);
                    Map<String, String> configs = new java.util.HashMap<>(topicConfigs);
                    if (spec.role().equals("policy")) {
                        // The latest policy is what matters; compaction keeps it forever, cheaply.
                        configs.put("cleanup.policy", "compact");
                    }
                    topic.configs(configs);
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create Sluice topics on " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers()
                    + " did not answer within 60 s; is it running and reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * The topics of {@code topics} that do not exist on the cluster, in {@link SluiceTopics#all()}
     * order. A job started without them idles on a missing input and, where brokers do not create
     * topics on first use, fails on every restart once its producer waits out a missing output.
     */
    public static List<String> missing(KafkaSettings kafka, SluiceTopics topics) {
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            return topics.all().stream().map(SluiceTopics.TopicSpec::name).filter(n -> !existing.contains(n)).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list the topics on " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers()
                    + " did not answer within 30 s; is it running and reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /**
     * The brokers' {@code transaction.max.timeout.ms} as one broker reports it, or -1 when it cannot
     * be read (no DescribeConfigs permission, say): a producer asking for a longer transaction
     * timeout cannot initialise its transactions.
     */
    public static long brokerTransactionTimeoutCapMillis(KafkaSettings kafka) {
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            var nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                return -1;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    Integer.toString(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get("transaction.max.timeout.ms");
            return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The brokers' state of each of {@code transactionalIds} they know ({@code Ongoing},
     * {@code CompleteCommit}, {@code CompleteAbort}, ...: {@link TransactionState#toString()}); ids
     * they do not know are left out. Empty when the brokers cannot be asked (no DescribeTransactions
     * permission, unreachable within 30 s).
     */
    public static Map<String, String> transactionStates(KafkaSettings kafka, List<String> transactionalIds) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            DescribeTransactionsResult result = admin.describeTransactions(transactionalIds);
            for (String id : transactionalIds) {
                try {
                    TransactionDescription description = result.description(id).get(30, TimeUnit.SECONDS);
                    states.put(id, description.state().toString());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                        return Map.of();
                    }
                }
            }
        } catch (TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return states;
    }

    /**
     * Registers the value schema of every Avro topic under {@code <topic>-value}; returns subject → id.
     * Fails (HTTP 409) if a registered schema would be broken by ours under the subject's
     * compatibility rule.
     */
    public static Map<String, Integer> registerSchemas(SchemaRegistryClient registry, SluiceTopics topics) {
        Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (SluiceTopics.TopicSpec spec : topics.all()) {
            if (spec.valueSchema() != null) {
                ids.put(spec.valueSubject(), registry.register(spec.valueSubject(), spec.valueSchema()));
            }
        }
        return ids;
    }
}
