package io.sluice.pipeline.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.util.NetUtils;

/**
 * Flink's Prometheus reporter, serving on one address instead of all of them: a job on a local
 * MiniCluster ({@code sluice run}, the demo, the tests) exposes its metrics on loopback only.
 *
 * <p>Why not Flink's {@code PrometheusReporter}: it binds every interface and has no host option.
 * Everything else (metric names, labels, histograms as summaries) is Flink's own, inherited from
 * {@link AbstractPrometheusReporter}, so the series are exactly those a real cluster's reporter
 * exposes and the Grafana dashboard in {@code docker/} reads. The one price is reading the base
 * class's package-private registry by reflection; {@code MetricsITCase} fails if a Flink upgrade
 * renames it.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;

    LoopbackPrometheusReporter(String host, String ports) {
        CollectorRegistry registry = registry(this);
        Iterator<Integer> candidates = NetUtils.getPortRangeFromString(ports);
        IOException last = null;
        HTTPServer started = null;
        while (started == null && candidates.hasNext()) {
            int port = candidates.next();
            try {
                started = new HTTPServer(new InetSocketAddress(host, port), registry);
                log.info("Prometheus metrics on http://{}:{}/metrics", host, port);
            } catch (IOException e) {
                last = e;
            }
        }
        if (started == null) {
            throw new IllegalStateException("could not serve Prometheus metrics on " + host + ":" + ports, last);
        }
        server = started;
    }

    private static CollectorRegistry registry(AbstractPrometheusReporter reporter) {
        try {
            Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (CollectorRegistry) field.get(reporter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flink's AbstractPrometheusReporter no longer has its 'registry' field", e);
        }
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }
}
