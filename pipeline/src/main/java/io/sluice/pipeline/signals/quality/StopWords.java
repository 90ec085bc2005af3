package io.sluice.pipeline.signals.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import io.sluice.pipeline.text.UnspacedScript;
import io.sluice.pipeline.text.UnspacedWords;

/**
 * A stop-word list and a per-document record of which of its words occurred, for Gopher's "at least
 * two distinct stop words" rule. Matching is case-sensitive and exact, as datatrove's set
 * intersection is. Not thread-safe (it holds the per-document record).
 */
final class StopWords {

    /**
     * Lucene's default stop sets by ISO 639-1 code; where Lucene's analysis-common has none,
     * stopwords-iso's (Esperanto, Vietnamese, Marathi, Polish, Croatian, Slovak, Slovenian, Hebrew,
     * Gujarati, Korean, Urdu, Chinese, Japanese), then spaCy's (Kannada, Macedonian, Malayalam,
     * Sinhala, Tamil; Serbian's is added to Lucene's), then NLTK's (Kazakh), then the npm package
     * stopword's (Burmese, Punjabi). Lucene's lists are the Snowball / Savoy lists of each language:
     * full function-word lists (100 to 600 words; Ukrainian's 1,269 inflected forms), much longer
     * than Gopher's eight most frequent English words, so "two distinct stop words" is an easier bar
     * with them; a policy using another language should raise {@code minStopWords} for that slice
     * accordingly.
     */
    private static final Map<String, Supplier<CharArraySet>> LISTS = Map.ofEntries(
            Map.entry("ar", org.apache.lucene.analysis.ar.ArabicAnalyzer::getDefaultStopSet),
            Map.entry("bg", org.apache.lucene.analysis.bg.BulgarianAnalyzer::getDefaultStopSet),
            Map.entry("bn", org.apache.lucene.analysis.bn.BengaliAnalyzer::getDefaultStopSet),
            Map.entry("ca", org.apache.lucene.analysis.ca.CatalanAnalyzer::getDefaultStopSet),
            Map.entry("cs", org.apache.lucene.analysis.cz.CzechAnalyzer::getDefaultStopSet),
            Map.entry("da", org.apache.lucene.analysis.da.DanishAnalyzer::getDefaultStopSet),
            Map.entry("de", org.apache.lucene.analysis.de.GermanAnalyzer::getDefaultStopSet),
            Map.entry("el", org.apache.lucene.analysis.el.GreekAnalyzer::getDefaultStopSet),
            Map.entry("es", org.apache.lucene.analysis.es.SpanishAnalyzer::getDefaultStopSet),
            Map.entry("et", org.apache.lucene.analysis.et.EstonianAnalyzer::getDefaultStopSet),
            Map.entry("eu", org.apache.lucene.analysis.eu.BasqueAnalyzer::getDefaultStopSet),
            Map.entry("fa", org.apache.lucene.analysis.fa.PersianAnalyzer::getDefaultStopSet),
            Map.entry("fi", org.apache.lucene.analysis.fi.FinnishAnalyzer::getDefaultStopSet),
            Map.entry("fr", org.apache.lucene.analysis.fr.FrenchAnalyzer::getDefaultStopSet),
            Map.entry("ga", org.apache.lucene.analysis.ga.IrishAnalyzer::getDefaultStopSet),
            Map.entry("gl", org.apache.lucene.analysis.gl.GalicianAnalyzer::getDefaultStopSet),
            Map.entry("hi", org.apache.lucene.analysis.hi.HindiAnalyzer::getDefaultStopSet),
            Map.entry("hu", org.apache.lucene.analysis.hu.HungarianAnalyzer::getDefaultStopSet),
            Map.entry("hy", org.apache.lucene.analysis.hy.ArmenianAnalyzer::getDefaultStopSet),
            Map.entry("id", org.apache.lucene.analysis.id.IndonesianAnalyzer::getDefaultStopSet),
            Map.entry("it", org.apache.lucene.analysis.it.ItalianAnalyzer::getDefaultStopSet),
            Map.entry("lt", org.apache.lucene.analysis.lt.LithuanianAnalyzer::getDefaultStopSet),
            Map.entry("lv", org.apache.lucene.analysis.lv.LatvianAnalyzer::getDefaultStopSet),
            Map.entry("ne", org.apache.lucene.analysis.ne.NepaliAnalyzer::getDefaultStopSet),
            Map.entry("nl", org.apache.lucene.analysis.nl.DutchAnalyzer::getDefaultStopSet),
            Map.entry("no", org.apache.lucene.analysis.no.NorwegianAnalyzer::getDefaultStopSet),
            // Norwegian text is tagged by its written standard (Bokmål, Nynorsk) as often as "no".
            Map.entry("nb", org.apache.lucene.analysis.no.NorwegianAnalyzer::getDefaultStopSet),
            Map.entry("nn", org.apache.lucene.analysis.no.NorwegianAnalyzer::getDefaultStopSet),
            Map.entry("pt", org.apache.lucene.analysis.pt.PortugueseAnalyzer::getDefaultStopSet),
            Map.entry("ro", org.apache.lucene.analysis.ro.RomanianAnalyzer::getDefaultStopSet),
            Map.entry("ru", org.apache.lucene.analysis.ru.RussianAnalyzer::getDefaultStopSet),
            // Lucene's Serbian list is auxiliaries and conjunctions only (no у, на, за, од, да, се): with
            // spaCy's function words added, in Cyrillic and transliterated to Latin, since Serbian is
            // written in both (twelfth session; see spacy/NOTICE.md).
            Map.entry("sr", () -> union(org.apache.lucene.analysis.sr.SerbianAnalyzer.getDefaultStopSet(),
                    withSerbianLatin(wordList("spacy/sr.txt")))),
            Map.entry("sv", org.apache.lucene.analysis.sv.SwedishAnalyzer::getDefaultStopSet),
            Map.entry("te", org.apache.lucene.analysis.te.TeluguAnalyzer::getDefaultStopSet),
            Map.entry("th", org.apache.lucene.analysis.th.ThaiAnalyzer::getDefaultStopSet),
            Map.entry("tr", org.apache.lucene.analysis.tr.TurkishAnalyzer::getDefaultStopSet),
            // Lucene's Ukrainian list, the one UkrainianMorfologikAnalyzer uses, read as a resource of
            // lucene-analysis-morfologik: that analyzer itself would load its ~4 MB dictionary, which
            // counting stop words does not need.
            Map.entry("uk", () -> wordList("/org/apache/lucene/analysis/uk/stopwords.txt")),
            // Lucene has none for these: stopwords-iso's (see stopwords-iso/NOTICE.md).
            Map.entry("eo", () -> wordList("stopwords-iso/eo.txt")),
            Map.entry("he", () -> wordList("stopwords-iso/he.txt")),
            Map.entry("hr", () -> wordList("stopwords-iso/hr.txt")),
            Map.entry("mr", () -> wordList("stopwords-iso/mr.txt")),
            Map.entry("pl", () -> wordList("stopwords-iso/pl.txt")),
            Map.entry("sk", () -> wordList("stopwords-iso/sk.txt")),
            Map.entry("sl", () -> wordList("stopwords-iso/sl.txt")),
            Map.entry("vi", () -> wordList("stopwords-iso/vi.txt")),
            Map.entry("gu", () -> wordList("stopwords-iso/gu.txt")),
            Map.entry("ko", () -> wordList("stopwords-iso/ko.txt")),
            Map.entry("ur", () -> wordList("stopwords-iso/ur.txt")),
            // Chinese and Japanese (signals version 24): their punctuation entries left out.
            Map.entry("zh", () -> wordList("stopwords-iso/zh.txt")),
            Map.entry("ja", () -> wordList("stopwords-iso/ja.txt")),
            // Neither Lucene nor stopwords-iso has these: spaCy's lists (see spacy/NOTICE.md).
            Map.entry("kn", () -> wordList("spacy/kn.txt")),
            Map.entry("mk", () -> wordList("spacy/mk.txt")),
            Map.entry("ml", () -> wordList("spacy/ml.txt")),
            Map.entry("si", () -> wordList("spacy/si.txt")),
            Map.entry("ta", () -> wordList("spacy/ta.txt")),
            // Nor spaCy: NLTK's stopwords corpus (see nltk/NOTICE.md).
            Map.entry("kk", () -> wordList("nltk/kk.txt")),
            // Nor NLTK: the npm package stopword's (see stopword/NOTICE.md; signals version 24).
            Map.entry("my", () -> wordList("stopword/my.txt")),
            Map.entry("pa", () -> wordList("stopword/pa.txt")));

    /** The words of all the sets. */
    private static CharArraySet union(CharArraySet... sets) {
        CharArraySet all = new CharArraySet(1024, false);
        for (CharArraySet set : sets) {
            all.addAll(set);
        }
        return all;
    }

    /** Serbian Cyrillic → Latin, letter for letter (љ → lj, њ → nj, џ → dž), as Serbian writes both. */
    private static final String SERBIAN_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш";
    private static final String[] SERBIAN_LATIN = {"a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k",
        "l", "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"};

    /** A Serbian Cyrillic set and its words in Latin script (words with other letters are not transliterated). */
    private static CharArraySet withSerbianLatin(CharArraySet cyrillic) {
        CharArraySet both = new CharArraySet(cyrillic.size() * 2, false);
        both.addAll(cyrillic);
        for (Object w : cyrillic) {
            String word = w instanceof char[] chars ? new String(chars) : w.toString();
            StringBuilder out = new StringBuilder(word.length() + 2);
            for (int i = 0; i < word.length() && out != null; i++) {
                int at = SERBIAN_CYRILLIC.indexOf(word.charAt(i));
                if (at < 0) {
                    out = null;
                } else {
                    out.append(SERBIAN_LATIN[at]);
                }
            }
            if (out != null) {
                both.add(out.toString());
            }
        }
        return both;
    }

    /** A stop-word list on the class path, one word per line (relative names: next to this class). */
    private static CharArraySet wordList(String resource) {
        try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("stop-word list " + resource + " is not on the class path");
            }
            return WordlistLoader.getWordSet(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stop-word list " + resource, e);
        }
    }

    private final CharArrayMap<Integer> ids;
    /**
     * Cuts a run of a script written without spaces into words (see {@link #seeUnspacedWords}); null
     * for the languages written with spaces. Not thread-safe, as this class.
     */
    private final UnspacedWords unspacedWords;
    private final boolean[] seen;
    /** Shortest and longest stop word: most tokens fall outside and skip the hash lookup. */
    private final int minLength;
    private final int maxLength;
    /**
     * Bit {@code c & 63} is set for the first char {@code c} of every stop word: one shift rules out
     * most remaining tokens before the hash lookup.
     */
    private final long firstChars;
    private int distinct;

    private StopWords(CharArrayMap<Integer> ids, int size) {
        this(ids, size, null);
    }

    private StopWords(CharArrayMap<Integer> ids, int size, UnspacedWords unspacedWords) {
        this.unspacedWords = unspacedWords;
        this.ids = ids;
        this.seen = new boolean[size];
        int min = Integer.MAX_VALUE;
        int max = 0;
        long first = 0;
        for (Object key : ids.keySet()) {
            String word = key instanceof char[] chars ? new String(chars) : key.toString();
            min = Math.min(min, word.length());
            max = Math.max(max, word.length());
            if (!word.isEmpty()) {
                first |= 1L << (word.charAt(0) & 63);
            }
        }
        this.minLength = min;
        this.maxLength = max;
        this.firstChars = first;
    }

    static StopWords of(List<String> words) {
        CharArrayMap<Integer> ids = new CharArrayMap<>(words.size(), false);
        for (String w : words) {
            if (!ids.containsKey(w)) {
                ids.put(w, ids.size());
            }
        }
        return new StopWords(ids, ids.size());
    }

    /**
     * The stop words of a language by ISO 639-1 code: datatrove's eight for {@code en}, Lucene's
     * default stop set for the others.
     *
     * @throws IllegalArgumentException for a language without a list
     */
    static StopWords forLanguage(String iso639_1) {
        String code = iso639_1.toLowerCase(Locale.ROOT);
        if (code.equals("en")) {
            return of(GopherQuality.ENGLISH_STOP_WORDS);
        }
        Supplier<CharArraySet> set = LISTS.get(code);
        if (set == null) {
            throw new IllegalArgumentException("no stop-word list for language '" + iso639_1 + "'; known: en, "
                    + LISTS.keySet().stream().sorted().toList());
        }
        CharArrayMap<Integer> ids = new CharArrayMap<>(256, false);
        for (Object w : set.get()) {
            String word = w instanceof char[] chars ? new String(chars) : w.toString();
            ids.put(word, ids.size());
        }
        return new StopWords(ids, ids.size(), SharedWords.UNSPACED_LANGUAGES.contains(code) ? new UnspacedWords() : null);
    }

    /** True when {@link #forLanguage} has a list for the language (lower-case ISO 639-1). */
    static boolean hasList(String iso639_1) {
        return iso639_1.equals("en") || LISTS.containsKey(iso639_1);
    }

    int size() {
        return seen.length;
    }

    void reset() {
        Arrays.fill(seen, false);
        distinct = 0;
    }

    void see(char[] chars, int start, int end) {
        if (unspacedWords != null && end - start > maxLength && UnspacedScript.isUnspaced(chars[start])) {
            seeUnspacedWords(chars, start, end);
            return;
        }
        final int len = end - start;
        if (len < minLength || len > maxLength || (firstChars >>> (chars[start] & 63) & 1) == 0) {
            return;
        }
        Integer id = ids.get(chars, start, end - start);
        if (id != null && !seen[id]) {
            seen[id] = true;
            distinct++;
        }
    }

    int distinct() {
        return distinct;
    }

    /**
     * Thai, Chinese and Japanese are written without spaces, so a Treebank token can be a run of
     * several words in which a stop word never stands alone. The stream's tokens come already cut
     * into words ({@link SharedWords#languageAware}); a longer run still, from a caller whose tokens
     * are not, is cut here by ICU's dictionary-based word breaks and each word looked up. (Thai used
     * the JDK's Thai iterator in signals version 23.)
     */
    private void seeUnspacedWords(char[] chars, int start, int end) {
        unspacedWords.reset(chars, start, end);
        while (unspacedWords.next()) {
            int from = unspacedWords.start();
            int len = unspacedWords.end() - from;
            if (len < minLength || len > maxLength) {
                continue;
            }
            Integer id = ids.get(chars, from, len);
            if (id != null && !seen[id]) {
                seen[id] = true;
                distinct++;
            }
        }
    }
}
