package io.sluice.pipeline.signals.blocklist;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import io.sluice.pipeline.text.AhoCorasick;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code blocklist} family: {@code blocklist.hits}, matches of any configured list at word
 * boundaries, and {@code blocklist.<list>.hits} per list. Every list runs on every record: a term
 * from the German list in a document labelled French is still worth knowing about, and record
 * language labels are often wrong. One Aho-Corasick pass per list, independent of its size.
 */
public final class BlocklistSignals implements TextSignalFamily {

    public static final String FAMILY = "blocklist";
    public static final String HITS = "blocklist.hits";

    private final AhoCorasick[] matchers;
    private final String[] names;
    private final List<String> signalNames;

    public BlocklistSignals(Blocklists lists) {
        matchers = lists.matchers().values().toArray(AhoCorasick[]::new);
        names = new String[matchers.length];
        List<String> all = new ArrayList<>(List.of(HITS));
        int i = 0;
        for (String list : lists.matchers().keySet()) {
            names[i++] = FAMILY + "." + list + ".hits";
            all.add(names[i - 1]);
        }
        signalNames = List.copyOf(all);
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return signalNames;
    }

    @Override
    public void compute(String text, SignalCollector out) {
        int[] hits = new int[matchers.length];
        int total = 0;
        for (int i = 0; i < matchers.length; i++) {
            hits[i] = matchers[i].count(text);
            total += hits[i];
        }
        out.put(HITS, total);
        for (int i = 0; i < matchers.length; i++) {
            out.put(names[i], hits[i]);
        }
    }
}
