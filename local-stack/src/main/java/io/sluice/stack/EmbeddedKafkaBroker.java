package io.sluice.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running inside the current JVM: KRaft mode, one process acting
 * as broker and controller, listening on free ports of 127.0.0.1.
 *
 * <p>It backs the demo, {@code sluice stack} and the integration tests, so it is configured for
 * what a single node needs to behave like a production cluster towards clients: every internal
 * topic has replication factor 1 (without that {@code initTransactions} times out) and exactly-once
 * transactions work. Topics are never auto-created, as in a well-run cluster, so code that forgets
 * to create its topics fails here too.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null)) {
 *     String bootstrap = broker.bootstrapServers(); // "127.0.0.1:PORT"
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's own data lives one level down, so a caller's data dir may hold other files too. */
    private static final String LOG_DIR_NAME = "kraft-combined-logs";
    private static final int MAX_BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Stops the broker cleanly on Ctrl-C too: a kept data dir then needs no log recovery on the
     * next start, and a temporary one is not left behind in /tmp.
     */
    private final Thread shutdownHook = new Thread(this::close, "sluice-kafka-shutdown");

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir,
                                boolean ownsDataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * Formats (if needed) and starts a broker, returning once it accepts clients.
     *
     * @param dataDir where the broker keeps its logs and metadata, kept after {@link #close()} so a
     *     later start finds the same topics; {@code null} for a temporary directory that
     *     {@link #close()} deletes
     * @throws IOException if the data directory cannot be prepared or the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir) throws IOException {
        long startNanos = System.nanoTime();
        boolean ownsDataDir = dataDir == null;
        Path root = ownsDataDir
                ? Files.createTempDirectory("sluice-kafka-")
                : Files.createDirectories(dataDir.toAbsolutePath());
        try {
            Path logDir = Files.createDirectories(root.resolve(LOG_DIR_NAME));
            format(logDir);
            KafkaLogLevels.quietBrokerLoggers();
            for (int attempt = 1; ; attempt++) {
                int[] ports = Loopback.freePorts(2);
                try {
                    EmbeddedKafkaBroker broker = startServer(logDir, ports[0], ports[1], root, ownsDataDir);
                    LOG.info("Kafka broker ready at {} (data in {}) after {} ms", broker.bootstrapServers,
                            logDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                    return broker;
                } catch (RuntimeException e) {
                    // Another process may take a port between our probe and Kafka's bind (parallel
                    // builds on one machine make that likely enough): try fresh ports.
                    if (attempt >= MAX_BIND_ATTEMPTS || !causedByBindFailure(e)) {
                        throw e;
                    }
                    LOG.info("Kafka broker could not bind port {} or {} ({}); retrying on other ports",
                            ports[0], ports[1], e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (ownsDataDir) {
                deleteQuietly(root);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("The embedded Kafka broker did not start (data directory " + root
                    + "): " + e + ". If the data directory comes from an older or foreign cluster,"
                    + " delete it or pass another one.", e);
        }
    }

    /**
     * Starts a broker again on a kept data directory at the same client address as a closed one, so
     * that clients configured with that address (a running Flink job) reconnect by themselves: a
     * broker restart as operators do it. Only the controller port may change.
     *
     * @param dataDir the data directory the closed broker was started with
     * @param bootstrapServers the closed broker's {@link #bootstrapServers()}
     * @throws IOException if the broker does not start, e.g. because the port was taken meanwhile
     */
    public static EmbeddedKafkaBroker restart(Path dataDir, String bootstrapServers) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        int brokerPort = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        Path root = dataDir.toAbsolutePath();
        Path logDir = root.resolve(LOG_DIR_NAME);
        if (!Files.isDirectory(logDir)) {
            throw new IOException("No broker data in " + root + ": restart needs the data directory of a broker that ran");
        }
        try {
            EmbeddedKafkaBroker broker = startServer(logDir, brokerPort, Loopback.freePorts(1)[0], root, false);
            LOG.info("Kafka broker restarted at {} (data in {})", broker.bootstrapServers, logDir);
            return broker;
        } catch (RuntimeException e) {
            throw new IOException("The embedded Kafka broker did not restart at " + bootstrapServers + ": " + e, e);
        }
    }

    private static EmbeddedKafkaBroker startServer(Path logDir, int brokerPort, int controllerPort,
                                                   Path root, boolean ownsDataDir) {
        // doLog=false: the full config dump is several hundred lines of noise.
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDir, brokerPort, controllerPort), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns only once the controller has unfenced the broker, i.e. it serves clients.
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw e;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, Loopback.HOST + ":" + brokerPort,
                root, ownsDataDir);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        return broker;
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** The address clients connect to, {@code 127.0.0.1:PORT}. */
    /** The directory the broker keeps its logs and metadata in (a temporary one unless given to {@link #start}). */
    public Path dataDir() {
        return dataDir;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and, if {@link #start} created a temporary data directory, deletes it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // The JVM is exiting: this is the hook itself, or the hook will find us closed.
        }
        stopQuietly(server);
        if (ownsDataDir) {
            deleteQuietly(dataDir);
        }
        LOG.info("Kafka broker at {} stopped after {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static voter set (rather than a dynamic quorum) keeps the controller address in config,
        // not in the metadata log, so a kept data dir still starts when the ports change.
        p.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + Loopback.HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // One node: every internal topic must fit on it, or transactions and groups never start.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // The default 50 partitions per internal topic cost seconds to create and buy nothing here.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        // Consumers in tests and the demo join one at a time; waiting 3 s for more is pure delay.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Flink's exactly-once sink keeps transactions open across checkpoints; allow up to 1 h.
        p.put("transaction.max.timeout.ms", "3600000");
        // Topics are declared and created by the code that owns them, never by accident.
        p.put("auto.create.topics.enable", "false");
        // The 128 MiB default is allocated on the heap and OOMs small JVMs sharing it with Flink.
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        // Topics with a retention (the demo's, --retention) shed expired segments within seconds,
        // not Kafka's default five minutes (~1.5 GB at the demo's rate); a check of a few topics is cheap.
        p.put("log.retention.check.interval.ms", "10000");
        return p;
    }

    /** Writes meta.properties and the bootstrap metadata, unless a previous run already did. */
    private static void format(Path logDir) throws IOException {
        String dir = logDir.toString();
        // A kept data dir must be restarted with its own cluster id, or the broker refuses it.
        Optional<String> existingClusterId = new MetaPropertiesEnsemble.Loader()
                .addLogDirs(List.of(dir))
                .load()
                .clusterId();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(existingClusterId.orElseGet(() -> Uuid.randomUuid().toString()))
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IOException("Could not format the Kafka log directory " + dir + ": " + e
                    + ". Delete the directory or pass another data directory.", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("The embedded Kafka broker did not shut down cleanly: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete the broker's temporary data directory {}: {}. Delete it by hand.",
                    dir, e.toString());
        }
    }
}
