package io.sluice.pipeline.signals.pii;

import java.util.Arrays;
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
            "wersja", "wersji", "rozdział", "sekcja", "artykuł", "ustęp", "załącznik",
            // Czech, Swedish, Danish, Romanian (the Debian manuals' translations)
            "kapitola", "oddíl", "článek", "verze", "sekce", "obrázek", "tabulka", "příloha",
            "avsnitt", "bilaga", "tabell", "afsnit", "bilag",
            "secțiunea", "capitolul", "articolul", "versiunea", "anexa",
            // Russian and Bulgarian, Greek, Arabic
            "раздел", "разделе", "разделы", "глава", "главе", "пункт", "пункте", "статья", "статье", "статьи",
            "версия", "версии", "таблица", "таблице", "рисунок", "приложение", "параграф", "точка", "член",
            "ενότητα", "κεφάλαιο", "άρθρο", "έκδοση", "παράγραφος", "πίνακας", "σχήμα",
            "قسم", "القسم", "فصل", "الفصل", "فقرة", "الفقرة", "مادة", "المادة", "بند", "البند", "الإصدار", "إصدار",
            "الجدول", "جدول", "الشكل", "شكل");

    /**
     * Abbreviations that are cues only with their period ("ver. 1.0.0.1", "No. 1.2.3.4"): bare, they
     * are words of other languages ("v" and "no" are prepositions in Slovenian and Portuguese, "ver"
     * is Spanish for "to see"), after which an address can well be written.
     */
    private static final Set<String> ABBREVIATIONS = Set.of("v", "ver", "vers", "rel", "rev", "no", "sec", "sect",
            "ch", "chap", "art", "fig", "para", "kap", "abs", "abschn", "abb", "ziff", "núm", "rn");

    /** Chinese and Japanese one-char words for section, chapter, article, clause, item and figure. */
    private static final String CJK_SECTION_WORDS = "節节章条條款項项図圖图";

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
        // "§ 1.2", "§§ 1.2"; the Chinese and Japanese ordinal prefix ("第 6.2.4.3 节"), and their words
        // for section, chapter, article, item and figure written before the number ("見 節 9.2.1.1",
        // the Debian handbook's cross-references); "n° 1.2", "Nº".
        if (last == '§' || last == '第' || CJK_SECTION_WORDS.indexOf(last) >= 0) {
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

    /** Verbs after which "to" or "from" introduces a version ("bumped to 3.7.2.0", "upgraded from 1.0.99.1"). */
    private static final Set<String> VERSION_VERBS = Set.of("bump", "bumped", "bumps", "update", "updated",
            "updates", "upgrade", "upgraded", "upgrades", "downgrade", "downgraded", "version", "policy",
            "standards-version");

    /**
     * Nouns and verbs of networking, lower case, in the stream's main languages: the words both
     * {@link #ADDRESS_NOUNS} and {@link #ADDRESS_WORDS} build on.
     */
    private static final Set<String> NETWORKING_NOUNS = Set.of(
            "address", "addresses", "host", "hosts", "server", "servers", "resolver", "resolvers",
            "nameserver", "nameservers", "gateway", "router", "proxy", "subnet", "network", "ping", "bind",
            "listen", "connect", "peer", "node", "client", "endpoint", "upstream", "interface", "machine",
            "device", "adresse", "adres", "dirección", "indirizzo", "serveur", "servidor", "rechner",
            "passerelle", "hôte");

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(Arrays.asList(more));
        return Set.copyOf(all);
    }

    /**
     * Nouns of networking that an address follows ("Resolver 8.8.8.8", "Gateway 1.2.3.4", "Serveur
     * 5.6.7.8"): capitalised, they would otherwise read as a product's name.
     */
    private static final Set<String> ADDRESS_NOUNS = with(NETWORKING_NOUNS,
            "destination", "source", "target", "remote", "local", "public", "private", "primary",
            "secondary");

    /**
     * True when a quad of small parts (the first below 10, every one below 100) follows a product's
     * name ("Firefox 2.0.0.16", "XFree86 4.3.0.1", "Java 1.8.0.60": a word with a capital and a
     * lower-case letter) or "to"/"from" after a verb of versions ("Standards-Version to 3.9.8.0",
     * "bumped to 3.7.2.0"). Addresses that small are few and famous (resolvers such as 8.8.8.8, the
     * examples 1.2.3.4), and are written after such a word rarely, except after nouns of networking
     * ({@link #ADDRESS_NOUNS}): "Resolver 8.8.8.8" and "Server 10.0.0.1" still count.
     */
    static boolean afterProductNameOrVersionVerb(String t, int numberStart, int[] octet) {
        if (octet[0] > 9 || !sectionLike(octet)) {
            return false;
        }
        int end = wordEndBefore(t, numberStart);
        if (end < 0) {
            return false;
        }
        int start = wordStart(t, end);
        if (end - start == 2 && t.regionMatches(true, start, "to", 0, 2)
                || end - start == 4 && t.regionMatches(true, start, "from", 0, 4)) {
            int verbEnd = wordEndBefore(t, start);
            if (verbEnd < 0) {
                return false;
            }
            // "from 1.2.99.2 to 1.2.99.4": the other end of a range of versions.
            int dots = 0;
            int k = verbEnd;
            while (k > 0 && verbEnd - k < 20 && (isDigit(t.charAt(k - 1)) || t.charAt(k - 1) == '.')) {
                dots += t.charAt(--k) == '.' ? 1 : 0;
            }
            if (dots >= 2 && isDigit(t.charAt(verbEnd - 1))) {
                return true;
            }
            int verbStart = wordStart(t, verbEnd);
            return VERSION_VERBS.contains(t.substring(verbStart, verbEnd).toLowerCase(Locale.ROOT));
        }
        // Words about addresses are no products: "IPv4 0.0.0.0", "IPs 1.2.3.4/24" (an acronym's
        // plural), "Resolver 8.8.8.8".
        if (t.startsWith("IP", start) || ADDRESS_NOUNS.contains(t.substring(start, end).toLowerCase(Locale.ROOT))) {
            return false;
        }
        int lower = 0;
        for (int k = start; k < end; k++) {
            lower += Character.isLowerCase(t.charAt(k)) ? 1 : 0;
        }
        boolean acronymPlural = lower == 1 && t.charAt(end - 1) == 's';
        return end - start >= 2 && Character.isUpperCase(t.charAt(start)) && lower > 0 && !acronymPlural;
    }

    /**
     * Words that put a number near them in the address space: nouns and verbs of networking, in the
     * stream's main languages (lower case; {@code IP…} words are recognised by their prefix).
     */
    private static final Set<String> ADDRESS_WORDS = with(NETWORKING_NOUNS,
            "addr", "dns", "hostname", "netmask", "route", "routes", "firewall", "lan", "wan", "vpn", "dhcp",
            "nat", "tcp", "udp", "port", "traceroute", "nslookup", "dig", "ssh", "telnet", "curl", "wget",
            "localhost", "inet", "listens", "listening", "connects", "connected", "connecting", "connection",
            "resolve", "resolves", "resolved", "iptables", "whitelist", "blacklist", "allowlist", "denylist",
            "adressen", "adresa", "direccion", "endereço", "адрес", "сервер", "地址", "アドレス", "주소");

    /** Chars read on each side of a small quad for an address word. */
    private static final int CONTEXT_BEFORE = 60;
    private static final int CONTEXT_AFTER = 40;

    /**
     * True when a dotted quad of small parts (the first below 10, every one below 100) stands where
     * nothing says it is an address: it is then a version or a section number ({@code fixed in
     * 1.6.0.1}, {@code Requires libX11 1.2.99.1}, {@code gcc 2.7.2.3}, {@code ISO/IEC 9899, 6.7.2.1}).
     *
     * <p>Why the size: a quad that small is a version or a section number far more often than an
     * address. Of the address space only ~0.2% has such a form (first part 1-9, the others below
     * 100), and the addresses of it that text names are few and famous: resolvers ({@code 1.1.1.1},
     * {@code 8.8.4.4}, {@code 9.9.9.9}, {@code 4.2.2.2}), the unspecified {@code 0.0.0.0} and the
     * placeholders {@code 1.2.3.4} and {@code 5.6.7.8}. Those stay addresses anywhere; any other
     * small quad counts only with a sign of an address: a port or prefix length after it
     * ({@code :53}, {@code /24}), a URL or user before it ({@code ://}, {@code @}), or a word of
     * networking ({@link #ADDRESS_WORDS}, {@code IP…}) within a few words on its line.
     */
    static boolean smallQuadWithoutAddressSign(String t, int start, int end, int[] octet) {
        if (octet[0] > 9 || !sectionLike(octet) || famousAddress(octet)) {
            return false;
        }
        final int n = t.length();
        if (end + 1 < n && (t.charAt(end) == ':' || t.charAt(end) == '/') && isDigit(t.charAt(end + 1))) {
            return false; // a port or a prefix length
        }
        if (start > 0 && (t.charAt(start - 1) == '@' || t.charAt(start - 1) == '/')) {
            return false; // "http://1.2.9.7/", "root@7.1.2.3"
        }
        // Only the quad's own line is read: a changelog's next entry says nothing about this one.
        int lineStart = t.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = t.indexOf('\n', end);
        if (lineEnd < 0) {
            lineEnd = n;
        }
        return !addressWordNear(t, Math.max(lineStart, start - CONTEXT_BEFORE), start)
                && !addressWordNear(t, end, Math.min(lineEnd, end + CONTEXT_AFTER));
    }

    /** Resolvers, the unspecified address and documentation's placeholders: small, yet addresses. */
    private static boolean famousAddress(int[] o) {
        int a = o[0];
        int b = o[1];
        int c = o[2];
        int d = o[3];
        return a == b && b == c // 0.0.0.0, 1.1.1.1-3, 8.8.8.8, 9.9.9.9-12, 4.4.4.4
                || a == 1 && b == 0 && c == 0 // 1.0.0.1-3
                || a == 8 && b == 8 && c == 4 && d == 4
                || a == 4 && b == 2 && c == 2 // 4.2.2.1-6
                || a == 1 && b == 2 && c == 3 && d == 4
                || a == 5 && b == 6 && c == 7 && d == 8;
    }

    /**
     * True when a word of {@link #ADDRESS_WORDS}, or one starting with "IP" ({@code IP}, {@code IPs},
     * {@code IPv4}, {@code IP地址}), lies whole within {@code [from, to)}.
     */
    private static boolean addressWordNear(String t, int from, int to) {
        int k = from;
        while (k < to && k > 0 && Character.isLetter(t.charAt(k - 1)) && Character.isLetter(t.charAt(k))) {
            k++; // the window starts inside a word: not that word
        }
        while (k < to) {
            if (!Character.isLetter(t.charAt(k))) {
                k++;
                continue;
            }
            int w = k;
            while (k < to && Character.isLetter(t.charAt(k))) {
                k++;
            }
            if (k == to && k < t.length() && Character.isLetter(t.charAt(k))) {
                return false; // the window ends inside a word
            }
            if (k - w >= 2 && t.charAt(w) == 'I' && t.charAt(w + 1) == 'P'
                    || k - w >= 2 && k - w <= 12 && ADDRESS_WORDS.contains(t.substring(w, k).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The end of the word that ends at one blank before {@code i}, or -1 when something else stands there. */
    private static int wordEndBefore(String t, int i) {
        int k = i - 1;
        if (k < 1 || !isBlank(t.charAt(k)) || !Character.isLetterOrDigit(t.charAt(k - 1))) {
            return -1;
        }
        return k;
    }

    /** The start of the run of letters, digits and hyphens ending at {@code end}. */
    private static int wordStart(String t, int end) {
        int k = end;
        while (k > 0 && end - k < 40 && (Character.isLetterOrDigit(t.charAt(k - 1)) || t.charAt(k - 1) == '-')) {
            k--;
        }
        return k;
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
     * The three-part numbers written on their own in one text ("6.2.4", "1.5.4" but not the start of
     * "1.5.4.1"), for {@link #isSubsection}: a dotted quad whose first three parts are one of them is
     * a subsection of a number the text writes, as a table of contents does ("12.6.2. Autotools"
     * above "12.6.2.1. Compile and install"), and hierarchical numbering writes the parent while
     * addresses do not ("38.107.191.66 through 38.107.191.119" has no bare "38.107.191").
     *
     * <p>Built in one pass over the text, the first time a scan asks, so that every quad is looked up
     * by binary search: searching the text for each quad's parent took 22.8 s for a megabyte of
     * addresses, and the bounded search that replaced it (at most 256 searches per text) ran out in
     * long release notes, whose versions then counted as addresses. The parent must stand within
     * {@link #WINDOW} chars, as it did: in a long manual a semantic version "1.2.3" somewhere must
     * not make an example address "1.2.3.4" elsewhere a section number.
     */
    static final class Parents {
        /** A parent is looked for this many chars before and after the quad. */
        static final int WINDOW = 100_000;

        /** Per three-part number: its parts' key in the high half, its position in the low half; sorted. */
        private long[] entries = new long[16];
        private int size;
        private String text;

        /** Forgets the last text; the next {@link #isSubsection} reads the new one. */
        void reset() {
            text = null;
        }

        /**
         * True when the first three parts of the {@link #sectionLike} quad at {@code [start, end)} of
         * {@code t} are written alone within {@value #WINDOW} chars of it.
         */
        boolean isSubsection(String t, int start, int end, int[] octet) {
            if (text != t) {
                index(t);
                text = t;
            }
            long key = key(octet[0], octet[1], octet[2]);
            int at = Arrays.binarySearch(entries, 0, size, key << 32 | Math.max(0, start - WINDOW));
            if (at < 0) {
                at = -at - 1;
            }
            return at < size && entries[at] >>> 32 == key && (int) entries[at] <= end + WINDOW;
        }

        private void index(String t) {
            size = 0;
            final int n = t.length();
            final int[] v = new int[3];
            int i = 0;
            while (i < n) {
                char c = t.charAt(i);
                if (!isDigit(c) || i > 0 && (isDigit(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
                    i++;
                    continue;
                }
                // A dotted number starts here: read its parts (a section's parts are below 100).
                int parts = 0;
                boolean small = true;
                int j = i;
                while (true) {
                    int value = 0;
                    int partStart = j;
                    while (j < n && isDigit(t.charAt(j))) {
                        value = j - partStart < 3 ? value * 10 + (t.charAt(j) - '0') : 1000;
                        j++;
                    }
                    small &= value <= 99;
                    if (parts < 3) {
                        v[parts] = value;
                    }
                    parts++;
                    if (j + 1 < n && t.charAt(j) == '.' && isDigit(t.charAt(j + 1))) {
                        j++;
                        continue;
                    }
                    break;
                }
                if (parts == 3 && small) {
                    if (size == entries.length) {
                        entries = Arrays.copyOf(entries, size * 2);
                    }
                    entries[size++] = (long) key(v[0], v[1], v[2]) << 32 | i;
                }
                i = j;
            }
            Arrays.sort(entries, 0, size);
        }

        private static int key(int a, int b, int c) {
            return (a << 16) | (b << 8) | c;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }
}
