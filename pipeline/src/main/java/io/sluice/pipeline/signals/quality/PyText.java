package io.sluice.pipeline.signals.quality;

/**
 * The few Python {@code str} semantics the reference filters rely on, reproduced on Java strings
 * without allocating: datatrove splits, strips and measures text with Python's rules, and a rule
 * family only agrees with it if "whitespace", "line" and "length" mean the same thing.
 */
final class PyText {

    private PyText() {
    }

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
