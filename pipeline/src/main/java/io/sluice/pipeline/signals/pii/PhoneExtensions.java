package io.sluice.pipeline.signals.pii;

import java.util.List;

/**
 * An extension after a phone number: {@code 555-123-4567x89}, {@code (212) 555-0123 x 4}, {@code
 * 212-555-0123 ext. 12}, {@code 514 555-0123, poste 728}. Office numbers are written with one in
 * North America, and a glued {@code x} would otherwise make the number part of a longer token and
 * lose it. The extension belongs to the match, so that redaction leaves no {@code <PHONE>x89}.
 */
final class PhoneExtensions {

    /** Words that announce an extension (lower case), each optionally followed by a period or a colon. */
    private static final List<String> WORDS = List.of("x", "ext", "extn", "extension", "poste");
    private static final int MAX_DIGITS = 6;

    private PhoneExtensions() {}

    /** True when a phone number may end at {@code e}: a clean end, or an extension glued to it. */
    static boolean endOk(String t, int e) {
        return PiiScanner.endOk(t, e) || gluedEnd(t, e) > 0;
    }

    /**
     * The end of the extension after a phone number ending at {@code e}, or {@code e} when none
     * follows or it would run past {@code limit} (where the scan's next match, an e-mail address,
     * starts: "212-555-0123 ext. 32-a@b.de").
     */
    static int end(String t, int e, int limit) {
        int end = end(t, e);
        return end <= limit ? end : e;
    }

    private static int end(String t, int e) {
        int glued = gluedEnd(t, e);
        if (glued > 0) {
            return glued;
        }
        int j = e;
        if (j < t.length() && t.charAt(j) == ',') {
            j++;
        }
        if (j >= t.length() || PiiScanner.separatorClass(t.charAt(j)) != ' ') {
            return e;
        }
        j++;
        int w = j;
        while (j < t.length() && isAsciiLetter(t.charAt(j))) {
            j++;
        }
        if (!isWord(t, w, j)) {
            return e;
        }
        if (j < t.length() && (t.charAt(j) == '.' || t.charAt(j) == ':')) {
            j++;
        }
        if (j < t.length() && PiiScanner.separatorClass(t.charAt(j)) == ' ') {
            j++;
        }
        int digits = digitsEnd(t, j);
        return digits > 0 && PiiScanner.endOk(t, digits) ? digits : e;
    }

    /** The end of {@code x123} glued to a number at {@code e} and ending cleanly, else -1. */
    private static int gluedEnd(String t, int e) {
        if (e + 1 >= t.length() || (t.charAt(e) != 'x' && t.charAt(e) != 'X')) {
            return -1;
        }
        int digits = digitsEnd(t, e + 1);
        return digits > 0 && PiiScanner.endOk(t, digits) ? digits : -1;
    }

    /** The end of 1 to {@link #MAX_DIGITS} digits at {@code from}, else -1. */
    private static int digitsEnd(String t, int from) {
        int j = from;
        while (j < t.length() && j - from <= MAX_DIGITS && t.charAt(j) >= '0' && t.charAt(j) <= '9') {
            j++;
        }
        return j > from && j - from <= MAX_DIGITS ? j : -1;
    }

    private static boolean isWord(String t, int from, int to) {
        for (String w : WORDS) {
            if (w.length() == to - from && t.regionMatches(true, from, w, 0, w.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
