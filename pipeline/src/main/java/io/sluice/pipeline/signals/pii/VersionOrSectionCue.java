package io.sluice.pipeline.signals.pii;

import java.util.Locale;
import java.util.Set;

/**
 * Tells a dotted quad that names a version or a section ("version 2.0.0.16", "Section 6.2.4.3",
 * "Abschnitt 6.2.4.3", "§ 1.2.3.4", "第 6.2.4.3 节") from an IPv4 address by the word just before it,
 * or by a package version's suffix after it ({@link #versionSuffix}). Such numbers fill technical documentation; counted as addresses they were
 * redacted to {@code <IP>} by the default policy, which damaged exactly the text trainers want. No
 * address is written after these words, so the cue costs no recall on real addresses.
 *
 * <p>Only the one word before the number is read, over blanks and one {@code :} or {@code .}
 * ("Version: 1.2.3.4", "Nr. 1.2.3.4"); short abbreviations count only with their period. Product names ("Firefox 2.0.0.16") are not cues: no list
 * could hold them, and a capitalised word before an address ("Server 10.0.0.1") is as common.
 */
final class VersionOrSectionCue {

    /** Lower-case cue words in the main languages of the stream. */
    private static final Set<String> WORDS = Set.of(
            // English
            "version", "versions", "release", "releases", "build", "revision", "update", "patch", "firmware",
            "kernel", "section", "sections", "chapter", "clause", "article", "paragraph", "item", "step", "part",
            "appendix", "annex", "table", "figure", "rule", "point", "nr", "number", "oid",
            // German
            "abschnitt", "kapitel", "absatz", "anhang", "anlage", "ziffer", "punkt", "nummer", "tabelle",
            "abbildung", "artikel", "teil", "schritt", "randnummer",
            // French
            "chapitre", "paragraphe", "annexe", "tableau", "partie", "étape", "alinéa", "numéro",
            // Spanish, Italian, Portuguese
            "versión", "sección", "capítulo", "artículo", "apartado", "anexo", "punto", "tabla", "figura",
            "número", "versione", "sezione", "capitolo", "articolo", "paragrafo", "allegato", "tabella", "numero",
            "versão", "secção", "seção", "artigo", "parágrafo", "ponto", "tabela",
            // Dutch, Polish
            "versie", "sectie", "hoofdstuk", "paragraaf", "bijlage", "punt", "tabel", "figuur", "stap",
            "wersja", "wersji", "rozdział", "sekcja", "artykuł", "ustęp", "załącznik");

    /**
     * Abbreviations that are cues only with their period ("ver. 1.0.0.1", "No. 1.2.3.4"): bare, they
     * are words of other languages ("v" and "no" are prepositions in Slovenian and Portuguese, "ver"
     * is Spanish for "to see"), after which an address can well be written.
     */
    private static final Set<String> ABBREVIATIONS = Set.of("v", "ver", "vers", "rel", "rev", "no", "sec", "sect",
            "ch", "chap", "art", "fig", "para", "kap", "abs", "abschn", "abb", "ziff", "núm", "rn");

    /** Longest cue word, in chars. */
    private static final int MAX_WORD = 10;

    private VersionOrSectionCue() {}

    /** True when the number starting at {@code numberStart} of {@code t} follows a cue. */
    static boolean precedes(String t, int numberStart) {
        int k = numberStart - 1;
        int blanks = 0;
        while (k >= 0 && blanks < 3 && isBlank(t.charAt(k))) {
            k--;
            blanks++;
        }
        boolean period = false;
        if (k >= 0 && (t.charAt(k) == ':' || t.charAt(k) == '.') && k + 1 < numberStart) {
            period = t.charAt(k) == '.';
            k--;
        }
        if (k < 0) {
            return false;
        }
        char last = t.charAt(k);
        // "§ 1.2", "§§ 1.2"; the Chinese and Japanese ordinal prefix ("第 6.2.4.3 节"); "n° 1.2", "Nº".
        if (last == '§' || last == '第') {
            return true;
        }
        if ((last == '°' || last == 'º') && k > 0 && (t.charAt(k - 1) == 'n' || t.charAt(k - 1) == 'N')) {
            return true;
        }
        int end = k + 1;
        while (k >= 0 && end - k <= MAX_WORD && Character.isLetter(t.charAt(k))) {
            k--;
        }
        if (end - k - 1 == 0 || (k >= 0 && Character.isLetter(t.charAt(k)))) {
            return false; // no word, or one longer than any cue
        }
        String word = t.substring(k + 1, end).toLowerCase(Locale.ROOT);
        return WORDS.contains(word) || period && ABBREVIATIONS.contains(word);
    }

    /**
     * True when the dotted quad ending at {@code end} carries a package version's suffix: a Debian
     * revision or an upstream tag after {@code -}, {@code +} or {@code ~} ({@code alsa-ucm-conf
     * (1.2.7.2-1)}, {@code 4.1.4.2+svn3283}, {@code 12.4.254.14-node.11}, {@code 1.0.0.1~rc2}).
     * Changelogs, package lists and build logs are full of them. A range of addresses is written
     * with a hyphen too ({@code 192.168.1.1-254}), but with digits only after it and rarely with
     * every part below 100: after a hyphen, the suffix must hold a letter, or the quad must be
     * {@link #sectionLike}.
     */
    static boolean versionSuffix(String t, int end, int[] octet) {
        final int n = t.length();
        if (end + 1 >= n) {
            return false;
        }
        char mark = t.charAt(end);
        if (mark != '-' && mark != '+' && mark != '~' || !isAsciiLetterOrDigit(t.charAt(end + 1))) {
            return false;
        }
        if (mark != '-' || sectionLike(octet)) {
            return true;
        }
        for (int k = end + 1; k < n && isAsciiLetterOrDigit(t.charAt(k)); k++) {
            if (!isDigit(t.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** True when every part of the dotted quad is below 100, as section numbers' parts are. */
    static boolean sectionLike(int[] octet) {
        return octet[0] <= 99 && octet[1] <= 99 && octet[2] <= 99 && octet[3] <= 99;
    }

    /**
     * True when the dotted quad {@code octet} is a subsection of a number written on its own in
     * {@code t[from, to)}: "6.2.4.3" where the text also has "6.2.4" (a table of contents, a heading
     * "12.6.2. Autotools" above "12.6.2.1. Compile and install"). Hierarchical numbering writes the
     * parent; addresses do not ("38.107.191.66 through 38.107.191.119" has no bare "38.107.191").
     * The caller asks only for {@link #sectionLike} numbers, near them, and a bounded number of times.
     */
    static boolean parentNumberIn(String t, int[] octet, int from, int to) {
        String parent = octet[0] + "." + octet[1] + "." + octet[2];
        final int n = t.length();
        for (int p = t.indexOf(parent, from); p >= 0 && p + parent.length() <= to; p = t.indexOf(parent, p + 1)) {
            int after = p + parent.length();
            boolean startsNumber = p == 0 || !(isDigit(t.charAt(p - 1)) || t.charAt(p - 1) == '.');
            boolean endsNumber = after == n || !(isDigit(t.charAt(after))
                    || t.charAt(after) == '.' && after + 1 < n && isDigit(t.charAt(after + 1)));
            if (startsNumber && endsNumber) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }
}
