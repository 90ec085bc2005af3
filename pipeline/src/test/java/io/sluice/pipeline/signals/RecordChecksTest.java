package io.sluice.pipeline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SourceKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordChecksTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private static Map<String, Double> check(String id, SourceKind kind, long eventTime, String url) {
        Map<String, Double> out = new LinkedHashMap<>();
        new RecordChecks().compute(new SignalInput(id, "text", kind, eventTime, url, NOW), out::put);
        return out;
    }

    @Test
    void wellFormedScrapedRecordHasNoDefects() {
        assertThat(check("r1", SourceKind.SCRAPED, NOW - HOUR, "https://www.example.org/a?b=c"))
                .containsExactly(Map.entry(RecordChecks.BLANK_ID, 0.0), Map.entry(RecordChecks.BAD_EVENT_TIME, 0.0),
                        Map.entry(RecordChecks.BAD_URL, 0.0));
    }

    @Test
    void flagsNullEmptyAndWhitespaceIds() {
        assertThat(check(null, SourceKind.SYNTHETIC, NOW, null).get(RecordChecks.BLANK_ID)).isEqualTo(1.0);
        assertThat(check("", SourceKind.SYNTHETIC, NOW, null).get(RecordChecks.BLANK_ID)).isEqualTo(1.0);
        assertThat(check(" \t", SourceKind.SYNTHETIC, NOW, null).get(RecordChecks.BLANK_ID)).isEqualTo(1.0);
    }

    @Test
    void flagsUnsetEventTimeAndMoreThanADayAhead() {
        assertThat(check("r", SourceKind.SYNTHETIC, 0, null).get(RecordChecks.BAD_EVENT_TIME)).isEqualTo(1.0);
        assertThat(check("r", SourceKind.SYNTHETIC, -5, null).get(RecordChecks.BAD_EVENT_TIME)).isEqualTo(1.0);
        assertThat(check("r", SourceKind.SYNTHETIC, NOW + 25 * HOUR, null).get(RecordChecks.BAD_EVENT_TIME))
                .isEqualTo(1.0);
        assertThat(check("r", SourceKind.SYNTHETIC, NOW + 23 * HOUR, null).get(RecordChecks.BAD_EVENT_TIME))
                .isEqualTo(0.0);
    }

    @Test
    void flagsScrapedUrlsThatAreNotAbsoluteHttp() {
        for (String bad : new String[] {"", "ftp://example.org/x", "/relative/path", "http://", "https:///x",
                "example.org", "http://exa mple.org/"}) {
            assertThat(check("r", SourceKind.SCRAPED, NOW, bad).get(RecordChecks.BAD_URL)).as(bad).isEqualTo(1.0);
        }
    }

    @Test
    void absentUrlAndSyntheticRecordsAreNotFlagged() {
        assertThat(check("r", SourceKind.SCRAPED, NOW, null).get(RecordChecks.BAD_URL)).isEqualTo(0.0);
        assertThat(check("r", SourceKind.SYNTHETIC, NOW, "not a url").get(RecordChecks.BAD_URL)).isEqualTo(0.0);
    }
}
