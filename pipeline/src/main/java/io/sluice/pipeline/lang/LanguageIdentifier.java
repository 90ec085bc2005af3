package io.sluice.pipeline.lang;

import java.lang.Character.UnicodeScript;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Identifies the language of a text: ISO 639-1 code and confidence, plus the runner-up.
 *
 * <p>Two stages. First the script of the letters in a prefix decides alone where one script means
 * one supported language: Greek → {@code el}, Arabic → {@code ar}, Han with kana → {@code ja}, Han
 * without → {@code zh}, Hangul → {@code ko}, Hebrew → {@code he}, Thai → {@code th}, and fifteen
 * more (see {@link #SINGLE_LANGUAGE_SCRIPTS}). Latin and Cyrillic text then goes to a naive Bayes
 * model over hashed character 1–4-grams of a window of {@value #NGRAM_WINDOW_CHARS} chars in the
 * middle of the text (see {@link LanguageModel}), restricted to the languages of that script (22
 * Latin-script EU languages, Basque, Catalan, Esperanto, Indonesian, Norwegian, Turkish and
 * Vietnamese; Belarusian, Bulgarian, Kazakh, Macedonian, Russian, Serbian and Ukrainian, less those
 * whose alphabet lacks letters the text has or whose own letters it lacks: see
 * {@link #cyrillicCandidates}), with small priors against languages far rarer than their neighbours
 * ({@link #PRIOR_COST_NATS}), and stops early once one language leads by
 * {@value #DECIDED_MARGIN_NATS} nats, if the last third of the window agrees (see {@link #tailAgrees}).
 * A few hundred characters are as accurate as the whole document on prose and keep the cost per
 * record bounded whatever its length; the middle of a web page is its main text more often than its
 * head.
 *
 * <p>{@link LanguageGuess#UNDETERMINED} when the text has fewer than {@value #MIN_LETTERS} letters
 * (empty, symbols, numbers) or its letters are mostly in a script that no one language owns and
 * the model does not cover (Ethiopic, Tibetan, ...); Devanagari goes to the model's Hindi, Marathi
 * and Nepali. Text in an unsupported language (Galician, Malay, Tatar, ...) gets the closest
 * supported language, usually with a lower confidence: callers that care should threshold on
 * confidence. Serbian in Latin script is Croatian ({@code hr}): the model's Serbian is Cyrillic.
 *
 * <p>Confidence: for the model, the softmax of the candidates' log-likelihoods divided by
 * {@value #TEMPERATURE} (each character takes part in four overlapping n-grams, so the raw naive
 * Bayes posterior would be far too sure); for script decisions, the script's share of the letters.
 *
 * <p>Immutable and thread-safe; {@link #standard()} shares one instance (the model is ~3 MB).
 */
public final class LanguageIdentifier {

    /** The model shipped with Sluice; see {@code docs/LANGID.md} for its provenance. */
    public static final String STANDARD_MODEL = "/io/sluice/pipeline/lang/langid-model.bin.gz";

    /**
     * The share of a Cyrillic language's letters that are its own letters (see
     * {@link #CYRILLIC_OWN_LETTERS}), counted in the translated messages of its gettext catalogues
     * (the training text, held-out catalogues left out). A text of L Cyrillic letters in that
     * language has none of them with probability about (1 - p)^L, which the catalogues' own lines
     * bear out (lines of 30-49 letters: Serbian 15% have none, Ukrainian 11%, Macedonian 31%).
     *
     * <p>A text without them therefore makes a language with frequent own letters less likely, by
     * -L ln(1 - p) nats, and the identifier starts such a language that many nats behind (see
     * {@link #cyrillicCandidates}): the naive Bayes model only counts what a text has, not what it
     * lacks. Until the tenth session a language was instead ruled out outright from a fixed length
     * (40 letters, then 51 for Serbian), which lost short Ukrainian and Serbian lines whose words said
     * plainly what they were ("Не присипляти, лише встановити час пробудження за годинником реального
     * часу." was Russian). Russian's ы э ё ъ are 2.3% of its letters, but Russian is not held back by
     * their absence: doing so took 3 more short Russian fortunes of 3,000 to Ukrainian and helped no
     * set. Belarusian, Kazakh and Macedonian need one of theirs ({@link #OWN_LETTERS_REQUIRED}).
     */
    static final Map<String, Double> OWN_LETTER_SHARE = Map.of("uk", 0.0615, "sr", 0.0479);
    /** How many of a hundred Cyrillic letters must be ones an alphabet lacks to rule its language out. */
    static final int FOREIGN_LETTERS_PER_HUNDRED = 1;
    /**
     * The lower-case alphabet of each Cyrillic language the model may hold. A language not listed is
     * never ruled out by its letters.
     */
    static final Map<String, String> CYRILLIC_ALPHABETS = Map.of(
            "ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            "uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
            "bg", "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
            "be", "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
            "sr", "абвгдђежзијклљмнњопрстћуфхцчџшѐѝ",
            "mk", "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
            "kk", "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя");
    /**
     * Letters that only some of the Cyrillic languages write and that a text in the language shows
     * within a few dozen letters (see {@link #OWN_LETTER_SHARE}; Ukrainian і alone is ~5% of its letters,
     * Serbian ј ~3%, Kazakh's eight ~7% together). Letters two languages share (і) keep both in; the
     * model then tells them apart by what the text has. Russian's (ы э ё ъ) are too rare to expect, but
     * with them a text is not ruled out as Russian by a few letters Russian lacks.
     */
    static final Map<String, String> CYRILLIC_OWN_LETTERS = Map.of(
            "ru", "ыэёъ",
            "uk", "іїєґ",
            "be", "ўі",
            "sr", "јљњђћџ",
            "mk", "јљњѓќѕџ",
            "kk", "әғқңөұүһ");
    /**
     * Prior costs in nats: languages far rarer on the web than a neighbour they share most n-grams with
     * start behind by about the log of the ratio of their shares, rounded down (Common Crawl: Russian
     * ~60-100x Kazakh and Belarusian, ~30x Serbian, ~15x Bulgarian). Every other language has none. A
     * paragraph's evidence is hundreds of nats, so only short or ambiguous texts feel them. Bulgarian's
     * (tenth session) gave back short lines that had come out Bulgarian: of the held-out short lines,
     * 7 more Russian ones, 5 Serbian and 3 Ukrainian are right, and one Bulgarian coreutils message of
     * 1,316 is not (every other held-out Bulgarian set unchanged).
     */
    static final Map<String, Double> PRIOR_COST_NATS = Map.of("kk", 4.0, "be", 4.0, "mk", 4.0, "sr", 2.0, "eu", 1.0, "bg", 2.0);
    /**
     * Languages far rarer than a neighbour that writes the rest of their alphabet, ruled out at any
     * length without one of their own letters: a short line without them is the neighbour's with odds
     * of tens to one (Russian against Kazakh and Belarusian, Bulgarian against Macedonian), which no
     * n-gram count of a few words outweighs reliably ("Барыш без накладу не живет" was Kazakh, "Ние
     * убиваме времето, а то убива нас." Macedonian). Not Serbian: its own letters are rarer (ј ~3%),
     * and requiring them took 12 of 100 short Serbian lines to Bulgarian and Russian. Macedonian pays:
     * its own letters are 2.6% of its letters, so a third of its short lines have none and go to
     * Serbian or Bulgarian. Without the rule, short Macedonian man-page lines went 58.9% → 79.9% right
     * (319 lines), but short Russian lines lost 0.1-0.4% to Macedonian on every held-out set, Bulgarian
     * 1.0-1.4% and Serbian 2.1%: with Russian ~100 times and Bulgarian ~9 times as common on the web,
     * more text is right with the rule.
     */
    static final Set<String> OWN_LETTERS_REQUIRED = Set.of("be", "kk", "mk");
    /** The Cyrillic block, whose lower-case letters {@link #cyrillicCandidates} looks up. */
    private static final int CYRILLIC_BLOCK = 0x0400;
    private static final int CYRILLIC_BLOCK_SIZE = 0x100;
    /** Characters of the text the n-gram model reads (see {@link #windowStart}). */
    static final int NGRAM_WINDOW_CHARS = 400;
    /** Texts this long are also read at their quartiles (see {@link #classifyLong}). */
    static final int QUARTILE_WINDOWS_FROM_CHARS = 1200;
    /** Characters of the text whose scripts are counted (see {@link #windowStart}). */
    static final int SCRIPT_WINDOW_CHARS = 2000;
    /** Fewer letters than this (a Han or kana character counting {@value #CJK_WEIGHT}) is too short to say anything. */
    static final int MIN_LETTERS = 6;
    static final double TEMPERATURE = 4.0;
    /**
     * How many Latin letters one Cyrillic, Greek or Arabic letter counts for when they compete: Russian,
     * Greek and Arabic writers quote English terms and file names far more often than English writers
     * quote those alphabets ("مثال 15.4. ملف changelog", "ЗАМЕТКА dpkg или apt ?"), so a mixed text
     * is Latin only with twice as many Latin letters outside names and identifiers. The translated
     * Debian manuals' short lines 97.27% → 97.37% right (14 fixed, none broken), every other set
     * unchanged (1.5 fixed 13).
     */
    static final int OTHER_ALPHABET_WEIGHT = 2;
    /** How many letters of an alphabet one Han or kana character counts for when scripts compete. */
    static final int CJK_WEIGHT = 5;
    /**
     * The n-gram pass stops early once the runner-up trails by this many nats: by then the text has
     * decided (confidence above 0.9999 at {@link #TEMPERATURE} 4) and the rest of the prefix would
     * only cost time.
     */
    static final double DECIDED_MARGIN_NATS = 40.0;
    /** n-grams between two checks of the margin. */
    static final int CHECK_EVERY = 128;
    /** Windows of at least this many chars are read without the names inside their sentences. */
    static final int SKIP_NAMES_FROM_CHARS = 200;
    /** Fewer n-grams than this (about 40 letters) left without names: the window is read whole. */
    static final int MIN_NGRAMS_WITHOUT_NAMES = 160;

    /**
     * Letters the Latin model reads: Basic Latin to Latin Extended-B, and Latin Extended Additional
     * (see {@link NgramHasher#LATIN_EXTENDED_ADDITIONAL}); a Cyrillic, Greek or Arabic word among Latin
     * ones is non-letters to it (see {@link #lettersEnd}).
     */
    private static final int LATIN_LETTERS_END = 0x0250;

    private static final int NONE = 0;
    private static final int LATIN = 1;
    private static final int CYRILLIC = 2;
    private static final int GREEK = 3;
    private static final int ARABIC = 4;
    private static final int HAN = 5;
    private static final int KANA = 6;
    private static final int OTHER = 7;
    private static final int SCRIPTS = 8;
    /** Not a script: the slot of {@link #countScripts}' counts for the Latin letters of names and identifiers. */
    private static final int SET_APART_LATIN = SCRIPTS;

    private final LanguageModel model;
    /** The model's table, padded so that the accumulator's 8-byte reads never run past its end. */
    private final byte[] table;
    private final boolean[] latin;
    private final boolean[] cyrillic;
    /** The model's Devanagari-script languages (Hindi, Marathi, Nepali); none in a model without them. */
    private final boolean[] devanagari;
    private final boolean hasDevanagari;
    /**
     * {@link #cyrillic} without the languages whose alphabet a text's letters rule out, indexed by the
     * mask of ruled-out languages, bit {@code k} for {@link #cyrillicRuled}{@code [k]} (see
     * {@link #cyrillicCandidates}); index 0 is {@link #cyrillic} itself.
     */
    private final boolean[][] cyrillicVariants;
    /** The model indices of the Cyrillic languages with a known alphabet, which the letters can rule out. */
    private final int[] cyrillicRuled;
    /**
     * Per lower-case letter of the Cyrillic block: bit {@code k} set when the alphabet of
     * {@link #cyrillicRuled}{@code [k]} lacks the letter ({@code lacking}) or has it as one of its own
     * letters ({@code owning}).
     */
    private final int[] cyrillicLacking = new int[CYRILLIC_BLOCK_SIZE];
    private final int[] cyrillicOwning = new int[CYRILLIC_BLOCK_SIZE];
    /** Bit {@code k} set when {@link #cyrillicRuled}{@code [k]}'s own letters are required (see {@link #OWN_LETTERS_REQUIRED}). */
    private final int cyrillicOwnRequired;
    /** The bit of Belarusian in {@link #cyrillicRuled}, or 0 (see {@link #endsBelarusianVerb}). */
    private final int belarusianBit;
    /** The bit of Macedonian in {@link #cyrillicRuled}, or 0 (see {@link #endsMacedonianPreposition}). */
    private final int macedonianBit;
    /**
     * What a Cyrillic letter without one of {@link #cyrillicRuled}{@code [k]}'s own letters costs it,
     * in the table's units: -ln(1 - p) for {@link #OWN_LETTER_SHARE}'s p, else 0.
     */
    private final double[] cyrillicMissingOwnCost;
    private final List<String> supported;
    /** {@link #PRIOR_COST_NATS} per model language, in the table's units; where every accumulator starts. */
    private final int[] priorCosts;
    /**
     * Asked after a Croatian answer whether the text is Serbian in Latin script; null unless the model
     * has both languages (its Serbian row is Cyrillic, so Latin Serbian scores as Croatian).
     */
    private final SerbianLatinCheck serbianLatin;

    LanguageIdentifier(LanguageModel model) {
        this.model = Objects.requireNonNull(model, "model");
        int n = model.languages();
        this.table = n % 8 == 0 ? model.table : Arrays.copyOf(model.table, model.table.length + 7);
        latin = new boolean[n];
        cyrillic = new boolean[n];
        devanagari = new boolean[n];
        boolean anyDevanagari = false;
        List<String> codes = new ArrayList<>(List.of("el", "ar", "fa", "ur", "zh", "ja", "as"));
        codes.addAll(SINGLE_LANGUAGE_SCRIPTS.values());
        for (int i = 0; i < n; i++) {
            latin[i] = "Latn".equals(model.scripts[i]);
            cyrillic[i] = "Cyrl".equals(model.scripts[i]);
            devanagari[i] = "Deva".equals(model.scripts[i]);
            anyDevanagari |= devanagari[i];
            codes.add(model.codes[i]);
        }
        hasDevanagari = anyDevanagari;
        List<Integer> ruled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (cyrillic[i] && CYRILLIC_ALPHABETS.containsKey(model.codes[i])) {
                ruled.add(i);
            }
        }
        cyrillicRuled = ruled.stream().mapToInt(Integer::intValue).toArray();
        cyrillicMissingOwnCost = new double[cyrillicRuled.length];
        int ownRequired = 0;
        for (int k = 0; k < cyrillicRuled.length; k++) {
            String code = model.codes[cyrillicRuled[k]];
            String alphabet = CYRILLIC_ALPHABETS.get(code);
            String own = CYRILLIC_OWN_LETTERS.getOrDefault(code, "");
            for (int c = 0; c < CYRILLIC_BLOCK_SIZE; c++) {
                char letter = (char) (CYRILLIC_BLOCK + c);
                if (!Character.isLowerCase(letter)) {
                    continue;
                }
                if (alphabet.indexOf(letter) < 0) {
                    cyrillicLacking[c] |= 1 << k;
                }
                if (own.indexOf(letter) >= 0) {
                    cyrillicOwning[c] |= 1 << k;
                }
            }
            if (!own.isEmpty() && OWN_LETTERS_REQUIRED.contains(code)) {
                ownRequired |= 1 << k;
            } else if (OWN_LETTER_SHARE.containsKey(code)) {
                cyrillicMissingOwnCost[k] = -Math.log1p(-OWN_LETTER_SHARE.get(code)) * model.scale;
            }
        }
        cyrillicOwnRequired = ownRequired;
        int be = 0;
        int mk = 0;
        for (int k = 0; k < cyrillicRuled.length; k++) {
            if (model.codes[cyrillicRuled[k]].equals("be")) {
                be = 1 << k;
            }
            if (model.codes[cyrillicRuled[k]].equals("mk")) {
                mk = 1 << k;
            }
        }
        belarusianBit = be;
        macedonianBit = mk;
        cyrillicVariants = new boolean[1 << cyrillicRuled.length][];
        cyrillicVariants[0] = cyrillic;
        for (int mask = 1; mask < cyrillicVariants.length; mask++) {
            cyrillicVariants[mask] = cyrillic.clone();
            for (int k = 0; k < cyrillicRuled.length; k++) {
                if ((mask & (1 << k)) != 0) {
                    cyrillicVariants[mask][cyrillicRuled[k]] = false;
                }
            }
        }
        priorCosts = new int[n];
        for (int i = 0; i < n; i++) {
            priorCosts[i] = (int) Math.round(PRIOR_COST_NATS.getOrDefault(model.codes[i], 0.0) * model.scale);
        }
        Collections.sort(codes);
        supported = List.copyOf(codes);
        serbianLatin = codes.contains("hr") && codes.contains("sr") ? SerbianLatinCheck.standard() : null;
    }

    /** The identifier with the model shipped with Sluice, loaded once on first use. */
    public static LanguageIdentifier standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final LanguageIdentifier STANDARD = new LanguageIdentifier(LanguageModel.load(STANDARD_MODEL));
    }

    /**
     * Scripts that one language writes, or one far more than any other, and that language: a text
     * mostly in one of them is that language, as Greek text is {@code el}. Not here: Devanagari
     * (Hindi, Marathi, Nepali: the model's {@code Deva} rows tell them apart), Ethiopic (Amharic,
     * Tigrinya) and Tibetan (Tibetan, Dzongkha), which stay {@code und}. Bengali script is Bengali unless it has Assamese's own letters.
     */
    private static final Map<UnicodeScript, String> SINGLE_LANGUAGE_SCRIPTS = Map.ofEntries(
            Map.entry(UnicodeScript.HANGUL, "ko"), Map.entry(UnicodeScript.HEBREW, "he"),
            Map.entry(UnicodeScript.THAI, "th"), Map.entry(UnicodeScript.GEORGIAN, "ka"),
            Map.entry(UnicodeScript.ARMENIAN, "hy"), Map.entry(UnicodeScript.BENGALI, "bn"),
            Map.entry(UnicodeScript.TAMIL, "ta"), Map.entry(UnicodeScript.TELUGU, "te"),
            Map.entry(UnicodeScript.KANNADA, "kn"), Map.entry(UnicodeScript.MALAYALAM, "ml"),
            Map.entry(UnicodeScript.GUJARATI, "gu"), Map.entry(UnicodeScript.GURMUKHI, "pa"),
            Map.entry(UnicodeScript.ORIYA, "or"), Map.entry(UnicodeScript.SINHALA, "si"),
            Map.entry(UnicodeScript.KHMER, "km"), Map.entry(UnicodeScript.LAO, "lo"),
            Map.entry(UnicodeScript.MYANMAR, "my"));

    /**
     * The language of a text whose letters are mostly in none of the scripts counted apart (Latin,
     * Cyrillic, Greek, Arabic, Han, kana): the language of its most frequent script if that script
     * is in {@link #SINGLE_LANGUAGE_SCRIPTS}, with the script's share of the letters as confidence;
     * {@link LanguageGuess#UNDETERMINED} otherwise. Only such texts pay for the script lookups.
     */
    private LanguageGuess bySingleLanguageScript(CharSequence text, int from, int to, int letters) {
        int[] byScript = new int[UnicodeScript.values().length];
        boolean assameseLetter = false;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (cp >= 0x250 && Character.isLetter(cp) && script(cp) == OTHER) {
                byScript[UnicodeScript.of(cp).ordinal()]++;
                assameseLetter |= cp == 0x09F0 || cp == 0x09F1; // ৰ ৱ: Assamese's r and w
            }
        }
        int best = 0;
        for (int s = 1; s < byScript.length; s++) {
            if (byScript[s] > byScript[best]) {
                best = s;
            }
        }
        UnicodeScript script = UnicodeScript.values()[best];
        if (script == UnicodeScript.DEVANAGARI && byScript[best] > 0 && hasDevanagari) {
            return classifyLong(text, devanagari, priorCosts);
        }
        String code = byScript[best] == 0 ? null : SINGLE_LANGUAGE_SCRIPTS.get(script);
        if (code == null) {
            return LanguageGuess.UNDETERMINED;
        }
        if (script == UnicodeScript.BENGALI && assameseLetter) {
            code = "as";
        }
        double share = Math.min(1.0, (double) byScript[best] / letters);
        return new LanguageGuess(code, share, LanguageGuess.UNDETERMINED_CODE, 0.0);
    }

    /**
     * Arabic, Persian or Urdu for a text mostly in Arabic script, by the letters only some of them
     * write (in {@code [from, to)}): Persian and Urdu write پ چ ژ گ and their own yeh and kaf (ی ک,
     * U+06CC and U+06A9), Arabic its yeh and kaf (ي ك) and teh marbuta (ة); Urdu alone writes ے ٹ ڈ ڑ ں
     * ہ. Persian and Urdu text was {@code ar} before. The one who writes more of its own letters
     * wins; Urdu needs its own letters to be at least as many as the Arabic ones and 2 in 100 of the
     * script's letters, since Persian borrows a few of them in names. Other languages written in the
     * script (Pashto, Kurdish, Uyghur, Sindhi) get whichever of the three their letters resemble.
     *
     * @param share the script's share of the text's letters, the confidence
     */
    private static LanguageGuess arabicScriptLanguage(CharSequence text, int from, int to, double share) {
        int arabicOnly = 0;
        int persianOrUrdu = 0;
        int urduOnly = 0;
        int script = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u064A', '\u0643', '\u0629' -> arabicOnly++;
                case '\u067E', '\u0686', '\u0698', '\u06AF', '\u06CC', '\u06A9' -> persianOrUrdu++;
                case '\u06D2', '\u0679', '\u0688', '\u0691', '\u06BA', '\u06C1' -> urduOnly++;
                default -> {
                }
            }
            if (c >= 0x600 && c <= 0x6FF && Character.isLetter(c)) {
                script++;
            }
        }
        String code = "ar";
        if (urduOnly > 0 && urduOnly >= arabicOnly && urduOnly * 100 >= script * 2) {
            code = "ur";
        } else if (persianOrUrdu > arabicOnly) {
            code = "fa";
        }
        return new LanguageGuess(code, share, LanguageGuess.UNDETERMINED_CODE, 0.0);
    }

    /**
     * Serbian for a Croatian answer when {@link SerbianLatinCheck} finds the text Serbian: it keeps the
     * confidence, which the model gave to the language the two standards share, and Croatian becomes
     * the runner-up at the old runner-up's confidence.
     */
    private LanguageGuess serbianInLatin(CharSequence text, LanguageGuess guess) {
        if (serbianLatin == null || !"hr".equals(guess.code()) || !serbianLatin.isSerbian(text)) {
            return guess;
        }
        return new LanguageGuess("sr", guess.confidence(), "hr", guess.secondConfidence());
    }

    /** The ISO 639-1 codes this identifier can return, sorted. */
    public List<String> supportedLanguages() {
        return supported;
    }

    /** Identifies the language of {@code text}; never null. */
    public LanguageGuess identify(CharSequence text) {
        if (text == null || text.length() == 0) {
            return LanguageGuess.UNDETERMINED;
        }
        // One more slot than scripts: Latin letters of capitalized words, counted in mixed texts.
        int[] counts = new int[SCRIPTS + 1];
        int scriptFrom = windowStart(text, SCRIPT_WINDOW_CHARS);
        int end = Math.min(text.length(), scriptFrom + SCRIPT_WINDOW_CHARS);
        countScripts(text, scriptFrom, end, counts, false);
        if (counts[LATIN] > 0 && counts[CYRILLIC] + counts[GREEK] + counts[ARABIC] + counts[HAN] + counts[KANA] + counts[OTHER] > 0) {
            // Mixed scripts: the Latin letters of URLs, paths and identifiers must not outvote the
            // text's own script (Chinese documentation quoting commands). Only mixed texts pay for it.
            Arrays.fill(counts, 0);
            countScripts(text, scriptFrom, end, counts, true);
        }
        int letters = 0;
        for (int s = LATIN; s < SCRIPTS; s++) {
            letters += counts[s];
        }
        // A Han character is about a word, a Latin letter a fifth of one: weigh them so that Chinese
        // prose quoting commands, package names and URLs is still Chinese (a reader needs Chinese to
        // read it), and two Han characters are not "too short". English prose citing a name in Han
        // keeps far more Latin letters than five per Han character.
        int cjk = counts[HAN] + counts[KANA];
        if (letters + cjk * (CJK_WEIGHT - 1) < MIN_LETTERS) {
            return LanguageGuess.UNDETERMINED;
        }
        int best = LATIN;
        for (int s : new int[] {CYRILLIC, GREEK, ARABIC, OTHER}) {
            if (counts[s] > counts[best]) {
                best = s;
            }
        }
        if (best == LATIN) {
            // Names and identifiers do not make a text Latin: a Greek or Bulgarian paragraph crediting
            // "Michael C. Pierce and Robert K. Ware, Colorado School of Mines" has more Latin letters
            // than its own, all in capitalized words, and Russian or Arabic documentation names
            // packages ("Установите пакет python-central и запустите dpkg-buildpackage" was Irish).
            // Another alphabet with more letters than the Latin ones outside names (capitalized words)
            // and identifiers (a digit, or a hyphen between letters), its letters counted
            // OTHER_ALPHABET_WEIGHT times, wins. German capitalizes its nouns, but keeps most letters
            // outside them.
            int other = CYRILLIC;
            for (int s : new int[] {GREEK, ARABIC}) {
                if (counts[s] > counts[other]) {
                    other = s;
                }
            }
            if (counts[other] * OTHER_ALPHABET_WEIGHT > counts[LATIN] - counts[SET_APART_LATIN]) {
                best = other;
            }
        }
        if (cjk * CJK_WEIGHT > counts[best]) {
            double share = Math.min(1.0, (double) cjk * CJK_WEIGHT / (letters + cjk * (CJK_WEIGHT - 1)));
            // Japanese prose is a third or more kana; Chinese has none, bar the odd loan in quotes.
            boolean japanese = counts[KANA] * 20 >= cjk;
            return japanese ? new LanguageGuess("ja", share, "zh", 0.0) : new LanguageGuess("zh", share, "ja", 0.0);
        }
        switch (best) {
            case GREEK:
                return new LanguageGuess("el", (double) counts[GREEK] / letters, LanguageGuess.UNDETERMINED_CODE, 0.0);
            case ARABIC:
                return arabicScriptLanguage(text, scriptFrom, end, (double) counts[ARABIC] / letters);
            case LATIN:
                return serbianInLatin(text, classifyLong(text, latin, priorCosts));
            case CYRILLIC:
                int[] startCosts = priorCosts.clone();
                return classifyLong(text, cyrillicCandidates(text, scriptFrom, end, counts[CYRILLIC], startCosts),
                        startCosts);
            case OTHER:
                return bySingleLanguageScript(text, scriptFrom, end, letters);
            default:
                return LanguageGuess.UNDETERMINED;
        }
    }

    /**
     * The middle window's guess; in texts of {@value #QUARTILE_WINDOWS_FROM_CHARS} chars or more, the
     * windows at the first and third quartiles too, and when those two agree with each other against
     * the middle, their language. One window decides early on whatever it lands on: an English
     * quotation, a list of names or a sidebar in the middle of a German page made the page English,
     * though every other part of it is German (dev corpus: 7,129 of 7,275 documents with a supported
     * label agreed before, 7,150 in a simulation of this rule). Shorter texts have one window's worth
     * of evidence anyway.
     */
    private LanguageGuess classifyLong(CharSequence text, boolean[] candidates, int[] startCosts) {
        int length = text.length();
        LanguageGuess middle = classify(text, windowStart(text, NGRAM_WINDOW_CHARS), candidates, startCosts);
        if (length < QUARTILE_WINDOWS_FROM_CHARS) {
            return middle;
        }
        int firstFrom = windowAround(text, length / 4, NGRAM_WINDOW_CHARS);
        LanguageGuess first = classify(text, firstFrom, candidates, startCosts);
        if (first.code().equals(middle.code()) || !mostlyOf(text, firstFrom, candidates)) {
            return middle;
        }
        int thirdFrom = windowAround(text, length - length / 4, NGRAM_WINDOW_CHARS);
        LanguageGuess third = classify(text, thirdFrom, candidates, startCosts);
        if (!third.code().equals(first.code()) || first.code().equals(LanguageGuess.UNDETERMINED_CODE)
                || !mostlyOf(text, thirdFrom, candidates)) {
            return middle;
        }
        return first.confidence() >= third.confidence() ? first : third;
    }

    /**
     * True when most letters of the n-gram window at {@code from} are in the script of {@code
     * candidates} (Latin or Cyrillic): a quartile in another script (Japanese around an English
     * middle) says nothing about which Latin language the text is in.
     */
    private boolean mostlyOf(CharSequence text, int from, boolean[] candidates) {
        int[] counts = new int[SCRIPTS + 1];
        countScripts(text, from, Math.min(text.length(), from + NGRAM_WINDOW_CHARS), counts, false);
        // Devanagari has no slot of its own in the count: it is among the other scripts.
        int script = isCyrillic(candidates) ? CYRILLIC : candidates == devanagari ? OTHER : LATIN;
        int letters = 0;
        for (int s = LATIN; s < SCRIPTS; s++) {
            letters += counts[s];
        }
        return counts[script] * 2 > letters;
    }

    /** {@code startCosts}: each language's cost before the window's first n-gram (priors, and see {@link #cyrillicCandidates}). */
    private LanguageGuess classify(CharSequence text, int from, boolean[] candidates, int[] startCosts) {
        int n = model.languages();
        int margin = (int) (DECIDED_MARGIN_NATS * model.scale);
        Accumulator acc = new Accumulator(table, n, candidates, margin, startCosts);
        int to = Math.min(text.length(), from + NGRAM_WINDOW_CHARS);
        // Names inside sentences are left out of windows long enough to do without them (held-out
        // Europarl paragraphs: 11 errors in 19,749 before, 7 after; in sentences under 100 chars they
        // are too much of the evidence, 133 errors against 179 of 29,702).
        boolean skipNames = to - from >= SKIP_NAMES_FROM_CHARS;
        int hi = lettersEnd(candidates);
        int emitted = NgramHasher.forEach(text, from, to, model.bits, skipNames, 0, hi, acc);
        if (acc.stopped && !tailAgrees(text, from, to, skipNames, candidates, startCosts, margin, acc.leader())) {
            // The window's first words decided for a language its end does not speak: read it whole.
            acc = new Accumulator(table, n, candidates, Integer.MAX_VALUE, startCosts);
            emitted = NgramHasher.forEach(text, from, to, model.bits, skipNames, 0, hi, acc);
        }
        if (skipNames && !acc.stopped && emitted < MIN_NGRAMS_WITHOUT_NAMES) {
            // Little left without them (capitals throughout, a list of names): read every word.
            acc = new Accumulator(table, n, candidates, margin, startCosts);
            emitted = NgramHasher.forEach(text, from, to, model.bits, false, 0, hi, acc);
        }
        if (emitted == 0) {
            return LanguageGuess.UNDETERMINED; // only URLs, paths or identifiers: no language to tell
        }
        int[] costs = acc.costs();
        int first = -1;
        int second = -1;
        for (int l = 0; l < n; l++) {
            if (!candidates[l]) {
                continue;
            }
            if (first < 0 || costs[l] < costs[first]) {
                second = first;
                first = l;
            } else if (second < 0 || costs[l] < costs[second]) {
                second = l;
            }
        }
        if (first < 0) {
            return LanguageGuess.UNDETERMINED;
        }
        // Softmax of log-likelihoods (-cost / scale) over the candidates, relative to the best.
        double k = 1.0 / (model.scale * TEMPERATURE);
        double sum = 0;
        for (int l = 0; l < n; l++) {
            if (candidates[l]) {
                sum += Math.exp(-(costs[l] - costs[first]) * k);
            }
        }
        double p1 = 1.0 / sum;
        if (second < 0) {
            return new LanguageGuess(model.codes[first], p1, LanguageGuess.UNDETERMINED_CODE, 0.0);
        }
        double p2 = Math.exp(-(costs[second] - costs[first]) * k) / sum;
        return new LanguageGuess(model.codes[first], p1, model.codes[second], p2);
    }

    /**
     * Where the letters the model of {@code candidates} reads end. The Latin model has almost no
     * n-grams of other alphabets, and their smoothed costs favour the language with the least
     * training text: "The novel Преступление и наказание was written by Dostoevsky" was Irish, as
     * were Arabic headings with a package name in them. The Cyrillic model reads every letter: its
     * Russian and Bulgarian training text holds English terms, and without their n-grams short
     * Russian lines that name commands ("ЗАМЕТКА dpkg или apt ?") turned Bulgarian.
     */
    private int lettersEnd(boolean[] candidates) {
        return isCyrillic(candidates) || candidates == devanagari ? Character.MAX_CODE_POINT + 1 : LATIN_LETTERS_END;
    }

    private boolean isCyrillic(boolean[] candidates) {
        for (boolean[] variant : cyrillicVariants) {
            if (candidates == variant) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the ь at {@code i} ends a word in ць, which stands in for Belarusian's own letters (ў і):
     * it is the ending of Belarusian infinitives and third persons (адкрыць, зрабіць, ідуць, можаць),
     * and no Russian word ends so (none in 53,300 held-out Russian texts: Firefox's strings, 41,132
     * fortunes, GNOME help). Ukrainian writes it (кінець, місяць) but keeps its own letters, and
     * Belarusian is still ruled out by the letters its alphabet lacks (и щ ъ). Short Belarusian strings
     * without ў or і went to Russian (twelfth session: 407 of Firefox's are right now, nothing else
     * held out changed).
     */
    private static boolean endsBelarusianVerb(CharSequence text, int i, int from, int to) {
        return i > from && Character.toLowerCase(text.charAt(i - 1)) == 'ц'
                && (i + 1 == to || !Character.isLetter(text.charAt(i + 1)));
    }

    /**
     * Whether the о at {@code i} ends the word во ("in") or со ("with"), which stand in for
     * Macedonian's own letters (ѓ ќ ѕ, and ј љ њ џ it shares with Serbian): Bulgarian writes в/във and
     * с/със, Serbian у and са. Russian writes them before some clusters (во время, со мной), so a
     * Russian text without any letter Macedonian lacks (й щ ъ ь ы э ю я ё) can now be Macedonian: over
     * 433,295 held-out texts (GNOME help, the Debian manuals, Firefox's strings) and 41,132 Russian
     * fortunes, two Russian lines went Macedonian ("Shiftклавиши со стрелками", "Клинтон во Франции
     * станет де Биллом") and 124 Macedonian ones that were Bulgarian or Serbian are right. Russian is
     * ~100 times as common on the web, so that is still ~5 times more text right (twelfth session).
     */
    private static boolean endsMacedonianPreposition(CharSequence text, int i, int from, int to) {
        if (i <= from || (i - 1 > from && Character.isLetter(text.charAt(i - 2)))
                || (i + 1 < to && Character.isLetter(text.charAt(i + 1)))) {
            return false;
        }
        char first = Character.toLowerCase(text.charAt(i - 1));
        return first == 'в' || first == 'с';
    }

    /**
     * The Cyrillic languages {@code text} can be in, judged by the letters of {@code [from, to)}, since
     * the n-gram model only counts what a text has, not what it lacks: short Russian fortunes
     * ("Моника, стисни зубы", "Если бульон наваристый, о петухе не горюют.") were Ukrainian or
     * Bulgarian. A language (see {@link #CYRILLIC_ALPHABETS}) is ruled out when none of its own letters
     * ({@link #CYRILLIC_OWN_LETTERS}) is there and either
     * <ul>
     *   <li>the letters its alphabet lacks are at least {@value #FOREIGN_LETTERS_PER_HUNDRED} in a
     *       hundred Cyrillic letters (ы alone is ~2% of Russian letters, and neither Ukrainian,
     *       Bulgarian, Serbian nor Macedonian writes it; a Bulgarian quotation in the old spelling,
     *       "по-голяма вяра кым народа", has one in 230), or
     *   <li>the language is one of {@link #OWN_LETTERS_REQUIRED} (for Belarusian, a word ending in ць
     *       counts as one of its own letters, see {@link #endsBelarusianVerb}; for Macedonian the words
     *       во and со, see {@link #endsMacedonianPreposition}).
     * </ul>
     * A language that stays in without its own letters starts behind in {@code startCosts} by the
     * log-probability of that absence, {@link #OWN_LETTER_SHARE}. With all of them ruled out (a text
     * mixing alphabets), every Cyrillic language stays in, and none is held back.
     */
    private boolean[] cyrillicCandidates(CharSequence text, int from, int to, int cyrillicLetters, int[] startCosts) {
        int[] foreign = new int[cyrillicRuled.length];
        int owned = 0;
        boolean belarusianEnding = false;
        boolean macedonianWord = false;
        for (int i = from; i < to; i++) {
            char ch = Character.toLowerCase(text.charAt(i));
            int c = ch - CYRILLIC_BLOCK;
            if (c < 0 || c >= CYRILLIC_BLOCK_SIZE) {
                continue;
            }
            belarusianEnding |= ch == 'ь' && endsBelarusianVerb(text, i, from, to);
            macedonianWord |= ch == 'о' && endsMacedonianPreposition(text, i, from, to);
            owned |= cyrillicOwning[c];
            for (int lacking = cyrillicLacking[c]; lacking != 0; lacking &= lacking - 1) {
                foreign[Integer.numberOfTrailingZeros(lacking)]++;
            }
        }
        int mask = 0;
        for (int k = 0; k < cyrillicRuled.length; k++) {
            if ((owned & (1 << k)) != 0) {
                continue;
            }
            boolean alphabetLacks = foreign[k] > 0 && foreign[k] * 100 >= cyrillicLetters * FOREIGN_LETTERS_PER_HUNDRED;
            boolean ownRequired = (cyrillicOwnRequired & (1 << k)) != 0
                    && !(belarusianEnding && (1 << k) == belarusianBit)
                    && !(macedonianWord && (1 << k) == macedonianBit);
            if (alphabetLacks || ownRequired) {
                mask |= 1 << k;
            } else {
                startCosts[cyrillicRuled[k]] += (int) Math.round(cyrillicLetters * cyrillicMissingOwnCost[k]);
            }
        }
        return cyrillicVariants[mask == cyrillicVariants.length - 1 ? 0 : mask];
    }

    /** The Cyrillic languages {@link #identify} chooses among for a Cyrillic {@code text} (tests read it). */
    List<String> cyrillicCandidateCodes(CharSequence text) {
        int[] counts = new int[SCRIPTS + 1];
        countScripts(text, 0, text.length(), counts, false);
        boolean[] candidates = cyrillicCandidates(text, 0, text.length(), counts[CYRILLIC], priorCosts.clone());
        List<String> codes = new ArrayList<>();
        for (int l = 0; l < candidates.length; l++) {
            if (candidates[l]) {
                codes.add(model.codes[l]);
            }
        }
        return codes;
    }

    /**
     * True when the last third of the window {@code [from, to)}, read on its own with the same early
     * stop, favours {@code leader} too (or has no letters). The early stop decides on the first 128
     * n-grams that give a 40-nat lead, about 32 letters: an English phrase opening a German, Polish or
     * Italian paragraph ("Die Schlagworte works-with::video and use::editing liefern eine handvoll
     * Pakete …", "buildd to skrót od “build daemon” …") made it English at 0.99999. An opening in
     * another language is not the window's end's language, so a decision the end does not share is
     * taken again on the whole window. Held-out paragraphs of 200 chars or more: the translated
     * Debian manuals 99.93% → 100.00% right, the fortunes 97.96% → 98.31%, as accurate as never
     * stopping early and ~1.5× cheaper than first checking after 512 n-grams (docs/LANGID.md).
     */
    private boolean tailAgrees(CharSequence text, int from, int to, boolean skipNames, boolean[] candidates,
            int[] startCosts, int margin, int leader) {
        int tailFrom = to - (to - from) / 3;
        if (tailFrom > from && Character.isLowSurrogate(text.charAt(tailFrom))) {
            tailFrom++;
        }
        Accumulator tail = new Accumulator(table, model.languages(), candidates, margin, startCosts);
        int emitted = NgramHasher.forEach(text, tailFrom, to, model.bits, skipNames, 0, lettersEnd(candidates), tail);
        return emitted == 0 || tail.leader() == leader;
    }

    /**
     * Sums the per-language costs of each n-gram bucket, and says stop once the best candidate leads
     * by the decided margin. One per call, so the identifier stays shareable.
     */
    static final class Accumulator implements NgramHasher.BucketSink {
        /** Reads eight of a bucket's per-language bytes at once. */
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;

        final byte[] table;
        final int n;
        final boolean[] candidates;
        final int decidedMargin;
        private final int[] costs;
        /**
         * The costs not yet added to {@link #costs}, four 16-bit lanes per long: the even bytes of the
         * buckets' i-th eight in {@code even[i]}, the odd ones in {@code odd[i]}. A bucket then costs
         * two masks and two adds per eight languages instead of eight byte loads and adds (the sum
         * alone 2.5x faster over the dev corpus's windows; the table's cache misses remain). A lane
         * gains at most 255 per bucket, so the lanes are flushed every {@value #FLUSH_EVERY} buckets at
         * the latest, and at every margin check.
         */
        private final long[] even;
        private final long[] odd;
        /**
         * The 8-byte words of a bucket's row that hold the candidates: the model keeps each script's
         * languages together (Latin, then Cyrillic, then Devanagari), so a Latin text reads 4 of a
         * 33-language row's 5 words and a Cyrillic one 1; the other words' lanes stay 0.
         */
        private final int fromWord;
        private final int toWord;
        private int pending;
        int seen;
        /** Whether the pass stopped early, the leader being the decided margin ahead. */
        boolean stopped;

        /** The candidate with the lowest cost so far. */
        int leader() {
            flush();
            int best = -1;
            for (int l = 0; l < n; l++) {
                if (candidates[l] && (best < 0 || costs[l] < costs[best])) {
                    best = l;
                }
            }
            return best;
        }

        /** Buckets a 16-bit lane can take without overflowing: 256 * 255 < 65536. */
        private static final int FLUSH_EVERY = 256;

        /** {@code table} holds at least 7 bytes after the last bucket when {@code n} is not a multiple of 8. */
        /** {@code decidedMargin} {@link Integer#MAX_VALUE}: never stop early. */
        Accumulator(byte[] table, int n, boolean[] candidates, int decidedMargin) {
            this(table, n, candidates, decidedMargin, new int[n]);
        }

        /** {@code priorCosts}: each language's cost before the first bucket (not modified). */
        Accumulator(byte[] table, int n, boolean[] candidates, int decidedMargin, int[] priorCosts) {
            this.table = table;
            this.n = n;
            this.candidates = candidates;
            this.decidedMargin = decidedMargin;
            this.costs = priorCosts.clone();
            this.even = new long[(n + 7) >>> 3];
            this.odd = new long[even.length];
            int first = 0;
            while (first < n - 1 && !candidates[first]) {
                first++;
            }
            int last = n - 1;
            while (last > first && !candidates[last]) {
                last--;
            }
            this.fromWord = first >>> 3;
            this.toWord = (last >>> 3) + 1;
        }

        @Override
        public boolean accept(int bucket) {
            final int base = bucket * n;
            final long[] e = even;
            final long[] o = odd;
            for (int w = fromWord; w < toWord; w++) {
                // Bytes past the bucket's n (when n is not a multiple of 8) land in lanes never flushed.
                long x = (long) LONGS.get(table, base + (w << 3));
                e[w] += x & EVEN_BYTES;
                o[w] += (x >>> 8) & EVEN_BYTES;
            }
            pending++;
            if (++seen % CHECK_EVERY != 0) {
                if (pending == FLUSH_EVERY) {
                    flush();
                }
                return true;
            }
            flush();
            stopped = decided();
            return !stopped;
        }

        /** The cost per language of the buckets taken so far. */
        int[] costs() {
            flush();
            return costs;
        }

        private void flush() {
            if (pending == 0) {
                return;
            }
            for (int l = 0; l < n; l++) {
                final int b = l & 7;
                final long lanes = (b & 1) == 0 ? even[l >>> 3] : odd[l >>> 3];
                costs[l] += (int) ((lanes >>> ((b >>> 1) << 4)) & 0xFFFF);
            }
            Arrays.fill(even, 0L);
            Arrays.fill(odd, 0L);
            pending = 0;
        }

        private boolean decided() {
            int first = Integer.MAX_VALUE;
            int second = Integer.MAX_VALUE;
            for (int l = 0; l < n; l++) {
                if (candidates[l]) {
                    int c = costs[l];
                    if (c < first) {
                        second = first;
                        first = c;
                    } else if (c < second) {
                        second = c;
                    }
                }
            }
            return second != Integer.MAX_VALUE && second - first >= decidedMargin;
        }
    }

    /** Counts the code points of {@code text[from, end)} by script, leaving out terminal escapes and, if asked, code-like tokens. */
    private static void countScripts(CharSequence text, int from, int end, int[] counts, boolean skipCodeTokens) {
        boolean tokenStart = true;
        // Mixed texts only: the Latin letters of tokens set apart from the text's own words (names:
        // a capital first; identifiers: a digit, or a hyphen between letters) are also counted in
        // counts[SET_APART_LATIN], once their token has ended.
        boolean setApart = false;
        int tokenLatin = 0;
        char previous = ' ';
        for (int i = from; i < end; ) {
            final char c = text.charAt(i);
            int skipTo;
            if (c < SCRIPT_TABLE_END && c != NgramHasher.ESC) {
                // One table load for the script and whether a token starts after the char; the code
                // points above the table, and surrogate pairs, take the general path below.
                final int cls = SCRIPT_TABLE[c];
                if (skipCodeTokens && tokenStart && (skipTo = NgramHasher.codeLikeTokenEnd(text, i, end)) > i) {
                    i = skipTo;
                } else {
                    i++;
                    int script = cls & SCRIPT_MASK;
                    counts[script]++;
                    if (skipCodeTokens) {
                        if (tokenStart) {
                            counts[SET_APART_LATIN] += setApart ? tokenLatin : 0;
                            tokenLatin = 0;
                            setApart = script == LATIN && Character.isUpperCase(c);
                        }
                        boolean digit = c >= '0' && c <= '9';
                        if (script == LATIN) {
                            tokenLatin++;
                            setApart |= previous == '-' && tokenLatin > 1 || previous >= '0' && previous <= '9';
                        } else if (digit && tokenLatin > 0) {
                            setApart = true;
                        }
                        previous = c;
                    }
                }
                tokenStart = (cls & BEFORE_TOKEN) != 0;
                continue;
            }
            int cp = Character.codePointAt(text, i);
            if (cp == NgramHasher.ESC) {
                i = NgramHasher.skipEscapeSequence(text, i, end);
            } else if (skipCodeTokens && tokenStart && (skipTo = NgramHasher.codeLikeTokenEnd(text, i, end)) > i) {
                i = skipTo;
            } else {
                i += Character.charCount(cp);
                counts[script(cp)]++;
                if (skipCodeTokens && tokenStart) {
                    counts[SET_APART_LATIN] += setApart ? tokenLatin : 0;
                    tokenLatin = 0;
                    setApart = false;
                }
                previous = ' ';
            }
            tokenStart = isBeforeToken(cp);
        }
        counts[SET_APART_LATIN] += setApart ? tokenLatin : 0;
    }

    /** Whether a token starts after {@code cp}: a control char, a space or other white space. */
    private static boolean isBeforeToken(int cp) {
        return cp <= ' ' || cp >= 0x80 && Character.isWhitespace(cp);
    }

    /**
     * Chars below this (Latin, Greek, Cyrillic, Arabic, Indic scripts, punctuation) are classified by
     * {@link #SCRIPT_TABLE}: {@link #script} per char, with its {@link Character#isLetter} calls,
     * was about half of identification's time (a few µs per document).
     */
    private static final int SCRIPT_TABLE_END = 0x3000;
    private static final int SCRIPT_MASK = 7;
    private static final int BEFORE_TOKEN = 8;
    /** Per char below {@link #SCRIPT_TABLE_END}: {@link #script} | {@link #BEFORE_TOKEN} when {@link #isBeforeToken}. */
    private static final byte[] SCRIPT_TABLE = new byte[SCRIPT_TABLE_END];

    static {
        for (int c = 0; c < SCRIPT_TABLE_END; c++) {
            SCRIPT_TABLE[c] = (byte) (script(c) | (isBeforeToken(c) ? BEFORE_TOKEN : 0));
        }
    }

    /**
     * Where the window of {@code size} chars that a long text is judged by starts: centred on the
     * middle of the text, where a web page keeps its main text (its head and tail are menus, cookie
     * notices and footers, often in English whatever the page's language), then moved on to the next
     * word start so that no word is cut. Texts no longer than the window are read whole.
     */
    static int windowStart(CharSequence text, int size) {
        int length = text.length();
        if (length <= size) {
            return 0;
        }
        return windowAround(text, length / 2, size);
    }

    /**
     * Where a window of {@code size} chars centred on {@code centre} starts, within the text and moved
     * on to the next word start so that no word is cut.
     */
    static int windowAround(CharSequence text, int centre, int size) {
        int length = text.length();
        if (length <= size) {
            return 0;
        }
        int start = Math.max(0, Math.min(length - size, centre - size / 2));
        int limit = Math.min(start + 32, length);
        int i = start;
        while (i < limit && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i < limit ? i : start;
    }

    /** The script of a code point, by block ranges: cheaper than {@code Character.UnicodeScript.of}. */
    private static int script(int cp) {
        if (cp < 0x250) {
            return Character.isLetter(cp) ? LATIN : NONE;
        }
        if (!Character.isLetter(cp)) {
            return NONE;
        }
        if (cp >= 0x1E00 && cp <= 0x1EFF || cp >= 0xFF21 && cp <= 0xFF5A) {
            return LATIN;
        }
        if (cp >= 0x370 && cp <= 0x3FF || cp >= 0x1F00 && cp <= 0x1FFF) {
            return GREEK;
        }
        if (cp >= 0x400 && cp <= 0x52F) {
            return CYRILLIC;
        }
        if (cp >= 0x600 && cp <= 0x6FF || cp >= 0x750 && cp <= 0x77F || cp >= 0x8A0 && cp <= 0x8FF
                || cp >= 0xFB50 && cp <= 0xFDFF || cp >= 0xFE70 && cp <= 0xFEFF) {
            return ARABIC;
        }
        if (cp >= 0x3040 && cp <= 0x30FF || cp >= 0x31F0 && cp <= 0x31FF || cp >= 0xFF66 && cp <= 0xFF9F) {
            return KANA;
        }
        if (cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0xF900 && cp <= 0xFAFF
                || cp >= 0x20000 && cp <= 0x2FFFF || cp == 0x3005) {
            return HAN;
        }
        return OTHER;
    }
}
