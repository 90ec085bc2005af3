package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.PyChars;

/** Python {@code str} operations the reference filters use, on Java strings, counting code points. */
final class PyText {

    private PyText() {
    }

    /** {@code len(s[from:to])} in Python: code points. */
    static int len(CharSequence s, int from, int to) {
        int n = to - from;
        for (int i = from; i < to - 1; i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))) {
                n--;
                i++;
            }
        }
        return n;
    }

    /** Same as {@link #len(CharSequence, int, int)} over a char array. */
    static int len(char[] s, int from, int to) {
        int n = to - from;
        for (int i = from; i < to - 1; i++) {
            if (Character.isHighSurrogate(s[i]) && Character.isLowSurrogate(s[i + 1])) {
                n--;
                i++;
            }
        }
        return n;
    }

    /** Start of {@code s.strip()}: first index that is not Python whitespace. */
    static int stripStart(String s, int from, int to) {
        while (from < to && PyChars.isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** End of {@code s.strip()}: one past the last index that is not Python whitespace. */
    static int stripEnd(String s, int from, int to) {
        while (to > from && PyChars.isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** {@link #stripStart(String, int, int)} over a char array. */
    static int stripStart(char[] s, int from, int to) {
        while (from < to && PyChars.isSpace(s[from])) {
            from++;
        }
        return from;
    }

    /** {@link #stripEnd(String, int, int)} over a char array. */
    static int stripEnd(char[] s, int from, int to) {
        while (to > from && PyChars.isSpace(s[to - 1])) {
            to--;
        }
        return to;
    }

    /** Python {@code str.splitlines()} boundary characters (CRLF is handled by the caller). */
    static boolean isLineBoundary(char c) {
        switch (c) {
            case '\n': case '\r': case 0x0B: case 0x0C: case 0x1C: case 0x1D: case 0x1E: case 0x85:
            case 0x2028: case 0x2029:
                return true;
            default:
                return false;
        }
    }

    /** Non-overlapping occurrences of {@code needle}, like Python {@code str.count}. */
    static int count(String s, String needle) {
        int c = 0;
        int i = s.indexOf(needle);
        while (i >= 0) {
            c++;
            i = s.indexOf(needle, i + needle.length());
        }
        return c;
    }

    // Line and character helpers used by the C4 and FineWeb families.


    /**
     * Python's {@code str.isspace()} for one UTF-16 unit; every whitespace character is in the BMP.
     * Unlike {@link Character#isWhitespace}, no-break spaces count, and so do U+001C..U+001F.
     */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
                || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /**
     * True for the characters at which Python's {@code str.splitlines()} ends a line: LF, CR (CRLF
     * counts once, see {@link #nextLineStart}), VT, FF, U+001C..U+001E, U+0085, U+2028, U+2029.
     */
    static boolean isLineBreak(char c) {
        if (c <= '\r') {
            return c >= '\n';
        }
        return (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** Where the next line starts after a line ending at {@code end} (a break index, or n). */
    static int nextLineStart(String s, int end) {
        if (end + 1 < s.length() && s.charAt(end) == '\r' && s.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    /**
     * The character Python's {@code str.lower()} gives for {@code c} if that is ASCII, else 0. The
     * reference filters only look for ASCII phrases in lower-cased text, and besides ASCII only the
     * Kelvin sign lower-cases to an ASCII letter; {@code İ} lower-cases to "i" plus a combining dot,
     * which can never complete one of the phrases, so it maps to 0 too.
     */
    static char asciiLower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return c == '\u212A' ? 'k' : 0;
    }

    /** True when {@code s[at, to)} starts with {@code needle} (lower-case ASCII) after {@link #asciiLower}. */
    static boolean lowerStartsWith(String s, int at, int to, String needle) {
        final int m = needle.length();
        if (to - at < m) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (asciiLower(s.charAt(at + k)) != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
