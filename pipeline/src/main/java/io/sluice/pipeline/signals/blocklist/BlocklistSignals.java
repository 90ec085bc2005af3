package io.sluice.pipeline.signals.blocklist;

import io.sluice.pipeline.signals.RecordLanguage;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
import io.sluice.pipeline.text.AhoCorasick;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code blocklist} family: {@code blocklist.hits}, matches of any configured list at word
 * boundaries; {@code blocklist.language_hits}, matches of the lists that apply to the record's
 * language; and {@code blocklist.<list>.hits} per list. One Aho-Corasick pass per list, independent
 * of its size.
 *
 * <p>Every list runs on every record, so a term from the German list in a document labelled French
 * is still counted in {@code blocklist.hits} and its list's count. But term lists are written for one
 * language, and words of one are harmless words of another: English "fart" is Danish, Norwegian and
 * Swedish for speed, German "Gift" (poison) and "Mist" are English words, Spanish "coger" is everyday
 * speech outside Latin America. A list named by an ISO 639-1 code, alone or before an underscore
 * ({@code de}, {@code de_slurs}), therefore counts in {@code blocklist.language_hits} only for records
 * of that language (declared, else identified; {@code nb} and {@code nn} count as {@code no}). Lists
 * named otherwise ({@code brands}, {@code all_terms}) count for every record, and so does every list
 * for a record whose language is unknown. The default policy routes on {@code language_hits}.
 */
public final class BlocklistSignals implements TextSignalFamily {

    public static final String FAMILY = "blocklist";
    public static final String HITS = "blocklist.hits";
    public static final String LANGUAGE_HITS = "blocklist.language_hits";

    private final AhoCorasick[] matchers;
    private final String[] names;
    /** The language each list is for, or null for a list that applies to every record. */
    private final String[] listLanguages;
    private final RecordLanguage language;
    private final List<String> signalNames;

    /** Every list for every record: {@code language_hits} equals {@code hits}. */
    public BlocklistSignals(Blocklists lists) {
        this(lists, null);
    }

    /** Lists named by a language apply to that language's records in {@code language_hits}; see the class comment. */
    public BlocklistSignals(Blocklists lists, RecordLanguage language) {
        this.language = language;
        matchers = lists.matchers().values().toArray(AhoCorasick[]::new);
        names = new String[matchers.length];
        listLanguages = new String[matchers.length];
        List<String> all = new ArrayList<>(List.of(HITS, LANGUAGE_HITS));
        int i = 0;
        for (String list : lists.matchers().keySet()) {
            listLanguages[i] = languageOf(list);
            names[i++] = FAMILY + "." + list + ".hits";
            all.add(names[i - 1]);
        }
        signalNames = List.copyOf(all);
    }

    /** The ISO 639-1 code a list name stands for ({@code de}, {@code de_slurs}), or null. */
    static String languageOf(String listName) {
        int end = listName.indexOf('_');
        String head = end < 0 ? listName : listName.substring(0, end);
        return head.length() == 2 ? sameLanguage(head) : null;
    }

    /** Norwegian's written standards are one language to a list (as to the identifier, which answers {@code no}). */
    private static String sameLanguage(String code) {
        return code.equals("nb") || code.equals("nn") ? "no" : code;
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
        String recordLanguage = null;
        if (language != null && matchers.length > 0) {
            String code = language.languageSubtag(text);
            recordLanguage = code == null ? null : sameLanguage(code);
        }
        int[] hits = new int[matchers.length];
        int total = 0;
        int languageTotal = 0;
        for (int i = 0; i < matchers.length; i++) {
            hits[i] = matchers[i].count(text);
            total += hits[i];
            if (recordLanguage == null || listLanguages[i] == null || listLanguages[i].equals(recordLanguage)) {
                languageTotal += hits[i];
            }
        }
        out.put(HITS, total);
        out.put(LANGUAGE_HITS, languageTotal);
        for (int i = 0; i < matchers.length; i++) {
            out.put(names[i], hits[i]);
        }
    }
}
