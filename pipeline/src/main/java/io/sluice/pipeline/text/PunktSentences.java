package io.sluice.pipeline.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Punkt sentence splitter as NLTK's {@code PunktSentenceTokenizer} runs it (NLTK 3.8/3.9), with
 * NLTK's trained English parameters.
 *
 * <p>The algorithm is NLTK's, step for step, because sentence boundaries decide where the word
 * tokenizer splits off final periods: candidate ends are {@code . ? !} followed by a non-word
 * punctuation mark or by whitespace and a token; each candidate is decided on a small context (the
 * word before, the mark, the token after) by the first-pass annotation (known abbreviation,
 * ellipsis, otherwise a break) and the second-pass heuristics (known collocations, orthographic
 * evidence about the next word, frequent sentence starters, initials and numbers); finally closing
 * quotes and brackets that follow a break are moved back into the sentence they close.
 *
 * <p>The parameters are NLTK's trained models as its {@code punkt_tab} data package ships them,
 * read from the four files of {@code punkt_tab/<language>/} in NLTK's own format: abbreviation
 * types, collocations, frequent sentence starters, and the orthographic context of each word type
 * seen in training (see {@code punkt_tab/SOURCE.md}). {@link #ENGLISH} is the model datatrove's
 * {@code word_tokenize} loads; {@link #forLanguage} gives the others Sluice ships.
 * {@code PunktNltkEquivalenceTest} runs NLTK's own code with the same files.
 */
final class PunktSentences {

    static final PunktSentences ENGLISH = load("punkt_tab/english/");

    /**
     * The NLTK models Sluice ships besides English, by ISO 639-1 code: the directory names of NLTK's
     * {@code punkt_tab} package, for the languages datatrove's word tokenizers
     * ({@code WORD_TOKENIZER_FACTORY}) split with NLTK, its proxies included. Estonian and Malayalam,
     * which datatrove also splits with NLTK, are not here (see {@code punkt_tab/SOURCE.md}).
     */
    private static final Map<String, String> MODEL_DIRECTORIES = Map.ofEntries(
            Map.entry("de", "german"), Map.entry("fr", "french"), Map.entry("es", "spanish"),
            Map.entry("it", "italian"), Map.entry("pt", "portuguese"), Map.entry("nl", "dutch"),
            Map.entry("el", "greek"), Map.entry("sl", "slovene"), Map.entry("sv", "swedish"),
            Map.entry("cs", "czech"), Map.entry("pl", "polish"), Map.entry("da", "danish"),
            Map.entry("ru", "russian"), Map.entry("fi", "finnish"), Map.entry("tr", "turkish"),
            // Norwegian text is tagged by its written standard (Bokmål, Nynorsk) as often as "no".
            Map.entry("no", "norwegian"), Map.entry("nb", "norwegian"), Map.entry("nn", "norwegian"),
            // datatrove's proxies: a close language's model for languages NLTK has none for.
            Map.entry("gl", "portuguese"), Map.entry("fy", "dutch"), Map.entry("uz", "turkish"),
            Map.entry("tk", "turkish"));

    /** Models loaded on first use, by directory (German's orthographic context alone is ~0.9 MB). */
    private static final Map<String, PunktSentences> LOADED = new ConcurrentHashMap<>();

    /**
     * NLTK's model for the language {@code iso639_1} (lower case) when Sluice ships it, else the
     * English one, the reference's splitter for every language.
     */
    static PunktSentences forLanguage(String iso639_1) {
        String directory = iso639_1 == null ? null : MODEL_DIRECTORIES.get(iso639_1);
        if (directory == null) {
            return ENGLISH;
        }
        return LOADED.computeIfAbsent(directory, name -> load("punkt_tab/" + name + "/"));
    }

    /** The ISO 639-1 codes of the models {@link #forLanguage} has besides English. */
    static Set<String> shippedLanguages() {
        return MODEL_DIRECTORIES.keySet();
    }

    /** The directory of {@code punkt_tab/} that holds each code's model. */
    static Map<String, String> modelDirectories() {
        return MODEL_DIRECTORIES;
    }

    /** Whether the model for {@code iso639_1} has been read (for tests of preloading). */
    static boolean isLoaded(String iso639_1) {
        return LOADED.containsKey(MODEL_DIRECTORIES.get(iso639_1));
    }

    // Orthographic context flags, as in NLTK.
    private static final int BEG_UC = 1 << 1;
    private static final int MID_UC = 1 << 2;
    private static final int UNK_UC = 1 << 3;
    private static final int BEG_LC = 1 << 4;
    private static final int MID_LC = 1 << 5;
    private static final int UNK_LC = 1 << 6;
    private static final int UC = BEG_UC | MID_UC | UNK_UC;
    private static final int LC = BEG_LC | MID_LC | UNK_LC;

    private static final String NUMBER = "##number##";

    private static final int UNKNOWN = 0;
    private static final int YES = 1;
    private static final int NO = 2;

    private final StringTable abbreviations;
    private final StringTable sentenceStarters;
    /** Known collocations, each as its two types joined by a tab. */
    private final StringTable collocations;
    /** The first types of {@link #collocations}, so that most tokens skip the pair lookup. */
    private final StringTable collocationFirsts;
    private final StringTable orthoContext;

    private PunktSentences(Set<String> abbreviations, Set<String> sentenceStarters, Set<String> collocations,
            Map<String, Integer> orthoContext) {
        this.abbreviations = new StringTable(abbreviations);
        this.sentenceStarters = new StringTable(sentenceStarters);
        this.collocations = new StringTable(collocations);
        Set<String> firsts = new HashSet<>();
        for (String pair : collocations) {
            firsts.add(pair.substring(0, pair.indexOf('\t')));
        }
        this.collocationFirsts = new StringTable(firsts);
        this.orthoContext = new StringTable(orthoContext);
    }

    /**
     * A fixed map from strings to ints (a set: every value 1) that answers for a char range, so that
     * looking a token up needs no String: open addressing on String's hash, keys kept as char arrays.
     */
    static final class StringTable {
        private final char[][] keys;
        private final int[] values;
        private final int mask;

        StringTable(Set<String> strings) {
            this(asMap(strings));
        }

        StringTable(Map<String, Integer> map) {
            // At most half full: the big tables (a model's orthographic context, up to ~80,000 types)
            // stay a few MB, and a miss, the common case, still ends after a probe or two.
            int cap = Integer.highestOneBit(Math.max(4, map.size() * 2) - 1) << 1;
            keys = new char[cap][];
            values = new int[cap];
            mask = cap - 1;
            for (Map.Entry<String, Integer> e : map.entrySet()) {
                int h = mix(e.getKey().hashCode()) & mask;
                while (keys[h] != null) {
                    h = (h + 1) & mask;
                }
                keys[h] = e.getKey().toCharArray();
                values[h] = e.getValue();
            }
        }

        private static Map<String, Integer> asMap(Set<String> strings) {
            Map<String, Integer> map = new HashMap<>();
            for (String s : strings) {
                map.put(s, 1);
            }
            return map;
        }

        boolean contains(char[] a, int from, int to) {
            return get(a, from, to) != 0;
        }

        /** The value of {@code a[from..to)}, 0 if absent. */
        int get(char[] a, int from, int to) {
            int hash = 0;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + a[k];
            }
            for (int h = mix(hash) & mask; ; h = (h + 1) & mask) {
                char[] key = keys[h];
                if (key == null) {
                    return 0;
                }
                if (Arrays.equals(key, 0, key.length, a, from, to)) {
                    return values[h];
                }
            }
        }

        /** Whether {@code a[from..to)}, a tab and {@code b[bFrom..bTo)} make a key. */
        boolean containsPair(char[] a, int from, int to, char[] b, int bFrom, int bTo) {
            int hash = 0;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + a[k];
            }
            hash = 31 * hash + '\t';
            for (int k = bFrom; k < bTo; k++) {
                hash = 31 * hash + b[k];
            }
            final int firstLength = to - from;
            final int length = firstLength + 1 + bTo - bFrom;
            for (int h = mix(hash) & mask; ; h = (h + 1) & mask) {
                char[] key = keys[h];
                if (key == null) {
                    return false;
                }
                if (key.length == length && Arrays.equals(key, 0, firstLength, a, from, to)
                        && key[firstLength] == '\t' && Arrays.equals(key, firstLength + 1, length, b, bFrom, bTo)) {
                    return true;
                }
            }
        }

        private static int mix(int h) {
            return h ^ (h >>> 16);
        }
    }

    /**
     * Reads a model in NLTK's {@code punkt_tab} format, as NLTK's {@code load_punkt_params} does:
     * one entry per line, only the line's newline removed (an entry may end in a space: the
     * abbreviation {@code ". . "}), pairs and counts separated by a tab.
     */
    private static PunktSentences load(String directory) {
        Set<String> collocations = new HashSet<>(lines(directory + "collocations.tab"));
        Set<String> starters = new HashSet<>(lines(directory + "sent_starters.txt"));
        Set<String> abbrevs = new HashSet<>(lines(directory + "abbrev_types.txt"));
        Map<String, Integer> ortho = new HashMap<>();
        for (String line : lines(directory + "ortho_context.tab")) {
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) {
                throw new IllegalStateException(directory + "ortho_context.tab: no count in line '" + line + "'");
            }
            ortho.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
        }
        for (String pair : collocations) {
            if (pair.indexOf('\t') <= 0) {
                throw new IllegalStateException(directory + "collocations.tab: not a pair: '" + pair + "'");
            }
        }
        return new PunktSentences(abbrevs, starters, collocations, ortho);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = PunktSentences.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + PunktSentences.class);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            if (text.isEmpty()) {
                return lines; // an empty file has no lines (Russian has no collocations or starters)
            }
            for (String line : text.split("\n", -1)) {
                lines.add(line);
            }
            // A final newline ends the last line; it does not open an empty one.
            if (text.endsWith("\n")) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Splits {@code s} into sentence spans, written to {@code out}'s span list; {@code text} holds
     * the chars of {@code s}.
     */
    void split(String s, char[] text, TokenBuffer out) {
        final int n = s.length();
        out.spanCount = 0;
        // State of NLTK's _match_potential_end_contexts (previous candidate and its word slice) and
        // of _realign_boundaries (the pending slice), both streamed.
        int prevPos = -1;
        int prevAfterEnd = 0;
        int prevNextTok = -1;
        int prevSliceStart = 0;
        int prevSliceStop = 0;
        int lastBreak = 0;
        Realigner realigner = new Realigner(text, out);
        final Work w = out.punktWork;

        // The candidates . ? ! in order, found by String.indexOf, which searches many chars per
        // step; a char loop over the whole text cost more than deciding the candidates.
        int dot = s.indexOf('.');
        int question = s.indexOf('?');
        int exclamation = s.indexOf('!');
        for (;;) {
            int p = dot;
            if (question >= 0 && (p < 0 || question < p)) {
                p = question;
            }
            if (exclamation >= 0 && (p < 0 || exclamation < p)) {
                p = exclamation;
            }
            if (p < 0) {
                break;
            }
            if (p == dot) {
                dot = s.indexOf('.', p + 1);
            } else if (p == question) {
                question = s.indexOf('?', p + 1);
            } else {
                exclamation = s.indexOf('!', p + 1);
            }
            if (p + 1 >= n) {
                break;
            }
            final int nextClass = charClass(text[p + 1]);
            int afterEnd;
            int nextTok = -1;
            if ((nextClass & NON_WORD) != 0) {
                afterEnd = p + 2;
            } else if (nextClass == SPACE) {
                int j = p + 2;
                while (j < n && (charClass(text[j]) & SPACE) != 0) {
                    j++;
                }
                if (j >= n) {
                    continue;
                }
                nextTok = j;
                while (j < n && (charClass(text[j]) & SPACE) == 0) {
                    j++;
                }
                afterEnd = j;
            } else {
                continue;
            }
            // The word before the candidate: from after the last ASCII whitespace since the previous
            // candidate's word slice (NLTK treats whitespace at offset 0 there as none found).
            int wordStart = prevSliceStart;
            for (int k = p - 1; k > prevSliceStop; k--) {
                if (isAsciiWhitespace(text[k])) {
                    wordStart = k + 1;
                    break;
                }
            }
            if (prevPos >= 0 && prevSliceStop <= wordStart) {
                if (containsSentbreak(text, prevSliceStart, prevAfterEnd, w)) {
                    realigner.accept(lastBreak, prevPos + 1);
                    lastBreak = prevNextTok >= 0 ? prevNextTok : prevPos + 1;
                }
            }
            prevPos = p;
            prevAfterEnd = afterEnd;
            prevNextTok = nextTok;
            prevSliceStart = wordStart;
            prevSliceStop = p;
        }
        if (prevPos >= 0 && containsSentbreak(text, prevSliceStart, prevAfterEnd, w)) {
            realigner.accept(lastBreak, prevPos + 1);
            lastBreak = prevNextTok >= 0 ? prevNextTok : prevPos + 1;
        }
        int end = n;
        while (end > 0 && PyChars.isSpace(text[end - 1])) {
            end--;
        }
        realigner.accept(lastBreak, end);
        realigner.finish();
    }

    /** NLTK's _realign_boundaries over a stream of slices. */
    private static final class Realigner {
        private final char[] text;
        private final TokenBuffer out;
        private boolean pending;
        private int pStart;
        private int pStop;
        private int realign;

        Realigner(char[] text, TokenBuffer out) {
            this.text = text;
            this.out = out;
        }

        void accept(int start, int stop) {
            if (pending) {
                int s1Start = pStart + realign;
                long m = boundaryRealignment(text, start, stop);
                if (m >= 0) {
                    out.addSpan(s1Start, start + (int) (m >>> 32));
                    realign = (int) m;
                } else {
                    realign = 0;
                    if (s1Start < pStop) {
                        out.addSpan(s1Start, pStop);
                    }
                }
            }
            pending = true;
            pStart = start;
            pStop = stop;
        }

        void finish() {
            if (pending) {
                int s1Start = pStart + realign;
                if (s1Start < pStop) {
                    out.addSpan(s1Start, pStop);
                }
            }
        }
    }

    /**
     * {@code ["\')\]}]+?(?:\s+|(?=--)|$)} matched at the start of {@code text[a..b)}: closing marks
     * that belong to the previous sentence. Returns -1 for no match, else (closer count << 32 | match
     * length).
     */
    private static long boundaryRealignment(char[] text, int a, int b) {
        for (int k = 1; a + k <= b; k++) {
            char c = text[a + k - 1];
            if (c != '"' && c != '\'' && c != ')' && c != ']' && c != '}') {
                return -1;
            }
            int at = a + k;
            if (at < b && PyChars.isSpace(text[at])) {
                int j = at;
                while (j < b && PyChars.isSpace(text[j])) {
                    j++;
                }
                return ((long) k << 32) | (j - a);
            }
            if (at + 1 < b && text[at] == '-' && text[at + 1] == '-') {
                return ((long) k << 32) | k;
            }
            if (at == b) {
                return ((long) k << 32) | k;
            }
        }
        return -1;
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Punkt's non-word characters: {@code ) " ; } ] * : @ ' ( { [ ! ?}. */
    private static boolean isNonWord(char c) {
        switch (c) {
            case ')': case '"': case ';': case '}': case ']': case '*': case ':': case '@': case '\'':
            case '(': case '{': case '[': case '!': case '?':
                return true;
            default:
                return false;
        }
    }

    /** Characters that cannot start a Punkt word token. */
    private static boolean isNotWordStart(char c) {
        switch (c) {
            case '(': case '"': case '`': case '{': case '[': case ':': case ';': case '&': case '#':
            case '*': case '@': case ')': case '}': case ']': case '-': case ',':
                return true;
            default:
                return false;
        }
    }

    // Punkt's char classes for ASCII, as bits of CLASS; a non-ASCII char is SPACE or nothing.
    private static final int SPACE = 1;
    /** {@link #isNonWord}. */
    private static final int NON_WORD = 1 << 1;
    /** {@link #isNotWordStart}. */
    private static final int NOT_START = 1 << 2;
    /** May start multi-char punctuation: {@code -} and {@code .}. */
    private static final int MULTI = 1 << 3;
    private static final int COMMA = 1 << 4;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            CLASS[c] = (byte) ((PyChars.isSpace(c) ? SPACE : 0) | (isNonWord(c) ? NON_WORD : 0)
                    | (isNotWordStart(c) ? NOT_START : 0) | (c == '-' || c == '.' ? MULTI : 0) | (c == ',' ? COMMA : 0));
        }
    }

    private static int charClass(char c) {
        return c < 128 ? CLASS[c] : PyChars.isSpace(c) ? SPACE : 0;
    }

    /** Length of Punkt's multi-char punctuation ({@code --+}, {@code ..+}, {@code . . .}) at i, or 0. */
    private static int multiChar(char[] s, int i, int end) {
        if (i + 1 >= end) {
            return 0;
        }
        char c = s[i];
        char d = s[i + 1];
        if ((c == '-' || c == '.') && d == c) {
            int j = i + 2;
            while (j < end && s[j] == c) {
                j++;
            }
            return j - i;
        }
        if (c == '.' && PyChars.isSpace(d)) {
            int pairs = 0;
            int j = i;
            while (j + 1 < end && s[j] == '.' && PyChars.isSpace(s[j + 1])) {
                pairs++;
                j += 2;
            }
            if (pairs >= 2 && j < end && s[j] == '.') {
                return 2 * pairs + 1;
            }
            if (pairs >= 3) {
                return 2 * (pairs - 1) + 1;
            }
        }
        return 0;
    }

    /**
     * Scratch of {@link #containsSentbreak}, one per thread (held by the {@link TokenBuffer}): the
     * Punkt word tokens of the candidate's context as ranges of the text, their lower-cased forms as
     * ranges of {@link #lower}, and their first-pass annotations, so that deciding a candidate
     * allocates nothing.
     */
    static final class Work {
        int count;
        int[] start = new int[16];
        int[] end = new int[16];
        /** Lower-cased token {@code j} is {@code lower[lowerStart[j]..lowerEnd[j])}. */
        int[] lowerStart = new int[16];
        int[] lowerEnd = new int[16];
        char[] lower = new char[256];
        int lowerLength;
        /**
         * Per token: {@link #SENTBREAK}, {@link #ABBR}, {@link #ELLIPSIS}, and the lazily computed
         * {@link #LOWERED}, {@link #NUMERIC_KNOWN} and {@link #NUMERIC} bits. Most tokens need
         * neither their lower-cased form nor the number test.
         */
        byte[] flags = new byte[16];

        void clear() {
            count = 0;
            lowerLength = 0;
        }

        void add(int from, int to) {
            if (count == start.length) {
                int cap = count * 2;
                start = Arrays.copyOf(start, cap);
                end = Arrays.copyOf(end, cap);
                lowerStart = Arrays.copyOf(lowerStart, cap);
                lowerEnd = Arrays.copyOf(lowerEnd, cap);
                flags = Arrays.copyOf(flags, cap);
            }
            start[count] = from;
            end[count] = to;
            flags[count] = 0;
            count++;
        }
    }

    private static final byte SENTBREAK = 1;
    private static final byte ABBR = 1 << 1;
    private static final byte ELLIPSIS = 1 << 2;
    private static final byte NUMERIC = 1 << 3;
    private static final byte NUMERIC_KNOWN = 1 << 4;
    private static final byte LOWERED = 1 << 5;

    /** Whether token {@code j} is a number ({@link #isNumeric}), computed once. */
    private static boolean numeric(char[] text, int j, Work w) {
        int f = w.flags[j];
        if ((f & NUMERIC_KNOWN) == 0) {
            f |= NUMERIC_KNOWN | (isNumeric(text, w.start[j], w.end[j]) ? NUMERIC : 0);
            w.flags[j] = (byte) f;
        }
        return (f & NUMERIC) != 0;
    }

    /** Makes sure token {@code j}'s lower-cased form is in {@code w.lower}. */
    private static void lowered(char[] text, int j, Work w) {
        if ((w.flags[j] & LOWERED) == 0) {
            lowerCase(text, j, w);
            w.flags[j] |= LOWERED;
        }
    }

    /**
     * Punkt's word tokens of {@code s[from..to)}, one line without newlines: multi-char
     * punctuation, a single char that cannot start a word, or a run up to whitespace, a non-word
     * char, multi-char punctuation or a comma that ends the run (one before whitespace, a non-word
     * char, multi-char punctuation or the end).
     */
    private static void wordTokens(char[] s, int from, int to, Work out) {
        int i = from;
        while (i < to) {
            final int cl = charClass(s[i]);
            if ((cl & MULTI) != 0) {
                final int mc = multiChar(s, i, to);
                if (mc > 0) {
                    out.add(i, i + mc);
                    i += mc;
                    continue;
                }
            }
            if ((cl & SPACE) != 0) {
                i++;
                continue;
            }
            if ((cl & NOT_START) != 0) {
                out.add(i, i + 1);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < to) {
                final int xc = charClass(s[j]);
                if (xc != 0) {
                    if ((xc & (SPACE | NON_WORD)) != 0 || ((xc & MULTI) != 0 && multiChar(s, j, to) > 0)) {
                        break;
                    }
                    if ((xc & COMMA) != 0 && (j + 1 == to || (charClass(s[j + 1]) & (SPACE | NON_WORD)) != 0
                            || multiChar(s, j + 1, to) > 0)) {
                        break;
                    }
                }
                j++;
            }
            out.add(i, j);
            i = j;
        }
    }

    /** NLTK's text_contains_sentbreak over the candidate's context {@code text[from..to)}. */
    private boolean containsSentbreak(char[] text, int from, int to, Work w) {
        w.clear();
        int lineStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text[i] == '\n') {
                wordTokens(text, lineStart, i, w);
                lineStart = i + 1;
            }
        }
        final int m = w.count;
        for (int i = 0; i < m; i++) {
            firstPass(text, i, w);
        }
        boolean found = false;
        for (int i = 0; i < m; i++) {
            if (i + 1 < m) {
                secondPass(text, i, w);
            }
            if (found) {
                return true;
            }
            if ((w.flags[i] & SENTBREAK) != 0) {
                found = true;
            }
        }
        return false;
    }

    /**
     * Appends token {@code j} lower-cased to {@code w.lower}, as {@code toLowerCase(Locale.ROOT)}
     * does: char by char for the BMP except for the two chars it treats specially (dotted capital I,
     * which becomes two chars, and capital sigma, final or not by context); tokens with those or with
     * surrogates go through String.
     */
    private static void lowerCase(char[] text, int j, Work w) {
        final int s = w.start[j];
        final int e = w.end[j];
        final int len = e - s;
        if (w.lower.length < w.lowerLength + len) {
            w.lower = Arrays.copyOf(w.lower, Math.max(w.lower.length * 2, w.lowerLength + len));
        }
        final char[] lo = w.lower;
        int o = w.lowerLength;
        for (int k = s; k < e; k++) {
            char c = text[k];
            if (c < 128) {
                lo[o++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            } else if (c == '\u0130' || c == '\u03A3' || Character.isSurrogate(c)) {
                lowerCaseByString(text, j, w);
                return;
            } else {
                int l = Character.toLowerCase((int) c);
                if (l > 0xFFFF) {
                    lowerCaseByString(text, j, w);
                    return;
                }
                lo[o++] = (char) l;
            }
        }
        w.lowerStart[j] = w.lowerLength;
        w.lowerEnd[j] = o;
        w.lowerLength = o;
    }

    private static void lowerCaseByString(char[] text, int j, Work w) {
        String l = new String(text, w.start[j], w.end[j] - w.start[j]).toLowerCase(Locale.ROOT);
        if (w.lower.length < w.lowerLength + l.length()) {
            w.lower = Arrays.copyOf(w.lower, Math.max(w.lower.length * 2, w.lowerLength + l.length()));
        }
        l.getChars(0, l.length(), w.lower, w.lowerLength);
        w.lowerStart[j] = w.lowerLength;
        w.lowerLength += l.length();
        w.lowerEnd[j] = w.lowerLength;
    }

    private void firstPass(char[] text, int i, Work w) {
        final int s = w.start[i];
        final int e = w.end[i];
        final int len = e - s;
        final char last = text[e - 1];
        if (len == 1 && (last == '.' || last == '?' || last == '!')) {
            w.flags[i] |= SENTBREAK;
        } else if (isEllipsis(text, s, e)) {
            w.flags[i] |= ELLIPSIS;
        } else if (last == '.' && !(len >= 2 && text[e - 2] == '.')) {
            // The lower-cased token without its period, and its part after the last dash.
            lowered(text, i, w);
            final char[] lo = w.lower;
            final int ls = w.lowerStart[i];
            final int le = w.lowerEnd[i] - 1;
            int dash = le - 1;
            while (dash >= ls && lo[dash] != '-') {
                dash--;
            }
            if (abbreviations.contains(lo, ls, le) || (dash >= ls && abbreviations.contains(lo, dash + 1, le))) {
                w.flags[i] |= ABBR;
            } else {
                w.flags[i] |= SENTBREAK;
            }
        }
    }

    private void secondPass(char[] text, int i, Work w) {
        final int s = w.start[i];
        final int e = w.end[i];
        if (text[e - 1] != '.') {
            return;
        }
        final int next = i + 1;
        final byte flags = w.flags[i];
        final boolean initial = isInitial(text, s, e);
        final boolean number = typeIsNumber(text, i, w);
        // The token's type without its period, if it can open a known collocation (in NLTK's English
        // model only initials and numbers do).
        char[] typ = null;
        int ts = 0;
        int te = 0;
        if (number) {
            typ = NUMBER_CHARS;
            te = NUMBER_CHARS.length;
        } else if (e - s > 1) {
            lowered(text, i, w);
            typ = w.lower;
            ts = w.lowerStart[i];
            te = w.lowerEnd[i] - 1;
        }
        final boolean collocationFirst = typ != null && collocationFirsts.contains(typ, ts, te);
        // nextTyp: the next token's type, without its final period if the first pass made it a break.
        // Needed below only for collocations, abbreviations, ellipses, initials and numbers.
        if (!collocationFirst && (flags & (ABBR | ELLIPSIS)) == 0 && !initial && !number) {
            return;
        }
        final boolean nextNumber = numeric(text, next, w);
        final char[] nextType;
        final int nts;
        int nte;
        if (nextNumber) {
            nextType = NUMBER_CHARS;
            nts = 0;
            nte = NUMBER_CHARS.length;
        } else {
            lowered(text, next, w);
            nextType = w.lower;
            nts = w.lowerStart[next];
            nte = w.lowerEnd[next];
            if ((w.flags[next] & SENTBREAK) != 0 && nte - nts > 1 && nextType[nte - 1] == '.') {
                nte--;
            }
        }
        if (collocationFirst && collocations.containsPair(typ, ts, te, nextType, nts, nte)) {
            w.flags[i] = (byte) ((w.flags[i] & ~SENTBREAK) | ABBR);
            return;
        }
        if ((flags & (ABBR | ELLIPSIS)) != 0 && !initial) {
            int starter = orthoHeuristic(text, w.start[next], w.end[next], nextType, nts, nte);
            if (starter == YES) {
                w.flags[i] |= SENTBREAK;
                return;
            }
            if (firstUpper(text, w.start[next], w.end[next]) && sentenceStarters.contains(nextType, nts, nte)) {
                w.flags[i] |= SENTBREAK;
                return;
            }
        }
        if (initial || number) {
            int starter = orthoHeuristic(text, w.start[next], w.end[next], nextType, nts, nte);
            if (starter == NO) {
                w.flags[i] = (byte) ((w.flags[i] & ~SENTBREAK) | ABBR);
                return;
            }
            if (starter == UNKNOWN && initial && firstUpper(text, w.start[next], w.end[next])
                    && (orthoContext.get(nextType, nts, nte) & LC) == 0) {
                w.flags[i] = (byte) ((w.flags[i] & ~SENTBREAK) | ABBR);
            }
        }
    }

    private static final char[] NUMBER_CHARS = NUMBER.toCharArray();

    /**
     * Whether the token's type without its final period is {@code ##number##}: a number, or (as
     * NLTK compares strings) a token spelled so.
     */
    private static boolean typeIsNumber(char[] text, int i, Work w) {
        if (numeric(text, i, w)) {
            return true;
        }
        if (w.end[i] - w.start[i] < NUMBER_CHARS.length) {
            return false;
        }
        lowered(text, i, w);
        int ls = w.lowerStart[i];
        int le = w.lowerEnd[i];
        if (le - ls > 1 && w.lower[le - 1] == '.') {
            le--;
        }
        return Arrays.equals(w.lower, ls, le, NUMBER_CHARS, 0, NUMBER_CHARS.length);
    }

    /** NLTK's _ortho_heuristic: whether the token {@code text[s..e)}, of type {@code type[ts..te)}, starts a sentence. */
    private int orthoHeuristic(char[] text, int s, int e, char[] type, int ts, int te) {
        if (e - s == 1 && ";:,.!?".indexOf(text[s]) >= 0) {
            return NO;
        }
        int ctx = orthoContext.get(type, ts, te);
        if (firstUpper(text, s, e) && (ctx & LC) != 0 && (ctx & MID_UC) == 0) {
            return YES;
        }
        if (firstLower(text, s, e) && ((ctx & UC) != 0 || (ctx & BEG_LC) == 0)) {
            return NO;
        }
        return UNKNOWN;
    }

    private static boolean firstUpper(char[] text, int s, int e) {
        return Character.isUpperCase(PyChars.codePointAt(text, s, e));
    }

    private static boolean firstLower(char[] text, int s, int e) {
        return Character.isLowerCase(PyChars.codePointAt(text, s, e));
    }

    private static boolean isEllipsis(char[] text, int s, int e) {
        if (e - s < 2) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (text[i] != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [^\W\d]\.$}: one letter (or other non-digit word char) and a period. */
    private static boolean isInitial(char[] text, int s, int e) {
        int cp = PyChars.codePointAt(text, s, e);
        int len = Character.charCount(cp);
        return e - s == len + 1 && text[s + len] == '.' && PyChars.isWord(cp) && !PyChars.isDigit(cp);
    }

    /** {@code ^-?[\.,]?\d[\d,\.-]*\.?$}, the numbers whose type is {@code ##number##}. */
    private static boolean isNumeric(char[] text, int s, int n) {
        int i = s;
        if (i < n && text[i] == '-') {
            i++;
        }
        if (i < n && (text[i] == '.' || text[i] == ',')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        int cp = PyChars.codePointAt(text, i, n);
        if (!PyChars.isDigit(cp)) {
            return false;
        }
        i += Character.charCount(cp);
        while (i < n) {
            cp = PyChars.codePointAt(text, i, n);
            if (!PyChars.isDigit(cp) && cp != ',' && cp != '.' && cp != '-') {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
