package io.sluice.pipeline.functions;

import static io.sluice.pipeline.functions.DriftTestRecords.CONFIG;
import static io.sluice.pipeline.functions.DriftTestRecords.DIMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AlertState;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.pipeline.TestSettings;
import io.sluice.pipeline.drift.WindowAggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftDetectorFunctionTest {
    private static final OutputTag<DriftAlert> ALERTS = new OutputTag<>("a", TypeInformation.of(DriftAlert.class));
    private static final OutputTag<ResynthesisRequest> FILL = new OutputTag<>("f", TypeInformation.of(ResynthesisRequest.class));
    private static final long W = CONFIG.window().toMillis();
    private static final String[] LANGS = {"en", "de", "fr", "es", "it"};

    private KeyedOneInputStreamOperatorTestHarness<Integer, DriftPartial, DistributionSnapshot> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DriftDetectorFunction(TestSettings.withDefaults(), CONFIG, ALERTS, FILL)),
                p -> 0, Types.INT);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void mergesPartialsOfAWindowAndFiresOnceWithEveryStateEntryAndTimerReleased() throws Exception {
        Random r = new Random(1);
        harness.processElement(partial(0, 300, r, 0), W - 1);
        harness.processElement(partial(0, 200, r, 0), W - 1);
        harness.processElement(partial(1, 100, r, 0), 2 * W - 1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).as("the pending-windows map, nothing else yet").isEqualTo(1);

        harness.processWatermark(W - 1);
        List<DistributionSnapshot> out = harness.extractOutputValues();
        assertThat(out).hasSize(DIMS.categorical().size() + DIMS.numeric().size());
        assertThat(out).allSatisfy(s -> assertThat(s.getWindowStart().toEpochMilli()).isZero());
        DistributionSnapshot lang = out.stream().filter(s -> s.getDimension().equals("lang")).findFirst().orElseThrow();
        assertThat(lang.getCount()).isEqualTo(500);
        assertThat(lang.getCategories().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(500);
        assertThat(lang.getMetrics()).as("no baseline yet").isNull();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(2 * W - 1);
        assertThat(harness.numEventTimeTimers()).isZero();
        // The monitor and the fired-up-to mark remain; the emptied pending-windows map is gone.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void aPartialForAWindowThatAlreadyFiredIsCountedAsLateInTheNextSnapshot() throws Exception {
        Random r = new Random(2);
        harness.processElement(partial(0, 300, r, 0), W - 1);
        harness.processWatermark(W - 1);
        harness.processElement(partial(0, 40, r, 0), W - 1); // an idle subtask catching up
        harness.processElement(partial(1, 300, r, 0), 2 * W - 1);
        harness.processWatermark(2 * W - 1);
        List<DistributionSnapshot> out = harness.extractOutputValues();
        DistributionSnapshot second = out.stream().filter(s -> s.getDimension().equals("lang")
                && s.getWindowStart().toEpochMilli() == W).findFirst().orElseThrow();
        assertThat(second.getCount()).isEqualTo(300);
        assertThat(second.getLateCount()).isEqualTo(40);
    }

    @Test
    void raisesAnAlertWithinTwoWindowsOfALanguageShiftAndKeepsItsStateAcrossARestore() throws Exception {
        Random r = new Random(3);
        List<DriftAlert> alerts = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            harness.processElement(partial(w, 1000, r, 0), (w + 1) * W - 1);
            harness.processWatermark((w + 1) * W - 1);
        }
        var snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DriftDetectorFunction(TestSettings.withDefaults(), CONFIG, ALERTS, FILL)),
                p -> 0, Types.INT);
        harness.initializeState(snapshot);
        harness.open();
        for (int w = 8; w < 11; w++) {
            harness.processElement(partial(w, 1000, r, 4), (w + 1) * W - 1);
            harness.processWatermark((w + 1) * W - 1);
        }
        if (harness.getSideOutput(ALERTS) != null) {
            harness.getSideOutput(ALERTS).forEach(a -> alerts.add(a.getValue()));
        }
        DriftAlert raised = alerts.stream().filter(a -> a.getState() == AlertState.RAISED).findFirst().orElseThrow();
        assertThat(raised.getDimension()).isEqualTo("lang");
        assertThat(raised.getWindowStart().toEpochMilli()).isEqualTo(9 * W);
        assertThat(raised.getTop().get(0).getCategory()).isEqualTo("lang=it");
    }

    /** A partial of window {@code w}; {@code boost} > 0 puts that share (in tenths) of records in "it". */
    static DriftPartial partial(int w, int n, Random r, int boost) {
        WindowAggregate agg = new WindowAggregate(DIMS, w * W, (w + 1) * W);
        String[] cats = new String[DIMS.categorical().size()];
        double[] nums = new double[DIMS.numeric().size()];
        for (int i = 0; i < n; i++) {
            String lang = r.nextInt(10) < boost ? "it" : LANGS[r.nextInt(4)];
            for (int c = 0; c < cats.length; c++) {
                cats[c] = DIMS.categorical().get(c).equals("lang") ? lang : "x";
            }
            for (int k = 0; k < nums.length; k++) {
                nums[k] = r.nextGaussian();
            }
            agg.add("r" + i, cats, nums);
        }
        return new DriftPartial(w * W, (w + 1) * W, n, agg.toBytes());
    }
}
