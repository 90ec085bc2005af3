package io.sluice.pipeline.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAggregateTest {
    private static final DriftDimensions DIMS = new DriftDimensions(List.of("lang", "source", "accepted_slice"),
            List.of("text.char_count"));

    @Test
    void partialsMergedInAnyGroupingGiveTheSameCounts() {
        WindowAggregate whole = new WindowAggregate(DIMS, 0, 1000);
        WindowAggregate[] parts = {new WindowAggregate(DIMS, 0, 1000), new WindowAggregate(DIMS, 0, 1000),
                new WindowAggregate(DIMS, 0, 1000)};
        Random r = new Random(1);
        for (int i = 0; i < 3000; i++) {
            String[] cats = {"l" + r.nextInt(5), "s" + r.nextInt(20), r.nextBoolean() ? "a/b/c" : null};
            double[] nums = {r.nextInt(1000)};
            whole.add("id" + i, cats, nums);
            parts[i % 3].add("id" + i, cats, nums);
        }
        parts[1].addLate(4);
        WindowAggregate merged = WindowAggregate.fromBytes(DIMS, parts[0].toBytes());
        merged.merge(WindowAggregate.fromBytes(DIMS, parts[2].toBytes()));
        merged.merge(parts[1]);

        assertThat(merged.count()).isEqualTo(3000);
        assertThat(merged.lateCount()).isEqualTo(4);
        for (int i = 0; i < 3; i++) {
            assertThat(merged.categorical(i).counts()).isEqualTo(whole.categorical(i).counts());
        }
        assertThat(merged.numeric(0).count()).isEqualTo(3000);
        assertThat(merged.numeric(0).quantile(0.5)).isCloseTo(whole.numeric(0).quantile(0.5),
                org.assertj.core.api.Assertions.within(30.0));
        assertThat(merged.exemplars("a/b/c")).hasSize(WindowAggregate.EXEMPLARS_PER_SLICE);
    }

    @Test
    void highCardinalityCategoriesSwitchToASketchThatStillMergesAndNamesHeavyHitters() throws Exception {
        CategoryCounts a = new CategoryCounts(50);
        CategoryCounts b = new CategoryCounts(50);
        for (int i = 0; i < 20_000; i++) {
            a.add(i % 4 == 0 ? "big.example.org" : "host" + (i % 5000));
            b.add(i % 2 == 0 ? "big.example.org" : "other" + i);
        }
        assertThat(a.isSketched()).isTrue();
        a.merge(CategoryCounts.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes(b))), 50));
        assertThat(a.total()).isEqualTo(40_000);
        var counts = a.counts();
        assertThat(counts.keySet().iterator().next()).isEqualTo("big.example.org");
        assertThat(counts.get("big.example.org")).isBetween(15_000L, 15_000L + 40_000 / 256);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40_000);
        assertThat(counts).containsKey(CategoryCounts.OTHER);
    }

    private static byte[] bytes(CategoryCounts c) {
        try {
            var out = new java.io.ByteArrayOutputStream();
            c.write(new java.io.DataOutputStream(out));
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
