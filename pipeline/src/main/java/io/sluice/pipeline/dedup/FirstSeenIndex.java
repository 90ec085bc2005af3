package io.sluice.pipeline.dedup;

import java.util.HashMap;
import java.util.Map;

/**
 * Deduplication in one process, for {@code sluice score}: remembers, per exact and band key, the id
 * of the first record that had it. The stream job keeps the same keys in Flink keyed state instead
 * (partitioned by key, with a time-to-live); both decide with {@link #resolve}, so a file scored
 * offline and the same records streamed in the same order get the same answers.
 */
public final class FirstSeenIndex {
    private final TextSignature signatures = new TextSignature();
    private final Map<Long, String> exactFirst = new HashMap<>();
    /** Band keys are salted per band, so one map serves all bands. */
    private final Map<Long, String> bandFirst = new HashMap<>();

    /** Checks {@code text} against everything seen, then remembers it as {@code id}. */
    public Duplication see(String id, String text) {
        TextSignature.Signature signature = signatures.of(text);
        if (signature.blank()) {
            return Duplication.NONE;
        }
        String exactOf = exactFirst.putIfAbsent(signature.exactKey(), id);
        long[] bands = signature.bandKeys();
        String[] bandOf = new String[bands.length];
        for (int b = 0; b < bands.length; b++) {
            bandOf[b] = bandFirst.putIfAbsent(bands[b], id);
        }
        return resolve(exactOf, bandOf);
    }

    /** Records remembered under an exact key. */
    public int size() {
        return exactFirst.size();
    }

    /**
     * The answer from what each key held before this record: the exact key's first id (null when
     * new) and each band key's, in any order. The exact match wins; otherwise the earlier id that
     * holds most bands (the smallest id among ties, so the answer does not depend on the order in
     * which the stream's answers arrive).
     */
    public static Duplication resolve(String exactOf, String[] bandOf) {
        int matches = 0;
        String best = null;
        int bestCount = 0;
        for (int b = 0; b < bandOf.length; b++) {
            if (bandOf[b] == null) {
                continue;
            }
            matches++;
            int count = 0;
            for (String other : bandOf) {
                if (bandOf[b].equals(other)) {
                    count++;
                }
            }
            if (count > bestCount || (count == bestCount && bandOf[b].compareTo(best) < 0)) {
                bestCount = count;
                best = bandOf[b];
            }
        }
        if (exactOf != null) {
            return new Duplication(true, matches, exactOf);
        }
        return matches == 0 ? Duplication.NONE : new Duplication(false, matches, best);
    }
}
