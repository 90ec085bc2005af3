package io.sluice.pipeline.text;

/**
 * Character classes as Python's {@code str} methods and {@code re} module define them, which the
 * reference tokenizer (NLTK) and filters (datatrove) rely on and which differ from Java's in a few
 * places (no-break spaces, U+001C..U+001F, numeric letters).
 */
public final class PyChars {

    private PyChars() {
    }

    /** ASCII whitespace as Python sees it: tab to CR, U+001C to U+001F, space. */
    private static final boolean[] ASCII_SPACE = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_SPACE[c] = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
        }
    }

    /** Python {@code str.isspace()} and regex {@code \s} for one code point. */
    public static boolean isSpace(int c) {
        if (c < 128) {
            // One load instead of five comparisons: every tokenizer pass asks this for every char.
            return c >= 0 && ASCII_SPACE[c];
        }
        switch (c) {
            case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** Python regex {@code \w} (Unicode): letters, numbers of any kind, and underscore. */
    public static boolean isWord(int c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** Python regex {@code \d} (Unicode decimal digit, category Nd). */
    public static boolean isDigit(int c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** Python {@code str.isalpha()} for one code point: categories Lu, Ll, Lt, Lm, Lo. */
    public static boolean isAlpha(int c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return Character.isLetter(c);
    }

    /** The code point at {@code i} of {@code s[0..n)}, decoding a surrogate pair starting there. */
    static int codePointAt(char[] s, int i, int n) {
        char c = s[i];
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
            return Character.toCodePoint(c, s[i + 1]);
        }
        return c;
    }

    /** The code point ending at {@code i} (inclusive), decoding a surrogate pair ending there. */
    static int codePointBefore(char[] s, int i) {
        char c = s[i];
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s[i - 1])) {
            return Character.toCodePoint(s[i - 1], c);
        }
        return c;
    }
}
