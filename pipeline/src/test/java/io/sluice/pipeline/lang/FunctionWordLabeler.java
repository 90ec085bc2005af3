package io.sluice.pipeline.lang;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;

/**
 * Labels a Europarl document with its language by counting function words, independently of every
 * identifier under comparison (ours, Lingua, Optimaize): Europarl's line file carries no language
 * field. Lists: Lucene's stop sets (Snowball / Savoy) for the 18 Europarl languages Lucene covers,
 * and short hand-written lists of the most frequent function words for Polish, Slovak and
 * Slovenian, which Lucene lacks. Czech and Slovak share many function words, so a document whose
 * best list is one of the two is decided by words only one of them uses.
 *
 * <p>Meant for whole documents (hundreds of words), where it is reliable; returns null when the
 * text has fewer than 30 words or no list covers at least 15% of them.
 */
final class FunctionWordLabeler {

    private static final Map<String, Set<String>> LISTS = new HashMap<>();
    private static final Set<String> SLOVAK_ONLY = Set.of("sa", "sú", "som", "ktoré", "ktorý", "ktorá", "ako",
            "aj", "pre", "ešte", "keď", "tiež", "môže", "veľmi", "bolo", "alebo", "sme", "nie", "tieto", "ktorých");
    private static final Set<String> CZECH_ONLY = Set.of("se", "jsou", "jsem", "které", "který", "která", "jako",
            "také", "pro", "ještě", "když", "může", "velmi", "bylo", "nebo", "jsme", "ne", "tyto", "kterých");

    static {
        lucene("bg", org.apache.lucene.analysis.bg.BulgarianAnalyzer.getDefaultStopSet());
        lucene("cs", org.apache.lucene.analysis.cz.CzechAnalyzer.getDefaultStopSet());
        lucene("da", org.apache.lucene.analysis.da.DanishAnalyzer.getDefaultStopSet());
        lucene("de", org.apache.lucene.analysis.de.GermanAnalyzer.getDefaultStopSet());
        lucene("el", org.apache.lucene.analysis.el.GreekAnalyzer.getDefaultStopSet());
        lucene("en", org.apache.lucene.analysis.en.EnglishAnalyzer.getDefaultStopSet());
        lucene("es", org.apache.lucene.analysis.es.SpanishAnalyzer.getDefaultStopSet());
        lucene("et", org.apache.lucene.analysis.et.EstonianAnalyzer.getDefaultStopSet());
        lucene("fi", org.apache.lucene.analysis.fi.FinnishAnalyzer.getDefaultStopSet());
        lucene("fr", org.apache.lucene.analysis.fr.FrenchAnalyzer.getDefaultStopSet());
        lucene("hu", org.apache.lucene.analysis.hu.HungarianAnalyzer.getDefaultStopSet());
        lucene("it", org.apache.lucene.analysis.it.ItalianAnalyzer.getDefaultStopSet());
        lucene("lt", org.apache.lucene.analysis.lt.LithuanianAnalyzer.getDefaultStopSet());
        lucene("lv", org.apache.lucene.analysis.lv.LatvianAnalyzer.getDefaultStopSet());
        lucene("nl", org.apache.lucene.analysis.nl.DutchAnalyzer.getDefaultStopSet());
        lucene("pt", org.apache.lucene.analysis.pt.PortugueseAnalyzer.getDefaultStopSet());
        lucene("ro", org.apache.lucene.analysis.ro.RomanianAnalyzer.getDefaultStopSet());
        lucene("sv", org.apache.lucene.analysis.sv.SwedishAnalyzer.getDefaultStopSet());
        hand("pl", "i w na z się nie do to że jest o jak ale co przez dla oraz który która które są być tym "
                + "tego także jego może już tak czy po od ze we tylko te jednak również bardzo jako przy pan pani");
        hand("sk", "a v na sa je to že z s o do ako aj by pre sú nie som tak ktoré ktorý ktorá však ešte alebo "
                + "aby keď už len ich ale pri od po za tiež môže veľmi bolo bude");
        hand("sl", "in je da se na za so ki ne pa tudi bi v z s k o po ter ali kot iz smo bo lahko zato vendar "
                + "še to te ta tem ga jih pri od do če kar mi");
    }

    private static void lucene(String lang, CharArraySet set) {
        Set<String> words = new HashSet<>();
        for (Object o : set) {
            words.add(new String((char[]) o));
        }
        LISTS.put(lang, words);
    }

    private static void hand(String lang, String words) {
        LISTS.put(lang, Set.copyOf(List.of(words.split(" "))));
    }

    /** The language of {@code text}, or null when unsure. */
    String label(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        int total = 0;
        Map<String, Integer> hits = new HashMap<>();
        int sk = 0;
        int cs = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            total++;
            for (Map.Entry<String, Set<String>> e : LISTS.entrySet()) {
                if (e.getValue().contains(w)) {
                    hits.merge(e.getKey(), 1, Integer::sum);
                }
            }
            if (SLOVAK_ONLY.contains(w)) {
                sk++;
            }
            if (CZECH_ONLY.contains(w)) {
                cs++;
            }
        }
        if (total < 30) {
            return null;
        }
        String best = null;
        int bestHits = 0;
        for (Map.Entry<String, Integer> e : hits.entrySet()) {
            if (e.getValue() > bestHits) {
                best = e.getKey();
                bestHits = e.getValue();
            }
        }
        if (best == null || bestHits < 0.15 * total) {
            return null;
        }
        if (best.equals("cs") || best.equals("sk")) {
            if (sk == cs) {
                return null;
            }
            return sk > cs ? "sk" : "cs";
        }
        return best;
    }
}
