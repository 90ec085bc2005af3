package io.sluice.pipeline.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Punkt sentence splitter as NLTK's {@code PunktSentenceTokenizer} runs it (NLTK 3.8/3.9), with
 * built-in English parameters.
 *
 * <p>The algorithm is NLTK's, step for step, because sentence boundaries decide where the word
 * tokenizer splits off final periods: candidate ends are {@code . ? !} followed by a non-word
 * punctuation mark or by whitespace and a token; each candidate is decided on a small context (the
 * word before, the mark, the token after) by the first-pass annotation (known abbreviation,
 * ellipsis, otherwise a break) and the second-pass heuristics (orthographic evidence about the next
 * word, frequent sentence starters, initials and numbers); finally closing quotes and brackets that
 * follow a break are moved back into the sentence they close.
 *
 * <p>What differs is the parameters. NLTK's English model was trained on news text and is not
 * shipped with Sluice; {@code punkt-english.txt} holds a hand-written list of English abbreviations
 * and of common words that are lower case inside sentences (standing in for the trained
 * orthographic context). Words outside that list have no orthographic evidence, as rare words have
 * in the trained model.
 */
final class PunktSentences {

    static final PunktSentences ENGLISH = load("punkt-english.txt");

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

    private final Set<String> abbreviations;
    private final Set<String> sentenceStarters;
    private final Set<String> commonLowercase;

    private PunktSentences(Set<String> abbreviations, Set<String> sentenceStarters, Set<String> commonLowercase) {
        this.abbreviations = abbreviations;
        this.sentenceStarters = sentenceStarters;
        this.commonLowercase = commonLowercase;
    }

    private static PunktSentences load(String resource) {
        Set<String> abbrevs = new HashSet<>();
        Set<String> starters = new HashSet<>();
        Set<String> common = new HashSet<>();
        try (InputStream in = PunktSentences.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + PunktSentences.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> target = null;
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (entry.isEmpty()) {
                    continue;
                }
                switch (entry) {
                    case "[abbreviations]" -> target = abbrevs;
                    case "[sentence_starters]" -> target = starters;
                    case "[common_lowercase]" -> target = common;
                    default -> {
                        if (target == null) {
                            throw new IllegalStateException(resource + ": entry '" + entry + "' before any section");
                        }
                        target.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new PunktSentences(Set.copyOf(abbrevs), Set.copyOf(starters), Set.copyOf(common));
    }

    /** Splits {@code text} into sentence spans, written to {@code out}'s span list. */
    void split(char[] text, int n, TokenBuffer out) {
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

        for (int p = 0; p < n; p++) {
            char c = text[p];
            if (c != '.' && c != '?' && c != '!') {
                continue;
            }
            if (p + 1 >= n) {
                break;
            }
            char next = text[p + 1];
            int afterEnd;
            int nextTok = -1;
            if (isNonWord(next)) {
                afterEnd = p + 2;
            } else if (PyChars.isSpace(next)) {
                int j = p + 1;
                while (j < n && PyChars.isSpace(text[j])) {
                    j++;
                }
                if (j >= n) {
                    continue;
                }
                nextTok = j;
                while (j < n && !PyChars.isSpace(text[j])) {
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
                if (containsSentbreak(text, prevSliceStart, prevAfterEnd)) {
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
        if (prevPos >= 0 && containsSentbreak(text, prevSliceStart, prevAfterEnd)) {
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

    /** Punkt's word tokens of {@code s[from..to)}, one line without newlines. */
    private static void wordTokens(char[] s, int from, int to, List<String> out) {
        int i = from;
        while (i < to) {
            int mc = multiChar(s, i, to);
            if (mc > 0) {
                out.add(new String(s, i, mc));
                i += mc;
                continue;
            }
            char c = s[i];
            if (PyChars.isSpace(c)) {
                i++;
                continue;
            }
            if (isNotWordStart(c)) {
                out.add(String.valueOf(s[i]));
                i++;
                continue;
            }
            int j = i + 1;
            while (j < to) {
                char x = s[j];
                if (PyChars.isSpace(x) || isNonWord(x) || multiChar(s, j, to) > 0) {
                    break;
                }
                if (x == ',' && (j + 1 == to || PyChars.isSpace(s[j + 1]) || isNonWord(s[j + 1])
                        || multiChar(s, j + 1, to) > 0)) {
                    break;
                }
                j++;
            }
            out.add(new String(s, i, j - i));
            i = j;
        }
    }

    /** NLTK's text_contains_sentbreak over the candidate's context {@code text[from..to)}. */
    private boolean containsSentbreak(char[] text, int from, int to) {
        List<String> toks = new ArrayList<>(4);
        int lineStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text[i] == '\n') {
                wordTokens(text, lineStart, i, toks);
                lineStart = i + 1;
            }
        }
        final int m = toks.size();
        boolean[] sentbreak = new boolean[m];
        boolean[] abbr = new boolean[m];
        boolean[] ellipsis = new boolean[m];
        for (int i = 0; i < m; i++) {
            firstPass(toks.get(i), i, sentbreak, abbr, ellipsis);
        }
        boolean found = false;
        for (int i = 0; i < m; i++) {
            if (i + 1 < m) {
                secondPass(toks, i, sentbreak, abbr, ellipsis);
            }
            if (found) {
                return true;
            }
            if (sentbreak[i]) {
                found = true;
            }
        }
        return false;
    }

    private void firstPass(String tok, int i, boolean[] sentbreak, boolean[] abbr, boolean[] ellipsis) {
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            sentbreak[i] = true;
        } else if (isEllipsis(tok)) {
            ellipsis[i] = true;
        } else if (tok.endsWith(".") && !tok.endsWith("..")) {
            String core = tok.substring(0, tok.length() - 1).toLowerCase(Locale.ROOT);
            int dash = core.lastIndexOf('-');
            if (abbreviations.contains(core) || (dash >= 0 && abbreviations.contains(core.substring(dash + 1)))) {
                abbr[i] = true;
            } else {
                sentbreak[i] = true;
            }
        }
    }

    private void secondPass(List<String> toks, int i, boolean[] sentbreak, boolean[] abbr, boolean[] ellipsis) {
        String tok = toks.get(i);
        if (!tok.endsWith(".")) {
            return;
        }
        String next = toks.get(i + 1);
        String typ = typeNoPeriod(type(tok));
        String nextType = type(next);
        String nextTyp = sentbreak[i + 1] ? typeNoPeriod(nextType) : nextType;
        boolean initial = isInitial(tok);
        if ((abbr[i] || ellipsis[i]) && !initial) {
            int starter = orthoHeuristic(next, nextTyp);
            if (starter == YES) {
                sentbreak[i] = true;
                return;
            }
            if (firstUpper(next) && sentenceStarters.contains(nextTyp)) {
                sentbreak[i] = true;
                return;
            }
        }
        if (initial || typ.equals(NUMBER)) {
            int starter = orthoHeuristic(next, nextTyp);
            if (starter == NO) {
                sentbreak[i] = false;
                abbr[i] = true;
                return;
            }
            if (starter == UNKNOWN && initial && firstUpper(next) && (orthoContext(nextTyp) & LC) == 0) {
                sentbreak[i] = false;
                abbr[i] = true;
            }
        }
    }

    private int orthoHeuristic(String tok, String typ) {
        if (tok.length() == 1 && ";:,.!?".indexOf(tok.charAt(0)) >= 0) {
            return NO;
        }
        int ctx = orthoContext(typ);
        if (firstUpper(tok) && (ctx & LC) != 0 && (ctx & MID_UC) == 0) {
            return YES;
        }
        if (firstLower(tok) && ((ctx & UC) != 0 || (ctx & BEG_LC) == 0)) {
            return NO;
        }
        return UNKNOWN;
    }

    private int orthoContext(String typ) {
        return commonLowercase.contains(typ) ? BEG_UC | MID_LC : 0;
    }

    private static boolean firstUpper(String tok) {
        return Character.isUpperCase(tok.codePointAt(0));
    }

    private static boolean firstLower(String tok) {
        return Character.isLowerCase(tok.codePointAt(0));
    }

    private static boolean isEllipsis(String tok) {
        if (tok.length() < 2) {
            return false;
        }
        for (int i = 0; i < tok.length(); i++) {
            if (tok.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [^\W\d]\.$}: one letter (or other non-digit word char) and a period. */
    private static boolean isInitial(String tok) {
        int cp = tok.codePointAt(0);
        int len = Character.charCount(cp);
        return tok.length() == len + 1 && tok.charAt(len) == '.' && PyChars.isWord(cp) && !PyChars.isDigit(cp);
    }

    /** The lower-cased token, or {@code ##number##} for numbers ({@code ^-?[\.,]?\d[\d,\.-]*\.?$}). */
    private static String type(String tok) {
        return isNumeric(tok) ? NUMBER : tok.toLowerCase(Locale.ROOT);
    }

    private static String typeNoPeriod(String type) {
        return type.length() > 1 && type.charAt(type.length() - 1) == '.' ? type.substring(0, type.length() - 1) : type;
    }

    private static boolean isNumeric(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        int cp = s.codePointAt(i);
        if (!PyChars.isDigit(cp)) {
            return false;
        }
        i += Character.charCount(cp);
        while (i < n) {
            cp = s.codePointAt(i);
            if (!PyChars.isDigit(cp) && cp != ',' && cp != '.' && cp != '-') {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
