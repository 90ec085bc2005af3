package io.sluice.pipeline.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

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
    /** At most this many chars are read: the decision is made long before in real text. */
    static final int MAX_CHARS = 8_000;
    private static final int MIN_WORD_LENGTH = 3;

    private final Map<String, Float> ratios;
    private final Map<String, Integer> yat;

    SerbianLatinCheck(Map<String, Float> ratios, Map<String, Integer> yat) {
        this.ratios = Map.copyOf(ratios);
        this.yat = Map.copyOf(yat);
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
        Map<String, Float> ratios = new HashMap<>();
        Map<String, Integer> yat = new HashMap<>();
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
        Set<String> words = distinctWords(text);
        boolean ekavian = false;
        double sum = 0;
        for (String word : words) {
            Integer yatClass = yat.get(word);
            if (yatClass != null) {
                if (yatClass < 0) {
                    return false;
                }
                ekavian = true;
            } else if (ijekavianOfSerbianWord(word)) {
                return false;
            }
            Float ratio = ratios.get(word);
            if (ratio != null) {
                sum += ratio;
            }
        }
        return ekavian && sum > 0;
    }

    /** Ratio above which a word counts as Serbian only, for {@link #ijekavianOfSerbianWord}. */
    static final double SERBIAN_ONLY_RATIO = 2.0;

    /**
     * Whether {@code word} is the ijekavian form of a word the lexicon knows as Serbian only: one of
     * its ije or je read as e, or its final io as eo, gives such a word, while the word itself does not
     * lean Serbian. This finds the Croatian forms the training text did not have ("posljednje" from
     * Serbian "poslednje"), so one of them vetoes Serbian as a listed one does.
     */
    boolean ijekavianOfSerbianWord(String word) {
        Float own = ratios.get(word);
        if (own != null && own > 0) {
            return false;
        }
        for (int i = word.indexOf("je"); i >= 0; i = word.indexOf("je", i + 1)) {
            boolean ije = i > 0 && word.charAt(i - 1) == 'i';
            String ekavian = ije ? word.substring(0, i - 1) + "e" + word.substring(i + 2)
                    : word.substring(0, i) + "e" + word.substring(i + 2);
            if (serbianOnly(ekavian)) {
                return true;
            }
        }
        return word.endsWith("io") && serbianOnly(word.substring(0, word.length() - 2) + "eo");
    }

    private boolean serbianOnly(String word) {
        Float ratio = ratios.get(word);
        return ratio != null && ratio >= SERBIAN_ONLY_RATIO;
    }

    /** Lower-cased runs of letters of at least three chars, each once. */
    static Set<String> distinctWords(CharSequence text) {
        Set<String> words = new HashSet<>();
        int end = Math.min(text.length(), MAX_CHARS);
        int i = 0;
        while (i < end) {
            while (i < end && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_WORD_LENGTH) {
                words.add(text.subSequence(start, i).toString().toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }
}
