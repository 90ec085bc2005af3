package io.sluice.pipeline.signals.pii;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * E-mail addresses written to escape address harvesters, as contact and imprint pages do:
 * {@code info(at)zdh(dot)de}, {@code buergerservice [at] uba [dot] de}, {@code presse(at)jugend-forscht.de},
 * {@code office @ feuerwehr.or.at}. They are as personal as plain addresses, and a crawl of German,
 * Austrian and Swiss sites is full of them (20 in the dev corpus, none found before this class).
 *
 * <p>Forms: the at-sign as {@code (at)}, {@code [at]}, {@code {at}} (any case, {@code ät} too,
 * one blank, line breaks included, allowed inside and around the brackets) or as {@code @} with a blank on both sides; dots
 * as {@code .} or bracketed {@code dot}, {@code punkt} or {@code .}. The local part must start at a
 * word boundary and be ASCII ({@code "E-Mobilität @ EFAHRER.com"} is a headline, not an address),
 * and the domain must end in a public suffix (Guava's copy of the public suffix list), which rules
 * out {@code print(a) outcome} and {@code Stand (at) 12.03.2024}. Words spelled out
 * ({@code osamu at debian dot org}) are matched only alone inside {@code <>} or parentheses (see
 * {@link #spelledOut}): in running text "at" is too common a word.
 */
final class ObfuscatedEmails {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    private ObfuscatedEmails() {}

    /** True for the chars {@link #at} looks at: an opening bracket or an at-sign. */
    static boolean opensMarker(char c) {
        return c == '(' || c == '[' || c == '{' || c == '@' || c == '<';
    }

    /**
     * At {@code i}, an opening bracket or an at-sign (see {@link #opensMarker}): if an at-sign marker
     * starts there and an address surrounds it, adds the address to {@code m} and returns its end;
     * else -1. Called from the scanner's one pass over the text, so a text without markers costs
     * nothing more (three searches of the whole text for the closing brackets cost 3-5 µs per
     * document here). The address must start at or after {@code spansEnd}, where the spans found
     * so far end, and end by {@code limit}, where the next plain e-mail starts: two comparisons
     * instead of a look at every span (a megabyte of obfuscated addresses took 0.8 s that way).
     */
    static int at(String t, int i, int spansEnd, int limit, PiiMatches m) {
        final int n = t.length();
        char c = t.charAt(i);
        if (c == '@') {
            boolean spaced = i > 0 && t.charAt(i - 1) == ' ' && i + 1 < n && t.charAt(i + 1) == ' ';
            return spaced ? tryAddress(t, i - 1, i + 2, spansEnd, limit, m, true) : -1;
        }
        if (c == '<') {
            return spelledOut(t, i, '>', spansEnd, limit, m);
        }
        char close = c == '(' ? ')' : c == '[' ? ']' : '}';
        int k = i + 1;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        if (k + 1 >= n || !isAtWord(t.charAt(k), t.charAt(k + 1))) {
            return c == '(' ? spelledOut(t, i, ')', spansEnd, limit, m) : -1;
        }
        k += 2;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        if (k >= n || t.charAt(k) != close) {
            return -1;
        }
        int markerStart = i > 0 && isBlank(t.charAt(i - 1)) ? i - 1 : i;
        int markerEnd = k + 1 < n && isBlank(t.charAt(k + 1)) ? k + 2 : k + 1;
        return tryAddress(t, markerStart, markerEnd, spansEnd, limit, m, false);
    }

    /**
     * An address spelled out in words, alone between {@code <} and {@code >} or in parentheses, as
     * credits and mailing-list signatures write it: {@code <osamu at debian dot org>}, {@code
     * (vluccio at gmail dot com)}, {@code <jdoe AT example DOT co DOT uk>}. Only enclosed, and only
     * with at least one spelled "dot": in running text "at" and "dot" are common words ("stores at
     * some point", "at the dot com bubble"), while a bracket holding exactly local part, "at" and a
     * domain under a public suffix is an address. Adds the address inside the brackets and returns
     * the end of the closing one, or -1.
     */
    private static int spelledOut(String t, int open, char close, int spansEnd, int limit, PiiMatches m) {
        final int n = t.length();
        int s = open + 1;
        int k = s;
        while (k < n && isLocalChar(t.charAt(k)) && k - s <= MAX_LOCAL) {
            k++;
        }
        if (k == s || k - s > MAX_LOCAL || t.charAt(s) == '.' || t.charAt(k - 1) == '.') {
            return -1;
        }
        int domainStart = spelledWord(t, k, "at", "AT");
        if (domainStart < 0) {
            return -1;
        }
        StringBuilder domain = new StringBuilder();
        int end = domain(t, domainStart, domain, SPELLED_DOT);
        // A blank inside the domain is a spelled "dot": at least one is required.
        if (end < 0 || !hasBlank(t, domainStart, end) || !underPublicSuffix(domain.toString())) {
            return -1;
        }
        int closeAt = end < n && isBlank(t.charAt(end)) ? end + 1 : end;
        if (closeAt >= n || t.charAt(closeAt) != close || s < spansEnd || end > limit) {
            return -1;
        }
        m.add(s, end, PiiKind.EMAIL);
        return closeAt + 1;
    }

    /**
     * At {@code i}, the {@code A} of an upper-case {@code AT} between blanks in running text: the
     * address {@code jdoe AT example DOT com}, with at least one upper-case {@code DOT}, a domain under
     * a public suffix, and a lower-case letter or a digit in the local part and in the domain (so
     * that a heading in capitals, "MEET AT EXAMPLE DOT COM", is none). Lower-case "at" and "dot" count
     * only inside brackets ({@link #spelledOut}), where running text cannot reach them. Adds the
     * address and returns its end, or -1.
     */
    static int upperCaseSpelledAt(String t, int i, int spansEnd, int limit, PiiMatches m) {
        final int n = t.length();
        if (i < 2 || i + 3 >= n || t.charAt(i + 1) != 'T' || !isBlank(t.charAt(i - 1)) || !isBlank(t.charAt(i + 2))) {
            return -1;
        }
        int localEnd = i - 1;
        int s = localEnd;
        while (s > 0 && isLocalChar(t.charAt(s - 1)) && localEnd - s <= MAX_LOCAL) {
            s--;
        }
        if (s == localEnd || localEnd - s > MAX_LOCAL || t.charAt(s) == '.' || t.charAt(localEnd - 1) == '.'
                || s > 0 && (Character.isLetterOrDigit(t.charAt(s - 1)) || t.charAt(s - 1) == '@')
                || s < spansEnd || !hasLowerCaseOrDigit(t, s, localEnd)) {
            return -1;
        }
        int domainStart = i + 3;
        StringBuilder domain = new StringBuilder();
        int end = domain(t, domainStart, domain, UPPER_CASE_DOT);
        if (end < 0 || end > limit || !hasBlank(t, domainStart, end) || !hasLowerCaseOrDigit(t, domainStart, end)
                || !underPublicSuffix(domain.toString())) {
            return -1;
        }
        m.add(s, end, PiiKind.EMAIL);
        return end;
    }

    private static boolean hasLowerCaseOrDigit(String t, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * After {@code k}: one blank, {@code word} all in lower or all in upper case, one blank; returns
     * the position after them, or -1.
     */
    private static int spelledWord(String t, int k, String lower, String upper) {
        int w = lower.length();
        if (k + w + 2 > t.length() || !isBlank(t.charAt(k)) || !isBlank(t.charAt(k + w + 1))) {
            return -1;
        }
        return t.startsWith(lower, k + 1) || t.startsWith(upper, k + 1) ? k + w + 2 : -1;
    }

    private static boolean hasBlank(String t, int from, int to) {
        for (int q = from; q < to; q++) {
            if (isBlank(t.charAt(q))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAtWord(char a, char t) {
        return (a == 'a' || a == 'A' || a == 'ä' || a == 'Ä') && (t == 't' || t == 'T');
    }

    /**
     * Adds the address whose at-sign marker spans [{@code markerStart}, {@code markerEnd}), if there
     * is one. {@code spacedAtSign}: the marker is a bare {@code " @ "}, which English also writes for
     * "at" ("PLD Traffic @ 7thguard.net", "#channel @ irc.example.net"); addresses spelled that way
     * are written in lower case, so a capital or a channel's {@code #} before the local part rules
     * it out.
     */
    private static int tryAddress(String t, int markerStart, int markerEnd, int spansEnd, int limit, PiiMatches m,
            boolean spacedAtSign) {
        int localEnd = markerStart;
        int s = localEnd;
        while (s > 0 && isLocalChar(t.charAt(s - 1)) && localEnd - s < MAX_LOCAL) {
            s--;
        }
        if (s > 0 && (Character.isLetterOrDigit(t.charAt(s - 1)) || t.charAt(s - 1) == '@' || isLocalChar(t.charAt(s - 1)))) {
            return -1; // not at a word boundary, or longer than any local part
        }
        while (s < localEnd && (t.charAt(s) == '.' || t.charAt(s) == '-')) {
            s++;
        }
        if (s == localEnd || t.charAt(localEnd - 1) == '.') {
            return -1;
        }
        if (spacedAtSign && (s > 0 && t.charAt(s - 1) == '#' || hasUpperCase(t, s, localEnd))) {
            return -1;
        }
        StringBuilder domain = new StringBuilder();
        int end = domain(t, markerEnd, domain, PLAIN_DOT);
        if (end < 0 || !underPublicSuffix(domain.toString())) {
            return -1;
        }
        if (s < spansEnd || end > limit) {
            return -1; // it would overlap a span found before it or the plain e-mail after it
        }
        m.add(s, end, PiiKind.EMAIL);
        return end;
    }

    /** {@link #domain}'s dots: only {@code .} and bracketed dot words. */
    private static final int PLAIN_DOT = 0;
    /** {@link #domain}'s dots: also {@code dot} or {@code DOT} between blanks. */
    private static final int SPELLED_DOT = 1;
    /** {@link #domain}'s dots: also {@code DOT} between blanks, upper case only. */
    private static final int UPPER_CASE_DOT = 2;

    /**
     * Reads labels joined by dots or bracketed dot words (and, as {@code dots} says, dot words
     * between blanks) from {@code from}, appending the plain domain to {@code out}; returns the end
     * of the last label, or -1 when fewer than two labels or a bad top-level label were read.
     */
    private static int domain(String t, int from, StringBuilder out, int dots) {
        final int n = t.length();
        int pos = from;
        int labels = 0;
        int end = -1;
        int lastLabelStart = -1;
        while (pos < n && out.length() <= MAX_DOMAIN) {
            int labelStart = pos;
            while (pos < n && pos - labelStart < 63 && isLabelChar(t.charAt(pos))) {
                pos++;
            }
            if (pos == labelStart || t.charAt(labelStart) == '-' || t.charAt(pos - 1) == '-') {
                break;
            }
            if (labels > 0) {
                out.append('.');
            }
            out.append(t, labelStart, pos);
            labels++;
            end = pos;
            lastLabelStart = labelStart;
            int next = dots == SPELLED_DOT ? spelledWord(t, pos, "dot", "DOT")
                    : dots == UPPER_CASE_DOT ? spelledWord(t, pos, "DOT", "DOT") : -1;
            if (next < 0) {
                next = separatorEnd(t, pos);
            }
            if (next < 0 || next >= n || !isLabelChar(t.charAt(next))) {
                break;
            }
            pos = next;
        }
        if (labels < 2 || end - lastLabelStart < 2) {
            return -1;
        }
        for (int k = lastLabelStart; k < end; k++) {
            char c = t.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return -1;
            }
        }
        return end;
    }

    /** End of a dot at {@code i}: {@code .}, or {@code (dot)}, {@code [punkt]}, {@code (.)} with optional blanks. */
    private static int separatorEnd(String t, int i) {
        final int n = t.length();
        if (i < n && t.charAt(i) == '.') {
            return i + 1;
        }
        int k = i;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        if (k >= n) {
            return -1;
        }
        char open = t.charAt(k);
        char close = open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : 0;
        if (close == 0) {
            return -1;
        }
        k++;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        int word = wordEnd(t, k);
        if (word < 0) {
            return -1;
        }
        k = word;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        if (k >= n || t.charAt(k) != close) {
            return -1;
        }
        k++;
        if (k < n && isBlank(t.charAt(k))) {
            k++;
        }
        return k;
    }

    private static int wordEnd(String t, int k) {
        if (k < t.length() && t.charAt(k) == '.') {
            return k + 1;
        }
        for (String w : new String[] {"dot", "punkt"}) {
            if (t.regionMatches(true, k, w, 0, w.length())) {
                return k + w.length();
            }
        }
        return -1;
    }

    private static boolean hasUpperCase(String t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.charAt(k) >= 'A' && t.charAt(k) <= 'Z') {
                return true;
            }
        }
        return false;
    }

    private static boolean underPublicSuffix(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return InternetDomainName.isValid(lower) && InternetDomainName.from(lower).isUnderPublicSuffix();
    }

    /** One blank between the parts of an address: pages often break the lines around {@code [at]}. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\u00a0' || c == '\r';
    }

    private static boolean isLocalChar(char c) {
        return isLabelChar(c) || c == '.' || c == '_' || c == '%' || c == '+';
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }
}
