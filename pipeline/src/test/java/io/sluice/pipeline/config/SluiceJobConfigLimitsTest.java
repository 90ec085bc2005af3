package io.sluice.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input limit follows the output limit, so that every input the job reads can be written again. */
class SluiceJobConfigLimitsTest {

    private static SluiceJobConfig config(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("kafka.bootstrap.servers", "127.0.0.1:9092");
        settings.put("registry.url", "http://127.0.0.1:8081");
        return SluiceJobConfig.fromMap(settings);
    }

    @Test
    void byDefaultAnInputMayTakeHalfOfKafkasOneMebibyteLessTheReserve() {
        SluiceJobConfig config = config(Map.of());
        assertThat(config.kafka().maxRequestBytes()).isEqualTo(1 << 20);
        assertThat(config.maxRecordBytes()).isEqualTo(((1 << 20) - 64 * 1024) / 2);
    }

    @Test
    void raisingTheProducersLimitRaisesTheDefaultInputLimitWithIt() {
        SluiceJobConfig config = config(Map.of("kafka.client.max.request.size", "4194304"));
        assertThat(config.kafka().maxRequestBytes()).isEqualTo(4_194_304);
        assertThat(config.maxRecordBytes()).isEqualTo((4_194_304 - 64 * 1024) / 2);
    }

    @Test
    void anExactlyOnceTransactionMustOutliveACheckpointInterval() {
        assertThatThrownBy(() -> config(Map.of("kafka.transaction.timeout.ms", "5000",
                "job.checkpoint.interval.ms", "5000")))
                .hasMessageContaining("kafka.transaction.timeout.ms").hasMessageContaining("job.checkpoint.interval.ms");
        assertThat(config(Map.of("kafka.transaction.timeout.ms", "5000", "job.checkpoint.interval.ms", "5000",
                "job.delivery.guarantee", "at-least-once")).checkpointInterval().toMillis()).isEqualTo(5000);
        assertThat(config(Map.of()).kafka().transactionTimeout().toMinutes()).isEqualTo(15);
    }

    @Test
    void anExplicitInputLimitWinsAndABadProducerLimitIsNamed() {
        assertThat(config(Map.of("curation.max.record.bytes", "1000")).maxRecordBytes()).isEqualTo(1000);
        assertThatThrownBy(() -> config(Map.of("kafka.client.max.request.size", "1MB")))
                .hasMessageContaining("kafka.client.max.request.size");
    }
}
