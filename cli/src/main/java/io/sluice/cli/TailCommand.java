package io.sluice.cli;

import io.sluice.cli.demo.DriftAlertFormat;
import io.sluice.cli.demo.DriftAlertWatcher;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice tail}: follow Sluice's topics in readable form. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow a Sluice topic in readable form.",
        subcommands = TailCommand.Drift.class)
public final class TailCommand {

    /** {@code sluice tail drift}: one line per drift alert. */
    @Command(name = "drift", mixinStandardHelpOptions = true,
            description = "Print drift alerts as they arrive: window, state, severity, dimension, metric and what moved.")
    static final class Drift implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--from-beginning", description = "Start at the oldest alert instead of new ones only.")
        boolean fromBeginning;

        @Option(names = "--max-alerts", defaultValue = "0", description = "Stop after this many alerts (0: never).")
        long maxAlerts;

        @Option(names = "--timeout", description = "Stop after this long, e.g. 30s (default: never).")
        String timeout;

        @Override
        public Integer call() throws Exception {
            SluiceJobConfig cfg = cluster.load(Map.of());
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Durations.parse(timeout).toNanos();
            AtomicLong seen = new AtomicLong();
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry());
                    DriftAlertWatcher watcher = new DriftAlertWatcher(cfg.kafka().baseProperties(), registry,
                            cfg.topics().drift(), fromBeginning, a -> {
                                System.out.println(DriftAlertFormat.line(a));
                                System.out.flush();
                                seen.incrementAndGet();
                            })) {
                Thread t = new Thread(watcher, "sluice-tail-drift");
                t.setDaemon(true);
                t.start();
                while (t.isAlive() && System.nanoTime() < deadline && (maxAlerts == 0 || seen.get() < maxAlerts)) {
                    Thread.sleep(100);
                }
            }
            return 0;
        }
    }
}
