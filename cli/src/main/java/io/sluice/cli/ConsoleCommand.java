package io.sluice.cli;

import io.sluice.cli.console.AvroTopicWatcher;
import io.sluice.cli.console.DriftConsole;
import io.sluice.cli.console.DriftConsoleServer;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice console}: the drift console for operators, a web page over the drift, snapshot,
 * policy and intervention topics: alerts in force, each dimension's latest window, recent alerts,
 * the policy in force and the learner's ledger. Reads the topics from the beginning, so it shows the
 * current state however late it starts.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the drift console: alerts in force, the latest window of every dimension, recent alerts,"
                + " the policy in force and the learner's ledger.")
final class ConsoleCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--port", defaultValue = "8088", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String host;

    @Option(names = "--timeout", description = "Stop after this long, e.g. 10m (default: until Ctrl-C).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        SluiceJobConfig cfg = cluster.load(Map.of());
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Durations.parse(timeout).toNanos();
        DriftConsole console = new DriftConsole();
        var client = cfg.kafka().baseProperties();
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry());
                DriftConsoleServer server = new DriftConsoleServer(console, host, port)) {
            List<AvroTopicWatcher<?>> watchers = DriftConsole.watchers(console, client, registry, cfg.topics());
            try {
                for (AvroTopicWatcher<?> w : watchers) {
                    start(w, "sluice-console-watcher");
                }
                System.out.printf("Drift console on http://%s:%d/ (alerts from %s, windows from %s, policy from %s, ledger"
                        + " from %s)%n", host, server.port(), cfg.topics().drift(), cfg.topics().snapshots(),
                        cfg.topics().policy(), cfg.topics().interventions());
                System.out.flush();
                while (System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                watchers.forEach(AvroTopicWatcher::close);
            }
        }
        return 0;
    }

    private static void start(Runnable watcher, String name) {
        Thread t = new Thread(watcher, name);
        t.setDaemon(true);
        t.start();
    }
}
