package io.sluice.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Which records the demo published and which output topics each arrived on, for reconciling a run id
 * by id. The demo's ids are {@code <run>-<n>} with {@code n} counting from 0 (see {@link
 * TrafficGenerator#sendNext}), so the ledger keeps one bit per published record and one byte per
 * delivered one, indexed by {@code n}: 2.2 bytes a record over 2 million records (the array doubles
 * as it grows), where the set of id strings and the map of them to topic lists it replaces held 244,
 * enough to run a long demo out of its 2 GB heap ({@code --duration 8h} at 1,500 records/s is 43
 * million records). Arrivals under other keys are only counted.
 *
 * <p>A delivery byte holds the number of arrivals (saturating at {@value #MAX_COUNT}) and the first
 * two topics' indexes, which is all a report of duplicates names. Thread-safe: the output counter's
 * thread records arrivals while the demo's thread records publications.
 */
public final class DeliveryLedger {

    static final int MAX_COUNT = 15;

    private final String prefix;
    private final List<String> topics;
    private final BitSet published = new BitSet();
    private byte[] deliveries = new byte[1 << 16];
    private long otherArrivals;

    /**
     * @param runPrefix the ids' common prefix, {@code <run>-}
     * @param topics    the output topics, at most four (two bits of a delivery byte each)
     */
    public DeliveryLedger(String runPrefix, List<String> topics) {
        this.prefix = Objects.requireNonNull(runPrefix, "runPrefix");
        this.topics = List.copyOf(topics);
        if (this.topics.isEmpty() || this.topics.size() > 4) {
            throw new IllegalArgumentException("a ledger tracks 1 to 4 output topics, got " + topics);
        }
    }

    /** The record with this id was published. */
    public synchronized void published(String id) {
        long n = sequenceOf(id);
        if (n < 0) {
            throw new IllegalArgumentException("not an id of this run (" + prefix + "<n>): " + id);
        }
        published.set((int) n);
    }

    /** The record with this key arrived on this output topic. */
    public synchronized void delivered(String key, String topic) {
        int t = topics.indexOf(topic);
        if (t < 0) {
            throw new IllegalArgumentException("not a tracked output topic: " + topic);
        }
        long n = sequenceOf(key);
        if (n < 0) {
            otherArrivals++;
            return;
        }
        int i = (int) n;
        if (i >= deliveries.length) {
            deliveries = Arrays.copyOf(deliveries, Math.max(i + 1, deliveries.length * 2));
        }
        int b = deliveries[i] & 0xff;
        int count = b >>> 4;
        if (count == 0) {
            b = t;
        } else if (count == 1) {
            b |= t << 2;
        }
        deliveries[i] = (byte) ((b & 0x0f) | Math.min(count + 1, MAX_COUNT) << 4);
    }

    /** The reconciliation of every published record. */
    public synchronized Reconciliation reconcile() {
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        long missingCount = 0;
        long duplicatedCount = 0;
        for (int i = published.nextSetBit(0); i >= 0; i = published.nextSetBit(i + 1)) {
            int b = i < deliveries.length ? deliveries[i] & 0xff : 0;
            int count = b >>> 4;
            if (count == 0) {
                missingCount++;
                if (missing.size() < EXAMPLES) {
                    missing.add(prefix + i);
                }
            } else if (count > 1) {
                duplicatedCount++;
                if (duplicated.size() < EXAMPLES) {
                    String more = count == MAX_COUNT ? ", … (" + MAX_COUNT + " or more)"
                            : count > 2 ? ", … (" + count + ")" : "";
                    duplicated.add(prefix + i + " [" + topics.get(b & 3) + ", " + topics.get((b >>> 2) & 3) + more + "]");
                }
            }
        }
        return new Reconciliation(missingCount, duplicatedCount, missing, duplicated);
    }

    /** Arrivals under keys that are not ids of this run. */
    public synchronized long otherArrivals() {
        return otherArrivals;
    }

    private static final int EXAMPLES = 5;

    /** {@code n} of an id {@code <run>-<n>} of this run, or -1. */
    private long sequenceOf(String id) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length()
                || id.length() - prefix.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= Integer.MAX_VALUE - 1 ? n : -1;
    }

    /**
     * Published records with no output and with more than one, and up to five examples of each
     * (a duplicate's example names the first two topics it arrived on).
     */
    public record Reconciliation(long missing, long duplicated, List<String> missingExamples,
            List<String> duplicatedExamples) {
        public Reconciliation {
            missingExamples = List.copyOf(missingExamples);
            duplicatedExamples = List.copyOf(duplicatedExamples);
        }
    }
}
