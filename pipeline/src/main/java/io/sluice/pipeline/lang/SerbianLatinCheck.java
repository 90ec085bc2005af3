package io.sluice.pipeline.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.CharArrayMap;

/**
 * Tells Serbian written in Latin script from Croatian, which the model cannot: its Serbian row is
 * Cyrillic, so Latin Serbian scores as Croatian. Asked only after a Croatian answer.
 *
 * <p>The evidence, from a lexicon built from the training text ({@code serbian_latin_lexicon.py}):
 * <ul>
 *   <li>the yat reflex, the one regular difference between the two standards: Serbian's ekavian
 *       forms ("mesto", "gde", "deo") against Croatian's ijekavian ones ("mjesto", "gdje", "dio"),
 *       pairs seen in the training text. One ijekavian word keeps the text Croatian;</li>
 *   <li>the log-likelihood ratios of the text's other words (tačka/točka, računar/računalo), each
 *       distinct word counted once, so that a word repeated down a list or a table does not decide.</li>
 * </ul>
 * A text is Serbian when it has an ekavian word, no ijekavian one, and its ratios sum above zero.
 * Both standards share most words, so what is left undecided stays Croatian, the answer before this
 * check existed.
 *
 * <p>The ratios alone are not enough: the training text is program messages, so shared words of
 * everyday prose carry its register, not the language ("sam", "znam", "imam" lean Serbian because
 * Croatian messages rarely say "I"). Letting a large enough sum decide without an ekavian word found
 * half of GNOME help's Serbian Latin paragraphs instead of a third, but a first-person Croatian
 * paragraph of a Debian manual went Serbian on such words; see docs/LANGID.md.
 */
final class SerbianLatinCheck {

    static final String LEXICON = "/io/sluice/pipeline/lang/serbian-latin-lexicon.tsv.gz";
    /**
     * At most this many chars are read (~400 words; a Serbian paragraph of 200 chars has an ekavian
     * word half the time). Every Croatian record pays for the scan: ~3.5 µs per 300 chars on top of the
     * identifier's ~7.5 µs.
     */
    static final int MAX_CHARS = 3_000;
    /** Ratio above which a word counts as Serbian only, for {@link #ijekavianOfSerbianWord}. */
    static final double SERBIAN_ONLY_RATIO = 2.0;
    private static final int MIN_WORD_LENGTH = 3;
    /** Longer letter runs are not words of the lexicon (its longest has 24 chars); they are skipped. */
    private static final int MAX_WORD_LENGTH = 48;

    /** A lexicon word: its index (for counting it once per text), ratio and yat class. */
    private record Entry(int index, float ratio, int yat) {
    }

    /**
     * The lexicon, looked up by a word's chars without making a String of it: the check runs on every
     * text identified as Croatian, so a Croatian stream pays it per record.
     */
    private final CharArrayMap<Entry> lexicon;

    /**
     * @param ratios ln P(word | Serbian) - ln P(word | Croatian), by lower-case word
     * @param yat    +1 for an ekavian form, -1 for an ijekavian one; other words absent
     */
    SerbianLatinCheck(Map<String, Float> ratios, Map<String, Integer> yat) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Float> e : ratios.entrySet()) {
            entries.put(e.getKey(), new Entry(entries.size(), e.getValue(), yat.getOrDefault(e.getKey(), 0)));
        }
        for (Map.Entry<String, Integer> e : yat.entrySet()) {
            entries.putIfAbsent(e.getKey(), new Entry(entries.size(), 0f, e.getValue()));
        }
        lexicon = new CharArrayMap<>(entries.size(), false);
        entries.forEach(lexicon::put);
    }

    /** The lexicon shipped with Sluice, loaded once on first use. */
    static SerbianLatinCheck standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final SerbianLatinCheck STANDARD = load();
    }

    /** Reads the lexicon shipped with Sluice. */
    static SerbianLatinCheck load() {
        Map<String, Float> ratios = new LinkedHashMap<>();
        Map<String, Integer> yat = new LinkedHashMap<>();
        try (InputStream raw = SerbianLatinCheck.class.getResourceAsStream(LEXICON)) {
            if (raw == null) {
                throw new IllegalStateException("Serbian Latin lexicon " + LEXICON + " is not on the class path");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                float ratio = Float.parseFloat(fields[1]);
                if (ratio != 0f) {
                    ratios.put(fields[0], ratio);
                }
                int yatClass = Integer.parseInt(fields[2]);
                if (yatClass != 0) {
                    yat.put(fields[0], yatClass);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LEXICON, e);
        }
        return new SerbianLatinCheck(ratios, yat);
    }

    /** Whether {@code text}, identified as Croatian, is Serbian in Latin script. */
    boolean isSerbian(CharSequence text) {
        final int end = Math.min(text.length(), MAX_CHARS);
        final char[] word = new char[MAX_WORD_LENGTH];
        final char[] variant = new char[MAX_WORD_LENGTH];
        int[] seen = new int[16];
        int seenCount = 0;
        boolean ekavian = false;
        double sum = 0;
        int i = 0;
        while (i < end) {
            while (i < end && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Character.isLetter(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length < MIN_WORD_LENGTH || length > MAX_WORD_LENGTH) {
                continue;
            }
            for (int k = 0; k < length; k++) {
                word[k] = Character.toLowerCase(text.charAt(start + k));
            }
            Entry entry = lexicon.get(word, 0, length);
            if (entry == null) {
                if (ekavianReadingIsSerbianOnly(word, length, variant)) {
                    return false;
                }
                continue;
            }
            if (entry.yat() < 0 || (entry.yat() == 0 && entry.ratio() <= 0
                    && ekavianReadingIsSerbianOnly(word, length, variant))) {
                return false;
            }
            if (contains(seen, seenCount, entry.index())) {
                continue; // each distinct word once
            }
            if (seenCount == seen.length) {
                seen = Arrays.copyOf(seen, seenCount * 2);
            }
            seen[seenCount++] = entry.index();
            ekavian |= entry.yat() > 0;
            sum += entry.ratio();
        }
        return ekavian && sum > 0;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int k = 0; k < count; k++) {
            if (values[k] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the lower-case {@code word} is the ijekavian form of a word the lexicon knows as Serbian
     * only, while not leaning Serbian itself: the veto {@link #isSerbian} applies to words the lexicon
     * does not list as ijekavian.
     */
    boolean ijekavianOfSerbianWord(String word) {
        if (word.length() > MAX_WORD_LENGTH) {
            return false;
        }
        Entry own = lexicon.get(word);
        return (own == null || own.ratio() <= 0)
                && ekavianReadingIsSerbianOnly(word.toCharArray(), word.length(), new char[MAX_WORD_LENGTH]);
    }

    /**
     * Whether one of the ije or je of the lower-case {@code word[0, length)} read as e, or its final io
     * as eo, gives a word the lexicon knows as Serbian only. This finds the Croatian forms the training
     * text did not have ("posljednje" from Serbian "poslednje"), so one of them vetoes Serbian as a
     * listed one does. {@code variant} is scratch space of at least {@code length} chars.
     */
    private boolean ekavianReadingIsSerbianOnly(char[] word, int length, char[] variant) {
        for (int j = 1; j < length; j++) {
            if (word[j - 1] != 'j' || word[j] != 'e') {
                continue;
            }
            // "je" at j-1: drop the j (and an i before it), keep the e.
            int from = j >= 2 && word[j - 2] == 'i' ? j - 2 : j - 1;
            System.arraycopy(word, 0, variant, 0, from);
            System.arraycopy(word, j, variant, from, length - j);
            if (serbianOnly(variant, length - (j - from))) {
                return true;
            }
        }
        if (length >= 2 && word[length - 2] == 'i' && word[length - 1] == 'o') {
            System.arraycopy(word, 0, variant, 0, length);
            variant[length - 2] = 'e';
            return serbianOnly(variant, length);
        }
        return false;
    }

    private boolean serbianOnly(char[] word, int length) {
        Entry entry = lexicon.get(word, 0, length);
        return entry != null && entry.ratio() >= SERBIAN_ONLY_RATIO;
    }
}
