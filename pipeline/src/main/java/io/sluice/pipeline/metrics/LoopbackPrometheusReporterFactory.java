package io.sluice.pipeline.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates a {@link LoopbackPrometheusReporter} from {@code metrics.reporter.<name>.host} (default
 * 127.0.0.1) and {@code .port} (a port or a range, default 9249). Found by Flink through
 * {@code META-INF/services}.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new LoopbackPrometheusReporter(properties.getProperty("host", "127.0.0.1"),
                properties.getProperty("port", "9249"));
    }
}
