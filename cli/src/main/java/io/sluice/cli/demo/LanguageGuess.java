package io.sluice.cli.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels Europarl documents with their language for demo and benchmark traffic, which needs a
 * {@code lang} field the way a generator declares the language it was asked for. Function-word
 * counts over the first few hundred words, plus the script for Greek and Bulgarian: right for most
 * of Europarl's 21 languages, and exactness does not matter here, because drift is measured on the
 * declared label. Not a language identifier for the pipeline.
 */
public final class LanguageGuess {
    private static final Map<String, List<String>> FUNCTION_WORDS = Map.ofEntries(
            Map.entry("en", List.of("the", "and", "of", "to", "is", "that", "we", "this", "for", "are")),
            Map.entry("de", List.of("der", "die", "und", "das", "ist", "nicht", "wir", "den", "ich", "zu")),
            Map.entry("fr", List.of("le", "la", "les", "et", "des", "est", "nous", "une", "pour", "dans")),
            Map.entry("es", List.of("el", "los", "las", "y", "del", "por", "una", "para", "con", "se")),
            Map.entry("it", List.of("il", "che", "di", "della", "non", "per", "sono", "una", "è", "gli")),
            Map.entry("pt", List.of("o", "os", "não", "uma", "para", "da", "do", "é", "em", "com")),
            Map.entry("nl", List.of("de", "het", "een", "van", "en", "dat", "niet", "wij", "zijn", "ook")),
            Map.entry("sv", List.of("och", "att", "det", "som", "är", "för", "av", "inte", "vi", "med")),
            Map.entry("da", List.of("og", "at", "det", "er", "til", "af", "ikke", "vi", "med", "har")),
            Map.entry("fi", List.of("ja", "on", "että", "ei", "se", "myös", "ovat", "tämä", "joka", "kanssa")),
            Map.entry("et", List.of("ja", "on", "et", "ei", "see", "ka", "mis", "kui", "oma", "selle")),
            Map.entry("pl", List.of("i", "w", "na", "że", "nie", "z", "się", "jest", "do", "oraz")),
            Map.entry("cs", List.of("a", "v", "na", "že", "se", "je", "pro", "které", "jsou", "také")),
            Map.entry("sk", List.of("a", "v", "na", "že", "sa", "je", "pre", "ktoré", "sú", "aj")),
            Map.entry("sl", List.of("in", "je", "da", "na", "se", "za", "so", "ki", "tudi", "bi")),
            Map.entry("hu", List.of("a", "az", "és", "hogy", "nem", "is", "egy", "ez", "meg", "van")),
            Map.entry("ro", List.of("și", "de", "în", "la", "că", "este", "nu", "pe", "care", "să")),
            Map.entry("lv", List.of("un", "ir", "ka", "par", "no", "lai", "ar", "arī", "tas", "uz")),
            Map.entry("lt", List.of("ir", "kad", "tai", "yra", "į", "su", "bet", "kaip", "ne", "iš")));

    private static final Map<String, List<String>> WORD_TO_LANGS = new HashMap<>();

    static {
        FUNCTION_WORDS.forEach((lang, words) -> words.forEach(
                w -> WORD_TO_LANGS.computeIfAbsent(w, k -> new java.util.ArrayList<>()).add(lang)));
    }

    private LanguageGuess() {}

    /** An ISO 639-1 code, or {@code und} when nothing matched. */
    public static String of(String text) {
        int greek = 0;
        int cyrillic = 0;
        int letters = 0;
        int n = Math.min(text.length(), 3000);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
                if (b == Character.UnicodeBlock.GREEK) {
                    greek++;
                } else if (b == Character.UnicodeBlock.CYRILLIC) {
                    cyrillic++;
                }
            }
        }
        if (letters > 0 && greek * 2 > letters) {
            return "el";
        }
        if (letters > 0 && cyrillic * 2 > letters) {
            return "bg";
        }
        Map<String, Integer> score = new HashMap<>();
        String[] words = text.substring(0, n).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+");
        for (String w : words) {
            List<String> langs = WORD_TO_LANGS.get(w);
            if (langs != null) {
                for (String l : langs) {
                    score.merge(l, 1, Integer::sum);
                }
            }
        }
        return score.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("und");
    }
}
