package io.sluice.pipeline.functions;

import static io.sluice.pipeline.functions.DriftTestRecords.CONFIG;
import static io.sluice.pipeline.functions.DriftTestRecords.DIMS;
import static io.sluice.pipeline.functions.DriftTestRecords.curated;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Route;
import io.sluice.pipeline.drift.WindowAggregate;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftPartialOperatorTest {
    private DriftPartialOperator<CuratedRecord> operator;
    private OneInputStreamOperatorTestHarness<CuratedRecord, DriftPartial> harness;

    @BeforeEach
    void open() throws Exception {
        operator = new DriftPartialOperator<>(CONFIG, DriftRecordFeatures.curated());
        harness = new OneInputStreamOperatorTestHarness<>(operator);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void emitsOnePartialPerWindowOnceTheWatermarkPassesItAndReleasesIt() throws Exception {
        harness.processElement(curated("a", 1_000, "en", Route.ACCEPTED, 100), 1_000);
        harness.processElement(curated("b", 9_999, "de", Route.QUARANTINED, 200), 9_999);
        harness.processElement(curated("c", 10_000, "en", Route.ACCEPTED, 300), 10_000);
        assertThat(operator.openWindowCount()).isEqualTo(2);

        harness.processWatermark(new Watermark(9_998));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(new Watermark(9_999));
        List<DriftPartial> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.windowStart).isEqualTo(0);
            assertThat(p.windowEnd).isEqualTo(10_000);
            WindowAggregate agg = WindowAggregate.fromBytes(DIMS, p.aggregate);
            assertThat(agg.count()).isEqualTo(2);
            assertThat(agg.categorical(DIMS.categoricalIndex("lang")).counts()).containsEntry("en", 1L).containsEntry("de", 1L);
            assertThat(agg.categorical(DIMS.categoricalIndex("accepted_slice")).counts())
                    .containsOnlyKeys("scraped/en/example.org");
            assertThat(agg.exemplars("scraped/en/example.org")).containsExactly("a");
        });
        // The fired window's state is gone; the next one is still open.
        assertThat(operator.openWindowCount()).isEqualTo(1);
        // The watermark itself is forwarded after the partial.
        assertThat(harness.getOutput().stream().filter(o -> o instanceof Watermark)).isNotEmpty();
    }

    @Test
    void aRecordFromFarInTheFutureCountsWhenKafkaAppendedItAndOpensNoWindowOfItsOwn() throws Exception {
        // Microseconds taken for milliseconds: ~50,000 years ahead of the append time.
        CuratedRecord future = curated("future", 1_500, "en", Route.QUARANTINED, 100);
        future.setEventTime(java.time.Instant.ofEpochMilli(1_700_000_000_000_000L));
        harness.processElement(curated("a", 1_000, "en", Route.ACCEPTED, 100), 1_000);
        harness.processElement(future, 1_500);
        assertThat(operator.openWindowCount()).isEqualTo(1);
        harness.processWatermark(new Watermark(9_999));
        assertThat(WindowAggregate.fromBytes(DIMS, harness.extractOutputValues().get(0).aggregate).count()).isEqualTo(2);
        assertThat(operator.openWindowCount()).isZero();
    }

    @Test
    void trustedEventTimeFallsBackToTheAppendTimeOnlyWhenTheEventTimeCannotBeTrue() {
        long appended = 1_700_000_000_000L;
        assertThat(EventTimeAssigner.trusted(appended - 86_400_000L * 365, appended)).isEqualTo(appended - 86_400_000L * 365);
        assertThat(EventTimeAssigner.trusted(appended + 3_600_000L, appended)).isEqualTo(appended + 3_600_000L);
        assertThat(EventTimeAssigner.trusted(appended + 2 * 86_400_000L, appended)).isEqualTo(appended);
        assertThat(EventTimeAssigner.trusted(0L, appended)).isEqualTo(appended);
        assertThat(EventTimeAssigner.trusted(-5L, appended)).isEqualTo(appended);
        // A producer-set append time of 0 says nothing: the event time stays.
        assertThat(EventTimeAssigner.trusted(appended, 0L)).isEqualTo(appended);
    }

    @Test
    void lateRecordsAreCountedIntoTheNextPartialNotDropped() throws Exception {
        harness.processElement(curated("a", 1_000, "en", Route.ACCEPTED, 100), 1_000);
        harness.processWatermark(new Watermark(9_999));
        harness.processElement(curated("late-1", 2_000, "fr", Route.ACCEPTED, 100), 2_000);
        harness.processElement(curated("late-2", 3_000, "fr", Route.ACCEPTED, 100), 3_000);
        harness.processElement(curated("b", 12_000, "en", Route.ACCEPTED, 100), 12_000);
        assertThat(operator.pendingLate()).isEqualTo(2);
        harness.processWatermark(new Watermark(19_999));

        List<DriftPartial> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        WindowAggregate second = WindowAggregate.fromBytes(DIMS, out.get(1).aggregate);
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.lateCount()).isEqualTo(2);
        assertThat(second.categorical(DIMS.categoricalIndex("lang")).counts()).doesNotContainKey("fr");
        assertThat(operator.pendingLate()).isZero();
        assertThat(operator.openWindowCount()).isZero();
    }

    @Test
    void anIdleInputHandsOverItsOpenWindowsAndRecordsAfterThePauseFollowAsAnotherPartialNotAsLate() throws Exception {
        harness.processElement(curated("a", 1_000, "en", Route.ACCEPTED, 100), 1_000);
        harness.processElement(curated("b", 12_000, "de", Route.ACCEPTED, 100), 12_000);

        // The producer pauses: the input goes idle, other subtasks' watermarks may now fire these windows.
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        List<DriftPartial> handedOver = harness.extractOutputValues();
        assertThat(handedOver).extracting(p -> p.windowStart).containsExactly(0L, 10_000L);
        assertThat(handedOver).extracting(p -> p.count).containsExactly(1L, 1L);
        assertThat(operator.openWindowCount()).isZero();
        assertThat(harness.getOutput()).contains(WatermarkStatus.IDLE);

        // It resumes in the second window: the record is counted in it, not late.
        harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
        harness.processElement(curated("c", 13_000, "en", Route.ACCEPTED, 100), 13_000);
        harness.processWatermark(new Watermark(19_999));
        List<DriftPartial> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out.get(2).windowStart).isEqualTo(10_000L);
        WindowAggregate rest = WindowAggregate.fromBytes(DIMS, out.get(2).aggregate);
        assertThat(rest.count()).isEqualTo(1);
        assertThat(rest.lateCount()).isZero();
        assertThat(operator.pendingLate()).isZero();
    }

    @Test
    void openWindowsSurviveACheckpointAndRestore() throws Exception {
        harness.processElement(curated("a", 1_000, "en", Route.ACCEPTED, 100), 1_000);
        harness.processElement(curated("b", 2_000, "en", Route.ACCEPTED, 100), 2_000);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        operator = new DriftPartialOperator<>(CONFIG, DriftRecordFeatures.curated());
        harness = new OneInputStreamOperatorTestHarness<>(operator);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(operator.openWindowCount()).isEqualTo(1);
        harness.processElement(curated("c", 3_000, "en", Route.ACCEPTED, 100), 3_000);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(p -> assertThat(WindowAggregate.fromBytes(DIMS, p.aggregate).count()).isEqualTo(3));
    }
}
