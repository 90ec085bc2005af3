package io.sluice.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach Kafka: bootstrap servers plus any client properties (security protocol, SASL,
 * TLS stores). Secrets may sit in {@code clientProperties}; {@link #toString()} masks every
 * property whose name suggests a secret so this object can be logged.
 *
 * @param bootstrapServers   comma-separated host:port list
 * @param clientProperties   extra client properties applied to every consumer, producer and admin
 * @param transactionTimeout producer transaction timeout; must not exceed the broker's
 *                           {@code transaction.max.timeout.ms}, and must outlast a checkpoint
 *                           interval plus a restart or open transactions get aborted
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties, Duration transactionTimeout)
        implements Serializable {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is required (host:port[,host:port])");
        }
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
        transactionTimeout = transactionTimeout == null ? Duration.ofMinutes(15) : transactionTimeout;
    }

    /** Kafka's default {@code max.request.size}: 1 MiB, just under a default topic's {@code max.message.bytes}. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

    /**
     * The largest record the job's producers send: {@code max.request.size} from the client
     * properties ({@code kafka.client.max.request.size}), else Kafka's default. Raise it together
     * with the output topics' {@code max.message.bytes}, or the broker rejects what the producer sends.
     */
    public int maxRequestBytes() {
        String configured = clientProperties.get("max.request.size");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_MAX_REQUEST_BYTES;
        }
        try {
            int bytes = Integer.parseInt(configured.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("kafka.client.max.request.size must be a positive number of bytes, got '"
                + configured + "'");
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of(), null);
    }

    /** Client properties for an admin client, consumer or producer: bootstrap servers plus the extras. */
    public Properties baseProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.setProperty("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, looksSecret(k) ? "****" : v));
        return "KafkaSettings{bootstrapServers=" + bootstrapServers + ", clientProperties=" + shown
                + ", transactionTimeout=" + transactionTimeout + "}";
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase();
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key");
    }
}
