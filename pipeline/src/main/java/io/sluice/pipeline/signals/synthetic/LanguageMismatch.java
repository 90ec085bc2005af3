package io.sluice.pipeline.signals.synthetic;

import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.signals.RecordLanguage;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a synthetic text is in another language than the one its generator was asked to write
 * ({@code synthetic.lang_mismatch}), from the language identifier's guess for the text.
 *
 * <ul>
 *   <li>Script: the text is written in a script the requested language is not (a table of ~100 ISO
 *       639-1 codes: Latin, Cyrillic, Greek, Arabic, Hebrew, Han and kana, Hangul, the Indic
 *       scripts, Thai, Georgian, …). The guess names the script of most of the text's letters; for
 *       scripts the identifier does not cover (it answers "undetermined") the letters are counted
 *       here.</li>
 *   <li>Language: for a requested language the identifier covers (the 24 EU languages, Russian,
 *       Chinese, Japanese, Arabic, Persian, Urdu, Catalan, Esperanto, Norwegian, Turkish, Ukrainian,
 *       Vietnamese, Hindi, Marathi, Nepali, Indonesian, Basque, Serbian, Macedonian, Belarusian,
 *       Kazakh, and by their scripts Korean, Hebrew, Thai and the other
 *       languages that own a script; Bokmål {@code nb} and Nynorsk {@code nn} requests count as
 *       Norwegian {@code no}, the code it answers), the guess is another language with confidence
 *       of at least {@value #MIN_CONFIDENCE}. A guess below that (a few words, close neighbours such
 *       as Czech and Slovak in a short text) is not evidence either way, and a generator is not sent
 *       back to regenerate a record on a hunch.
 *       Other languages (Galician, Malay, Albanian, Tatar, …) are judged by script alone: the
 *       identifier names the nearest language it knows (Galician as Portuguese or Spanish, Malay as
 *       Indonesian), which is not a mismatch. Serbian, Bosnian and Montenegrin in Latin script are
 *       Croatian or Serbian to the identifier (one language in four standards, written alike), so
 *       either guess matches a request for any of them.</li>
 *   <li>An unknown requested language, and a text too short or too code-like to identify, are never
 *       a mismatch.</li>
 * </ul>
 *
 * <p>The guess is the one the {@code lang} family computes for the same text, so the check costs
 * nothing more for text in the scripts the identifier covers.
 */
final class LanguageMismatch {

    /** The identifier's confidence from which another language counts as a mismatch. */
    static final double MIN_CONFIDENCE = 0.9;
    /**
     * Letters (a Han, kana or Hangul character counting {@value #CJK_WEIGHT}) the script count needs
     * before it says anything.
     */
    static final int MIN_LETTERS = 10;
    /** Share of the letters the dominant script needs in the script count. */
    static final double MIN_SCRIPT_SHARE = 0.6;
    /** A Han, kana or Hangul character carries about a word, several letters of an alphabet. */
    static final int CJK_WEIGHT = 3;
    /** Characters the script count reads, from the start, so that its cost is bounded. */
    static final int SCRIPT_WINDOW_CHARS = 1000;

    private static final Map<String, Set<UnicodeScript>> SCRIPTS = scripts();
    /** The scripts whose text the identifier names a language for (Han standing for Han and kana). */
    private static final Set<UnicodeScript> IDENTIFIED_SCRIPTS = EnumSet.of(UnicodeScript.LATIN,
            UnicodeScript.CYRILLIC, UnicodeScript.GREEK, UnicodeScript.ARABIC, UnicodeScript.HAN);

    /**
     * The script the identifier guesses a language for, where the language is written in several
     * (Serbian is also guessed for Latin text, see {@link #mismatch}).
     */
    private static final Map<String, UnicodeScript> GUESSED_IN = Map.of("sr", UnicodeScript.CYRILLIC,
            "kk", UnicodeScript.CYRILLIC);
    /**
     * Standards of Serbo-Croatian. The identifier calls their Latin-script text Croatian, or Serbian
     * when ekavian forms and Serbian words show (see LanguageIdentifier); either answer matches a request
     * for any of them in that script.
     */
    private static final Set<String> SERBO_CROATIAN = Set.of("hr", "sr", "bs", "sh", "cnr");

    private final Set<String> identifiable;

    /**
     * @param identifiable the languages the identifier can name (ISO 639-1), each with its scripts in the
     *                     table (the first is the one the identifier names it by: Hangul for Korean)
     */
    LanguageMismatch(List<String> identifiable) {
        for (String code : identifiable) {
            if (SCRIPTS.getOrDefault(code, Set.of()).isEmpty()) {
                throw new IllegalArgumentException("no script known for identifiable language '" + code + "'");
            }
        }
        this.identifiable = Set.copyOf(identifiable);
    }

    /**
     * @param requested the requested language (ISO 639-1 or a BCP 47 / POSIX tag such as {@code pt-BR},
     *                  {@code zh_Hans}); null or blank for none
     * @param text      the text
     * @param guess     the identifier's guess for {@code text}
     */
    boolean mismatch(String requested, String text, LanguageGuess guess) {
        String language = subtag(requested);
        if (language == null) {
            return false;
        }
        if (language.equals("nb") || language.equals("nn")) {
            language = "no"; // the identifier answers Norwegian's macrolanguage code
        }
        Set<UnicodeScript> expected = SCRIPTS.get(language);
        if (guess.isDetermined()) {
            // EnumSets iterate in the Unicode standard's script order, where Hangul precedes Han: a
            // Korean guess names text written mostly in Hangul. Kazakh is guessed for Cyrillic text only,
            // Serbian for Cyrillic text and for Latin text with ekavian forms.
            UnicodeScript written = GUESSED_IN.getOrDefault(guess.code(), SCRIPTS.get(guess.code()).iterator().next());
            if (guess.code().equals("sr") && dominantScript(text) == UnicodeScript.LATIN) {
                written = UnicodeScript.LATIN; // Serbian is guessed for Latin text too
            }
            if (expected != null && !expected.contains(written)) {
                return true;
            }
            if (written == UnicodeScript.LATIN && SERBO_CROATIAN.contains(guess.code())
                    && SERBO_CROATIAN.contains(language)) {
                return false;
            }
            return identifiable.contains(language) && !guess.code().equals(language)
                    && guess.confidence() >= MIN_CONFIDENCE;
        }
        // Nothing identified: too little text, only code and URLs, or a script the identifier does not
        // cover (Hangul, Hebrew, Thai, ...), which is the one case left to tell.
        if (expected == null) {
            return false;
        }
        UnicodeScript dominant = dominantScript(text);
        return dominant != null && !IDENTIFIED_SCRIPTS.contains(dominant) && !expected.contains(dominant);
    }

    /** The language subtag of a tag, lower case: {@code pt-BR} → {@code pt}; null for none. */
    static String subtag(String tag) {
        if (tag == null) {
            return null;
        }
        String language = RecordLanguage.languageSubtagOf(tag.trim());
        return language.isEmpty() ? null : language.toLowerCase(Locale.ROOT);
    }

    /**
     * The script of most of the letters in the first {@value #SCRIPT_WINDOW_CHARS} chars, or null
     * when there are too few letters or no script has {@value #MIN_SCRIPT_SHARE} of them. Han and
     * kana count as {@link UnicodeScript#HAN}, so Japanese and Chinese share one script here.
     */
    static UnicodeScript dominantScript(String text) {
        Map<UnicodeScript, Integer> counts = new EnumMap<>(UnicodeScript.class);
        int total = 0;
        int end = Math.min(text.length(), SCRIPT_WINDOW_CHARS);
        for (int i = 0; i < end; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 128) {
                if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                    counts.merge(UnicodeScript.LATIN, 1, Integer::sum);
                    total++;
                }
                continue;
            }
            if (!Character.isLetter(c)) {
                continue;
            }
            UnicodeScript script = UnicodeScript.of(c);
            int weight = 1;
            switch (script) {
                case HIRAGANA, KATAKANA, HAN -> {
                    script = UnicodeScript.HAN;
                    weight = CJK_WEIGHT;
                }
                case HANGUL -> weight = CJK_WEIGHT;
                default -> { }
            }
            counts.merge(script, weight, Integer::sum);
            total += weight;
        }
        if (total < MIN_LETTERS) {
            return null;
        }
        for (Map.Entry<UnicodeScript, Integer> e : counts.entrySet()) {
            if (e.getValue() >= MIN_SCRIPT_SHARE * total) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * The scripts each language is written in, for the common languages of ISO 639-1. Han stands for
     * Han and kana together; Korean text mixes Hangul with some Han.
     */
    private static Map<String, Set<UnicodeScript>> scripts() {
        Map<String, Set<UnicodeScript>> m = new HashMap<>();
        for (String code : ("af an ast az bs ca co cs cy da de en eo es et eu fi fo fr fy ga gd gl hr ht hu id is it "
                + "jv ku la lb lt lv mg mi ms mt nl nn no nb oc pl pt qu rm ro sk sl so sq sv sw tk tl tr uz vi wa "
                + "xh yo zu ha ig").split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.LATIN));
        }
        for (String code : "ru uk be bg mk kk ky tg mn ba cv tt os".split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.CYRILLIC));
        }
        // Written in both alphabets.
        for (String code : "sr uz az kk tk".split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.LATIN, UnicodeScript.CYRILLIC));
        }
        m.put("el", EnumSet.of(UnicodeScript.GREEK));
        for (String code : "ar fa ur ps ug sd ckb".split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.ARABIC));
        }
        for (String code : "he yi".split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.HEBREW));
        }
        for (String code : "hi mr ne sa".split(" ")) {
            m.put(code, EnumSet.of(UnicodeScript.DEVANAGARI));
        }
        m.put("bn", EnumSet.of(UnicodeScript.BENGALI));
        m.put("as", EnumSet.of(UnicodeScript.BENGALI));
        m.put("pa", EnumSet.of(UnicodeScript.GURMUKHI));
        m.put("gu", EnumSet.of(UnicodeScript.GUJARATI));
        m.put("or", EnumSet.of(UnicodeScript.ORIYA));
        m.put("ta", EnumSet.of(UnicodeScript.TAMIL));
        m.put("te", EnumSet.of(UnicodeScript.TELUGU));
        m.put("kn", EnumSet.of(UnicodeScript.KANNADA));
        m.put("ml", EnumSet.of(UnicodeScript.MALAYALAM));
        m.put("si", EnumSet.of(UnicodeScript.SINHALA));
        m.put("th", EnumSet.of(UnicodeScript.THAI));
        m.put("lo", EnumSet.of(UnicodeScript.LAO));
        m.put("km", EnumSet.of(UnicodeScript.KHMER));
        m.put("my", EnumSet.of(UnicodeScript.MYANMAR));
        m.put("ka", EnumSet.of(UnicodeScript.GEORGIAN));
        m.put("hy", EnumSet.of(UnicodeScript.ARMENIAN));
        m.put("am", EnumSet.of(UnicodeScript.ETHIOPIC));
        m.put("ti", EnumSet.of(UnicodeScript.ETHIOPIC));
        m.put("bo", EnumSet.of(UnicodeScript.TIBETAN));
        m.put("dv", EnumSet.of(UnicodeScript.THAANA));
        m.put("zh", EnumSet.of(UnicodeScript.HAN));
        m.put("ja", EnumSet.of(UnicodeScript.HAN));
        m.put("ko", EnumSet.of(UnicodeScript.HANGUL, UnicodeScript.HAN));
        return Map.copyOf(m);
    }
}
