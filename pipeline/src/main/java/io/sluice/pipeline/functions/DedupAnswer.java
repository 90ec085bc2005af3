package io.sluice.pipeline.functions;

/** What a key held before a record's probe: the first record's id, or null when the key was new. A Flink POJO. */
public class DedupAnswer {
    public long recordRef;
    public boolean exactKey;
    public String firstId;
    public int expected;

    public DedupAnswer() {}

    public DedupAnswer(long recordRef, boolean exactKey, String firstId, int expected) {
        this.recordRef = recordRef;
        this.exactKey = exactKey;
        this.firstId = firstId;
        this.expected = expected;
    }
}
