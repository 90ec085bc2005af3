package io.sluice.pipeline.signals.contamination;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code contamination} family: overlap of a document's word n-grams with benchmark sets.
 * <ul>
 *   <li>{@code contamination.ngram_hits}: document n-grams found in any benchmark;</li>
 *   <li>{@code contamination.max_overlap}: the largest, over benchmarks, fraction of the document's
 *       n-grams found in that benchmark (0 when the document has fewer than n words);</li>
 *   <li>{@code contamination.<benchmark>.ngram_hits} and {@code contamination.<benchmark>.overlap}
 *       per configured benchmark, so a reason can say which benchmark leaked.</li>
 * </ul>
 */
public final class ContaminationSignals implements TextSignalFamily {

    public static final String FAMILY = "contamination";
    public static final String NGRAM_HITS = "contamination.ngram_hits";
    public static final String MAX_OVERLAP = "contamination.max_overlap";

    private final long[][] sets;
    private final String[] hitNames;
    private final String[] overlapNames;
    private final List<String> names;
    private final WordNgrams grams;

    public ContaminationSignals(ContaminationIndex index) {
        this.grams = new WordNgrams(index.n());
        List<String> b = index.names();
        sets = new long[b.size()][];
        hitNames = new String[b.size()];
        overlapNames = new String[b.size()];
        List<String> all = new ArrayList<>(List.of(NGRAM_HITS, MAX_OVERLAP));
        for (int i = 0; i < b.size(); i++) {
            sets[i] = index.benchmarks().get(b.get(i));
            hitNames[i] = FAMILY + "." + b.get(i) + ".ngram_hits";
            overlapNames[i] = FAMILY + "." + b.get(i) + ".overlap";
            all.add(hitNames[i]);
            all.add(overlapNames[i]);
        }
        names = List.copyOf(all);
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return names;
    }

    @Override
    public void compute(String text, SignalCollector out) {
        if (sets.length == 0) {
            out.put(NGRAM_HITS, 0);
            out.put(MAX_OVERLAP, 0);
            return;
        }
        long[] g = grams.hash(text);
        int n = grams.size();
        int[] hits = new int[sets.length];
        int any = 0;
        for (int i = 0; i < n; i++) {
            boolean found = false;
            for (int b = 0; b < sets.length; b++) {
                if (Arrays.binarySearch(sets[b], g[i]) >= 0) {
                    hits[b]++;
                    found = true;
                }
            }
            if (found) {
                any++;
            }
        }
        double max = 0;
        out.put(NGRAM_HITS, any);
        double[] overlap = new double[sets.length];
        for (int b = 0; b < sets.length; b++) {
            overlap[b] = n == 0 ? 0 : hits[b] / (double) n;
            max = Math.max(max, overlap[b]);
        }
        out.put(MAX_OVERLAP, max);
        for (int b = 0; b < sets.length; b++) {
            out.put(hitNames[b], hits[b]);
            out.put(overlapNames[b], overlap[b]);
        }
    }
}
