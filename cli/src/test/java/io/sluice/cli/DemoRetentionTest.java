package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's topic retention (its broker-side effect is held by {@code LocalStackITCase}). */
class DemoRetentionTest {

    @Test
    void topicsExpireAfterTheRetentionAndRollSegmentsAtAQuarterOfIt() {
        assertThat(DemoCommand.retentionConfigs(Duration.ofMinutes(15)))
                .containsEntry("retention.ms", "900000")
                .containsEntry("segment.ms", "225000")
                .hasSize(2);
        // Short retentions still roll no more often than every 10 s.
        assertThat(DemoCommand.retentionConfigs(Duration.ofSeconds(20))).containsEntry("segment.ms", "10000");
        // Zero keeps everything: no topic config at all.
        assertThat(DemoCommand.retentionConfigs(Duration.ZERO)).isEmpty();
    }

    @Test
    void logBytesSumsTheRecordLogsUnderADirectory(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("00000000000000000000.log"), new byte[1000]);
        Files.write(dir.resolve("00000000000000000000.index"), new byte[10_000]);
        Files.createDirectories(dir.resolve("topic-0"));
        Files.write(dir.resolve("topic-0/00000000000000000042.log"), new byte[234]);
        assertThat(DemoCommand.logBytes(dir)).isEqualTo(1234);
        assertThat(DemoCommand.logBytes(dir.resolve("missing"))).isZero();
    }
}
