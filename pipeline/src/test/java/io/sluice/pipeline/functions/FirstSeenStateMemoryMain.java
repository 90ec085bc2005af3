package io.sluice.pipeline.functions;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Heap per remembered document of deduplication's first-seen state alone, on the heap backend: N
 * records of 15 probes each (UUID ids, each probe with its own copy of the id, as probes come off
 * the network), the heap in use before and after, after full collections. Without Kafka, the
 * network stack and the rest of the job it is steadier than {@code ./sluice bench dedup}, whose
 * figure also counts everything else a running job keeps. A measurement, not a test:
 * {@code java -cp pipeline/target/test-classes:pipeline/target/classes:<test classpath>
 * io.sluice.pipeline.functions.FirstSeenStateMemoryMain 20000}.
 */
public final class FirstSeenStateMemoryMain {
    private FirstSeenStateMemoryMain() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, DedupProbe, DedupAnswer>(
                new KeyedProcessOperator<>(new FirstSeenFunction(Duration.ofDays(7))), probe -> probe.key, Types.LONG);
        harness.open();
        long before = heapInUse();
        Random keys = new Random(1);
        for (int r = 0; r < records; r++) {
            String id = UUID.randomUUID().toString();
            for (int k = 0; k < 15; k++) {
                harness.processElement(new DedupProbe(keys.nextLong(), k == 0, new String(id.toCharArray()), r,
                        1000L + r, r, 15), r);
            }
            harness.getOutput().clear();
        }
        long after = heapInUse();
        System.out.printf("%,d records: %,.0f bytes of heap per remembered document%n", records,
                (after - before) / (double) records);
        harness.close();
    }

    private static long heapInUse() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
