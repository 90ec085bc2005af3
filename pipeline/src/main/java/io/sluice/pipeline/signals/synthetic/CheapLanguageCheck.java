package io.sluice.pipeline.signals.synthetic;

import java.lang.Character.UnicodeScript;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately cheap check of whether a text is in the language a generator was asked for: the
 * dominant script first (Cyrillic, Han/Kana, Hangul, Arabic, Greek, Latin), then for Latin-script
 * languages votes of a few very frequent function words. It flags only clear disagreements, and
 * says nothing about languages it has no words for; the language-identification family is the
 * proper tool and can replace this.
 */
final class CheapLanguageCheck {

    private static final Map<String, Set<String>> STOP_WORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "is", "that", "with", "for", "this", "are"),
            "de", Set.of("der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "auch"),
            "fr", Set.of("le", "la", "les", "et", "est", "des", "une", "dans", "pour", "que"),
            "es", Set.of("el", "los", "las", "y", "es", "del", "una", "para", "con", "por"),
            "it", Set.of("il", "che", "di", "è", "della", "per", "una", "sono", "gli", "non"),
            "pt", Set.of("o", "os", "que", "é", "não", "uma", "para", "com", "do", "da"),
            "nl", Set.of("de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor"));

    private static final Map<String, String> SCRIPT_OF = Map.ofEntries(
            Map.entry("ru", "cyrillic"), Map.entry("uk", "cyrillic"), Map.entry("bg", "cyrillic"),
            Map.entry("sr", "cyrillic"), Map.entry("zh", "cjk"), Map.entry("ja", "cjk"), Map.entry("ko", "hangul"),
            Map.entry("ar", "arabic"), Map.entry("el", "greek"));

    private CheapLanguageCheck() {}

    static boolean mismatch(String requested, String text) {
        if (requested == null || requested.isBlank() || text.isBlank()) {
            return false;
        }
        String lang = requested.trim().toLowerCase(Locale.ROOT);
        int dash = lang.indexOf('-');
        if (dash > 0) {
            lang = lang.substring(0, dash);
        }
        String script = dominantScript(text);
        if (script == null) {
            return false;
        }
        String expected = SCRIPT_OF.getOrDefault(lang, STOP_WORDS.containsKey(lang) ? "latin" : null);
        if (expected == null) {
            return false;
        }
        if (!expected.equals(script)) {
            return true;
        }
        if (!script.equals("latin")) {
            return false;
        }
        return latinMismatch(lang, text);
    }

    private static String dominantScript(String text) {
        int latin = 0, cyr = 0, cjk = 0, hangul = 0, arabic = 0, greek = 0;
        int limit = Math.min(text.length(), 1000);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                    latin++;
                }
                continue;
            }
            if (!Character.isLetter(c)) {
                continue;
            }
            switch (UnicodeScript.of(c)) {
                case LATIN -> latin++;
                case CYRILLIC -> cyr++;
                case HAN, HIRAGANA, KATAKANA -> cjk += 2; // one CJK character carries about a word
                case HANGUL -> hangul += 2;
                case ARABIC -> arabic++;
                case GREEK -> greek++;
                default -> { }
            }
        }
        int best = Math.max(Math.max(latin, cyr), Math.max(Math.max(cjk, hangul), Math.max(arabic, greek)));
        if (best < 20) {
            return null;
        }
        if (best == latin) return "latin";
        if (best == cyr) return "cyrillic";
        if (best == cjk) return "cjk";
        if (best == hangul) return "hangul";
        if (best == arabic) return "arabic";
        return "greek";
    }

    /** Word to a bit mask of the languages in {@link #LANGS} it is a function word of. */
    private static final String[] LANGS = STOP_WORDS.keySet().stream().sorted().toArray(String[]::new);
    private static final Map<String, Integer> MASKS = new java.util.HashMap<>();

    static {
        for (int i = 0; i < LANGS.length; i++) {
            for (String w : STOP_WORDS.get(LANGS[i])) {
                MASKS.merge(w, 1 << i, (x, y) -> x | y);
            }
        }
    }

    /**
     * Another Latin-script language has at least 5 function-word hits and 3 times the requested
     * one's, over the first 150 words (enough for a clear signal, bounded cost).
     */
    private static boolean latinMismatch(String lang, String text) {
        int[] votes = new int[LANGS.length];
        int i = 0;
        int words = 0;
        int len = text.length();
        while (i < len && words < 150) {
            while (i < len && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < len && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > s) {
                words++;
                if (i - s <= 7) {
                    Integer mask = MASKS.get(text.substring(s, i).toLowerCase(Locale.ROOT));
                    if (mask != null) {
                        for (int k = 0; k < LANGS.length; k++) {
                            if ((mask & (1 << k)) != 0) {
                                votes[k]++;
                            }
                        }
                    }
                }
            }
        }
        int own = votes[java.util.Arrays.asList(LANGS).indexOf(lang)];
        for (int k = 0; k < LANGS.length; k++) {
            if (!LANGS[k].equals(lang) && votes[k] >= 5 && votes[k] >= 3 * Math.max(1, own)) {
                return true;
            }
        }
        return false;
    }
}
