package io.sluice.it;

import io.sluice.connectors.topics.SluiceTopics;
import io.sluice.pipeline.SluiceJob;
import io.sluice.pipeline.config.SluiceJobConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What the job ITCases share: topic names of their own, and the real job started on the test's cluster. */
public final class ItJobs {
    private ItJobs() {}

    /** Every topic role under {@code prefix}, as {@code topics.<role>=<prefix>.<default name>} settings. */
    public static Map<String, String> prefixedTopicSettings(String prefix) {
        Map<String, String> names = new HashMap<>();
        for (SluiceTopics.TopicSpec spec : SluiceTopics.defaults().all()) {
            names.put("topics." + spec.role(), prefix + "." + spec.name());
        }
        return names;
    }

    /** Wires the Sluice job for {@code config}, submits it, and waits (up to 60 s) until it runs. */
    public static JobClient startAndAwaitRunning(SluiceJobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SluiceJob.flinkConfiguration(config));
        SluiceJob.wire(env, config);
        JobClient client = env.executeAsync(config.jobName());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return client;
    }
}
