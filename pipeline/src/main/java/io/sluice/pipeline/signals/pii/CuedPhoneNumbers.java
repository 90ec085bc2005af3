package io.sluice.pipeline.signals.pii;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phone numbers announced by a word such as "Tel.", "Telefon", "Fax", "Phone" or "Mobil": contact
 * blocks write numbers in every national habit ({@code 0561 940 83-14}, {@code +49 (0)40 / 49 07 11 06},
 * {@code 0711-28077-500}, {@code (+48) 22 525 80 00}, {@code 6533 6002}), most of which the
 * scanner's context-free shapes must refuse, since running text is full of digit groups. After such
 * a word the shape matters little: any run of 6 to 15 digits in groups joined by blanks, hyphens,
 * dashes, slashes, dots or parentheses is the number.
 *
 * <p>On the dev corpus, 58 of the 168 numbers announced this way were missed before (35%), nearly
 * all German contact blocks (see docs/SAFETY.md for the figures after).
 */
final class CuedPhoneNumbers {

    /** Lower-case cue words; the scanner reads one word back, over blanks and a {@code :} or {@code .}. */
    private static final List<String> CUES = List.of(
            "tel", "tele", "telefon", "telephone", "téléphone", "telefono", "teléfono", "telefone", "telf", "tlf",
            "tfn", "phone", "ph", "fon", "fone", "fax", "telefax", "faks", "mobil", "mobile", "mob", "handy",
            "cell", "gsm", "tél", "puh", "puhelin", "telefoon", "mobiel", "telefonnummer", "rufnummer", "hotline",
            "kontakttelefon", "mobilnummer",
            // 2026-11-28, third session: Spanish, Portuguese, Italian, Polish and Hungarian mobile words,
            // Russian, Bulgarian and Greek cues, messaging apps ("Móvil: 612 345 678", "тел. 123-45-67",
            // "τηλ. 210 1234567", "WhatsApp: 612 345 678"): these countries dial no trunk 0, so only a
            // cue tells their numbers from amounts
            "celular", "móvil", "movil", "telemóvel", "telemovel", "tfno", "tlfno", "cellulare", "komórka",
            "telefonszám", "тел", "телефон", "моб", "мобильный", "мобилен", "факс", "τηλ", "τηλέφωνο",
            "τηλεφωνο", "κιν", "κινητό", "κινητο", "φαξ", "whatsapp", "viber",
            // Cues only after the words given in QUALIFIED: "phone number", "Tel.-Nr.", "tel. kom."
            "number", "nr", "kom");

    /**
     * The cues written as abbreviations, which may carry a period ("Tel. 0711", "Tel.-Nr. 0711",
     * "Fax.: 0711"). After any other cue a period ends a sentence, and the next sentence may start
     * with a date or a count: "... one cell.  2021-01-10  Theppitak ..." in a changelog.
     */
    private static final Set<String> ABBREVIATED = Set.of(
            "tel", "tele", "telf", "tlf", "tfn", "ph", "fon", "fax", "mob", "tél", "puh", "gsm", "nr", "tfno", "tlfno",
            "тел", "моб", "τηλ", "κιν", "kom");

    /**
     * Cues that are also common words of technical English ("cell 463907" in a bug list, a
     * spreadsheet's cells): they announce a number only with a colon ("Cell: 555 123 4567").
     */
    private static final Set<String> COLON_ONLY = Set.of("cell");

    /** Cue words that count only right after one of these (lower case). */
    private static final Map<String, List<String>> QUALIFIED = Map.of(
            "number", List.of("phone ", "telephone "),
            "nr", List.of("tel.-", "tel. "),
            "kom", List.of("tel. ", "tel "));

    /**
     * The cues by length, each list in {@link #CUES} order: a number's preceding word is compared
     * with the cues of its own length only. Every number in a text that no shape claims is asked
     * about; comparing its word with all the cues cost ~9 µs per dev-corpus document.
     */
    private static final String[][] CUES_BY_LENGTH;

    static {
        int longest = 0;
        for (String cue : CUES) {
            longest = Math.max(longest, cue.length());
        }
        List<List<String>> byLength = new ArrayList<>();
        for (int l = 0; l <= longest; l++) {
            byLength.add(new ArrayList<>());
        }
        for (String cue : CUES) {
            byLength.get(cue.length()).add(cue);
        }
        CUES_BY_LENGTH = new String[longest + 1][];
        for (int l = 0; l <= longest; l++) {
            CUES_BY_LENGTH[l] = byLength.get(l).toArray(new String[0]);
        }
    }

    /**
     * Phrases of running text that announce a number (lower case, words joined by one space): "call
     * me at", "my number is", "appelez-nous au", "llámenos al", "erreichbar unter", and the verb "to
     * call" of the other EU languages and Russian and Turkish ("soita", "hívja a", "καλέστε στο",
     * "nazovite", "arayın"). Contact pages label numbers ({@link #CUES}); people write them into
     * sentences, where the label is a phrase.
     */
    private static final List<String> PHRASES = List.of(
            "call me at", "call me on", "call us at", "call us on", "call at", "call on", "call",
            "reach me at", "reach me on", "reach us at", "reach us on", "reached at", "reached on",
            "text me at", "text me on", "text us at", "text us on",
            "contact me at", "contact me on", "contact us at", "contact us on", "contact",
            "ring me on", "ring us on", "ring me at", "ring us at", "ring", "dial",
            "my number is", "our number is", "phone number is", "telephone number is", "mobile number is",
            "cell number is", "my cell is", "my mobile is", "my phone is", "helpline",
            "appelez-moi au", "appelez-nous au", "appelez le", "appeler le", "appelez au", "contactez-nous au",
            "contactez-moi au", "joignable au", "joindre au", "composez le",
            "llámame al", "llámanos al", "llame al", "llamar al", "llámenos al", "contáctanos al",
            "contáctenos al", "marque el", "marca el",
            "chiamami al", "chiamaci al", "chiamare il", "chiamate il", "chiama il", "contattaci al", "contattateci al",
            "ligue para", "liga para", "ligar para", "ligue-nos para", "ligue-me para",
            "erreichbar unter", "anrufen unter", "an unter", "unter der nummer", "unter der rufnummer",
            "unter der telefonnummer",
            "bel", "bel ons op", "bel me op", "bel mij op", "bellen naar", "bereikbaar op",
            "zadzwoń pod numer", "zadzwoń pod", "pod numerem", "zadzwoń",
            "ring oss på", "ring mig på", "ring meg på", "ring os på", "ring til",
            "звоните", "позвоните", "по номеру", "по телефону",
            "rufen sie uns an", "rufen sie an", "ruf uns an", "ruf an", "nous joindre au", "au numéro",
            "telefonare al", "soita", "soita numeroon", "soittamalla numeroon", "volejte", "volejte na",
            "volajte", "volajte na", "hívja", "hívjon", "hívja a", "hívjon a", "hívja az", "καλέστε",
            "καλέστε στο", "τηλεφωνήστε στο", "sunați la", "sună la", "apelați", "обадете се на", "звънете на",
            "pokličite", "pokličite na", "nazovite", "nazovite na", "skambinkite", "zvaniet", "helista",
            "helistage", "ring til", "ring på", "arayın", "bizi arayın",
            // Hindi (signals version 24): Indian mobile numbers are ten digits with no trunk 0
            // ("मेरा फोन नंबर 9876543210 है"), so only the words before them tell them from amounts.
            // फ़ is written decomposed (फ + nukta), as NFC leaves it.
            "फोन नंबर", "फ\u093Cोन नंबर", "फोन नम्बर", "फ\u093Cोन नम्बर", "मोबाइल नंबर", "मोबाइल नम्बर",
            "संपर्क नंबर", "संपर्क नम्बर");

    /**
     * Phrases that are also words of other trades ("call 401030 &lt;puts@plt&gt;" in a disassembly,
     * "ring 123456" of a buffer): without a colon they announce only a number written as numbers
     * are ({@link #writtenAsANumber}). "Contact", "dial" and the other languages' verbs mean reaching
     * someone only.
     */
    private static final Set<String> BARE_VERBS = Set.of("call", "ring");

    /** {@link #PHRASES} by their last char (lower case), so that a number's preceding word is compared with a few only. */
    private static final Map<Character, List<String>> PHRASES_BY_LAST_CHAR;

    static {
        Map<Character, List<String>> byLast = new HashMap<>();
        for (String phrase : PHRASES) {
            byLast.computeIfAbsent(phrase.charAt(phrase.length() - 1), c -> new ArrayList<>()).add(phrase);
        }
        byLast.replaceAll((c, list) -> List.copyOf(list));
        PHRASES_BY_LAST_CHAR = Map.copyOf(byLast);
    }

    private static final int MIN_DIGITS = 6;
    private static final int MAX_DIGITS = 15;

    private CuedPhoneNumbers() {}

    /**
     * True when a cue word ends just before {@code i}: blanks or one line break ("Telefon:\n0201-2402-0"),
     * then optionally {@code :} and {@code .} ({@link #beforeBlanksAndColon}).
     */
    static boolean cueBefore(String t, int i) {
        int k = beforeBlanksAndColon(t, i, true);
        boolean colon = colonBetween(t, k, i);
        boolean period = k >= 0 && t.charAt(k) == '.';
        if (period) {
            k--;
        }
        if (k < 0 || !Character.isLetter(t.charAt(k))) {
            return false;
        }
        if (PiiScanner.isCjk(t.charAt(k))) {
            return !period && cjkCueEndsAt(t, k + 1);
        }
        final int end = k + 1;
        int start = end;
        while (start > 0 && end - start < CUES_BY_LENGTH.length && Character.isLetter(t.charAt(start - 1))) {
            start--;
        }
        int length = end - start;
        if (length >= CUES_BY_LENGTH.length || start > 0 && Character.isLetterOrDigit(t.charAt(start - 1))) {
            return false; // longer than any cue, or glued to a digit ("3Tel")
        }
        char first = Character.toLowerCase(t.charAt(start));
        for (String cue : CUES_BY_LENGTH[length]) {
            if (cue.charAt(0) == first && t.regionMatches(true, start, cue, 0, length)) {
                return (!period || ABBREVIATED.contains(cue)) && (colon || !COLON_ONLY.contains(cue))
                        && qualifiedAt(t, start, QUALIFIED.get(cue));
            }
        }
        return false;
    }

    /**
     * Where a cue word or phrase before the number at {@code i} must end: the index of the last char
     * before it that is not one of up to three blanks (or, with {@code lineBreaks}, a line break:
     * extracted contact blocks put the label on a line of its own) and not one colon, ASCII or
     * full-width, with blanks around it. -1 when the text starts there.
     */
    private static int beforeBlanksAndColon(String t, int i, boolean lineBreaks) {
        int k = i - 1;
        int blanks = 0;
        while (k >= 0 && blanks < 3 && (lineBreaks ? isBlankOrLineBreak(t.charAt(k)) : isBlank(t.charAt(k)))) {
            k--;
            blanks++;
        }
        if (k >= 0 && (t.charAt(k) == ':' || t.charAt(k) == '\uff1a')) {
            k--;
            while (k >= 0 && blanks < 4 && isBlank(t.charAt(k))) {
                k--;
                blanks++;
            }
        }
        return k;
    }

    /** True when {@link #beforeBlanksAndColon} passed a colon between {@code k} and {@code i}. */
    private static boolean colonBetween(String t, int k, int i) {
        for (int j = k + 1; j < i; j++) {
            if (t.charAt(j) == ':' || t.charAt(j) == '\uff1a') {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a phrase of {@link #PHRASES} ends just before the number {@code t[i, e)} (over blanks
     * and an optional colon) and the number is not a date or a range of years ("call us on 12.05.2024").
     */
    static boolean phraseBefore(String t, int i, int e) {
        int k = beforeBlanksAndColon(t, i, false);
        boolean colon = colonBetween(t, k, i);
        if (k < 0 || !Character.isLetter(t.charAt(k))) {
            return false;
        }
        List<String> phrases = PHRASES_BY_LAST_CHAR.get(Character.toLowerCase(t.charAt(k)));
        if (phrases == null) {
            return false;
        }
        final int end = k + 1;
        for (String phrase : phrases) {
            int start = end - phrase.length();
            if (start >= 0 && t.regionMatches(true, start, phrase, 0, phrase.length())
                    && (start == 0 || !Character.isLetterOrDigit(t.charAt(start - 1)))) {
                if (BARE_VERBS.contains(phrase) && !colon && !writtenAsANumber(t, i, e)) {
                    return false;
                }
                return !dateOrYears(t, i, e);
            }
        }
        return false;
    }

    /**
     * True when {@code t[i, e)} starts with {@code +}, {@code (} or {@code 0}, has two digit groups or
     * more, or nine digits or more (a subscriber number; a disassembly's decimal-looking addresses are
     * shorter).
     */
    private static boolean writtenAsANumber(String t, int i, int e) {
        char c = t.charAt(i);
        if (c == '+' || c == '(' || c == '0' || e - i >= 9) {
            return true;
        }
        for (int k = i; k < e; k++) {
            if (!isDigit(t.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code t[i, e)} reads as a date (three groups, one of them a year of 19xx or 20xx and
     * the others of one or two digits) or as two years ("2019-2020").
     */
    private static boolean dateOrYears(String t, int i, int e) {
        int[] lengths = new int[4];
        int groups = 0;
        int years = 0;
        int k = i;
        while (k < e && groups < 4) {
            while (k < e && !isDigit(t.charAt(k))) {
                k++;
            }
            int s = k;
            while (k < e && isDigit(t.charAt(k))) {
                k++;
            }
            if (k > s) {
                lengths[groups++] = k - s;
                if (k - s == 4 && (t.startsWith("19", s) || t.startsWith("20", s))) {
                    years++;
                }
            }
        }
        if (groups == 2) {
            return years == 2;
        }
        if (groups != 3 || years != 1) {
            return false;
        }
        int shortGroups = 0;
        for (int g = 0; g < 3; g++) {
            shortGroups += lengths[g] <= 2 ? 1 : 0;
        }
        return shortGroups == 2;
    }

    /**
     * Cue words of Chinese, Japanese and Korean. These scripts have no spaces between words (or glue
     * particles to them), so a cue is any of these at the end of the run of letters before the
     * number: "联系电话：", "携帯電話 ", "전화번호: ".
     */
    private static final List<String> CJK_CUES = List.of(
            "电话", "電話", "手机", "手機", "传真", "傳真", "座机", "座機", "热线", "熱線", "携帯", "携帯番号",
            "ファックス", "ファクス", "전화", "전화번호", "휴대폰", "핸드폰", "팩스", "연락처");

    /**
     * What may stand between a CJK cue and its number: a word for "number" ("手机号码", "手机号", "電話番号")
     * then a particle or copula ("我的手机号是", "お電話は", "电话为"). Longest first.
     */
    private static final List<String> CJK_NUMBER_WORDS = List.of("号码", "號碼", "番号", "번호", "号", "號");
    private static final String CJK_PARTICLES = "は是为為が";

    /** True when a cue of {@link #CJK_CUES} ends at {@code end}, or before a number word and a particle there. */
    private static boolean cjkCueEndsAt(String t, int end) {
        if (end > 0 && CJK_PARTICLES.indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        if (exactCjkCueEndsAt(t, end)) {
            return true;
        }
        for (String word : CJK_NUMBER_WORDS) {
            if (end >= word.length() && t.startsWith(word, end - word.length())) {
                return exactCjkCueEndsAt(t, end - word.length());
            }
        }
        return false;
    }

    private static boolean exactCjkCueEndsAt(String t, int end) {
        for (String cue : CJK_CUES) {
            if (end >= cue.length() && t.startsWith(cue, end - cue.length())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code words} is null (no qualification) or one of them ends at {@code start}. */
    private static boolean qualifiedAt(String t, int start, List<String> words) {
        if (words == null) {
            return true;
        }
        for (String w : words) {
            if (start >= w.length() && t.regionMatches(true, start - w.length(), w, 0, w.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of the number starting at {@code i} (a digit, {@code +} or {@code (}), or -1: the
     * longest run of digit groups with 6-15 digits that ends at a clean boundary ({@code endOk}).
     */
    static int end(String t, int i, int limit) {
        int j = i;
        if (j + 1 < limit && t.charAt(j) == '(' && t.charAt(j + 1) == '+') {
            j += 2; // "(+48) 22 525 80 00"
        } else if (t.charAt(j) == '+' || t.charAt(j) == '(') {
            j++; // "+49 ...", "(03 40) 51 89 01 10"
        }
        int digits = 0;
        int best = -1;
        while (j < limit && isDigit(t.charAt(j))) {
            while (j < limit && isDigit(t.charAt(j))) {
                j++;
                digits++;
            }
            if (digits > MAX_DIGITS) {
                break;
            }
            if (digits >= MIN_DIGITS && PhoneExtensions.endOk(t, j)) {
                best = j;
            }
            // A separator: at most four chars, at most two of them not blank ("/", " - ", ") ", " (").
            int s = j;
            int marks = 0;
            while (j < limit && j - s < 4 && isSeparator(t.charAt(j))) {
                if (!isBlank(t.charAt(j))) {
                    marks++;
                }
                j++;
            }
            if (j == s || marks > 2) {
                break;
            }
        }
        return best;
    }

    private static boolean isSeparator(char c) {
        return isBlank(c) || PiiScanner.separatorClass(c) != 0 || c == '/' || c == '(' || c == ')';
    }

    private static boolean isBlank(char c) {
        return c == '\u200b' || c == '\t' || c == '\u3000' || PiiScanner.separatorClass(c) == ' ';
    }

    private static boolean isBlankOrLineBreak(char c) {
        return isBlank(c) || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
