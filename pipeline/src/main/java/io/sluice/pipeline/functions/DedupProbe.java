package io.sluice.pipeline.functions;

/**
 * One key of one record on its way to the subtask that remembers that key ({@link FirstSeenFunction}).
 * A Flink POJO (public fields, no-arg constructor): no Kryo.
 */
public class DedupProbe {
    /** The exact or band key (see {@code TextSignature}). */
    public long key;
    public boolean exactKey;
    /** The record's id: what the key remembers. */
    public String recordId;
    /** Where the answer goes: a 64-bit hash of the record's input coordinates (ids may repeat, offsets do not). */
    public long recordRef;
    /** The record's Kafka timestamp, then its offset, then {@link #recordRef}: its seniority (see {@link FirstSeenFunction}). */
    public long ingestTimeMs;
    public long inputOffset;
    /** How many probes the record sent, so the join knows when it has every answer. */
    public int expected;

    public DedupProbe() {}

    public DedupProbe(long key, boolean exactKey, String recordId, long recordRef, long ingestTimeMs, long inputOffset,
            int expected) {
        this.key = key;
        this.exactKey = exactKey;
        this.recordId = recordId;
        this.recordRef = recordRef;
        this.ingestTimeMs = ingestTimeMs;
        this.inputOffset = inputOffset;
        this.expected = expected;
    }
}
