package io.sluice.cli;

import io.sluice.cli.demo.EuroparlText;
import io.sluice.cli.demo.TrafficGenerator;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice produce}: publishes the demo's traffic (real Europarl text, both input kinds, with a
 * steady share of bad input) to a cluster of your own, e.g. the one in {@code docker/}, so a job
 * running there has something to curate. The mix is {@link TrafficGenerator}'s: 2% garbage bytes or
 * an unknown schema id (dead letter), 6% empty or symbol-only text (quarantine), 5% truncated
 * synthetic output (resynthesis).
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Publish demo traffic (real text plus a steady share of bad input) to the input topics of a cluster.")
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--rate", defaultValue = "200", description = "Records per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--records", defaultValue = "0", description = "Stop after this many records (default: until --duration or Ctrl-C).")
    long records;

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s or 5m (default: until --records or Ctrl-C).")
    String duration;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        SluiceJobConfig cfg = cluster.load(Map.of());
        Duration publishFor = duration == null ? null : Durations.parse(duration);
        long deadline = publishFor == null ? Long.MAX_VALUE : System.nanoTime() + publishFor.toNanos();
        EuroparlText text = EuroparlText.load(4000);
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry());
                TrafficGenerator traffic = new TrafficGenerator(cfg.kafka(), registry, cfg.topics(), text)) {
            System.out.printf("Publishing to %s and %s at %,d records/s%n",
                    cfg.topics().syntheticIngest(), cfg.topics().scrapedIngest(), rate);
            long start = System.nanoTime();
            long lastReport = start;
            while ((records == 0 || traffic.sent() < records) && System.nanoTime() < deadline) {
                // Paced in 10 ms steps, like a live feed rather than one burst per second.
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate) + 1;
                while (traffic.sent() < due && (records == 0 || traffic.sent() < records)) {
                    traffic.sendNext();
                }
                if (traffic.lastError() != null && traffic.sent() == traffic.failed()) {
                    throw new IllegalStateException("the broker refuses every record: " + traffic.lastError().getMessage(),
                            traffic.lastError());
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  sent %,d (%,d refused)%n", traffic.sent(), traffic.failed());
                }
                Thread.sleep(10);
            }
            traffic.flush();
            System.out.printf("Published %,d records (%,d refused by the broker)%n",
                    traffic.sent() - traffic.failed(), traffic.failed());
            return traffic.failed() == 0 ? 0 : 1;
        }
    }
}
