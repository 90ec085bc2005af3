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
}
