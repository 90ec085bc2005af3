package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.dedup.Duplication;
import io.sluice.pipeline.dedup.FirstSeenIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstSeenFunctionTest {
    private static final long EXACT = 1L;
    private static final long BAND_1 = 11L;
    private static final long BAND_2 = 12L;

    private KeyedOneInputStreamOperatorTestHarness<Long, DedupProbe, DedupAnswer> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, DedupProbe, DedupAnswer> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstSeenFunction(Duration.ofDays(7))), p -> p.key, Types.LONG);
    }

    /** Two copies of one text whose probes reach the exact key and a band key in opposite orders. */
    @Test
    void theHoldersOfOneRecordsKeysShareOneInstanceOfItsId() {
        FirstSeenFunction function = new FirstSeenFunction(java.time.Duration.ofDays(1));
        // Each probe brings its own copy of the id, as it does off the network.
        String first = function.sharedId(new DedupProbe(EXACT, true, new String("rec-1"), 11L, 5L, 0L, 3));
        String second = function.sharedId(new DedupProbe(BAND_1, false, new String("rec-1"), 11L, 5L, 0L, 3));
        String other = function.sharedId(new DedupProbe(BAND_2, false, new String("rec-2"), 12L, 6L, 1L, 3));
        String sameRefOtherId = function.sharedId(new DedupProbe(EXACT, true, "rec-3", 12L, 6L, 1L, 3));
        assertThat(second).isSameAs(first);
        assertThat(other).isEqualTo("rec-2").isNotSameAs(first);
        assertThat(sameRefOtherId).isEqualTo("rec-3");
    }

    @Test
    void copiesWhoseProbesArriveInOppositeOrdersOnTwoKeysLeaveTheSeniorCopyUnflagged() throws Exception {
        DedupProbe[] older = probes("older", 1, 1_000);
        DedupProbe[] newer = probes("newer", 2, 1_001);
        List<DedupAnswer> answers = new ArrayList<>();
        // The newer copy wins the race to the exact key; the older one wins band 1; band 2 in order.
        answers.add(answer(newer[0]));
        answers.add(answer(older[0]));
        answers.add(answer(older[1]));
        answers.add(answer(newer[1]));
        answers.add(answer(older[2]));
        answers.add(answer(newer[2]));

        Duplication olderResult = resolve(answers, 1);
        Duplication newerResult = resolve(answers, 2);
        assertThat(olderResult.isDuplicate()).as("the senior copy passes whatever the arrival order").isFalse();
        assertThat(newerResult.firstSeenId()).isEqualTo("older");
        assertThat(newerResult.bandMatches()).isEqualTo(2);

        // A third copy, later still, is an exact duplicate of the senior one.
        DedupProbe[] third = probes("third", 3, 1_002);
        assertThat(answer(third[0]).firstId).isEqualTo("older");
    }

    @Test
    void withinAMillisecondTheOffsetAndThenTheReferenceDecideSeniority() throws Exception {
        // One partition, one millisecond: the earlier offset is senior whatever the references.
        DedupProbe[] first = probes("first", 9, 5_000, 40);
        DedupProbe[] second = probes("second", 3, 5_000, 41);
        assertThat(answer(first[0]).firstId).isNull();
        assertThat(answer(second[0]).firstId).isEqualTo("first");
        // Same timestamp and offset (another partition): the smaller reference is senior, even arriving later.
        DedupProbe[] other = probes("other", 2, 5_000, 40);
        assertThat(answer(other[0]).firstId).isNull();
        assertThat(answer(first[1]).firstId).isNull();
        assertThat(answer(other[1]).firstId).isNull();
        assertThat(answer(second[1]).firstId).isEqualTo("other");
    }

    @Test
    void theHolderSurvivesASnapshotAndRestore() throws Exception {
        answer(probes("kept", 1, 10)[0]);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(answer(probes("later", 2, 20)[0]).firstId).isEqualTo("kept");
    }

    private static DedupProbe[] probes(String id, long ref, long ingestTimeMs) {
        return probes(id, ref, ingestTimeMs, ref);
    }

    private static DedupProbe[] probes(String id, long ref, long ingestTimeMs, long offset) {
        return new DedupProbe[] {
            new DedupProbe(EXACT, true, id, ref, ingestTimeMs, offset, 3),
            new DedupProbe(BAND_1, false, id, ref, ingestTimeMs, offset, 3),
            new DedupProbe(BAND_2, false, id, ref, ingestTimeMs, offset, 3),
        };
    }

    private DedupAnswer answer(DedupProbe probe) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(probe, 0);
        List<DedupAnswer> out = harness.extractOutputValues();
        assertThat(out).hasSize(before + 1);
        return out.get(out.size() - 1);
    }

    /** What {@link DedupJoinFunction} decides for the record {@code ref} from its answers. */
    private static Duplication resolve(List<DedupAnswer> answers, long ref) {
        String exactOf = null;
        List<String> bandOf = new ArrayList<>();
        for (DedupAnswer a : answers) {
            if (a.recordRef != ref) {
                continue;
            }
            if (a.exactKey) {
                exactOf = a.firstId;
            } else {
                bandOf.add(a.firstId);
            }
        }
        return FirstSeenIndex.resolve(exactOf, bandOf.toArray(String[]::new));
    }
}
