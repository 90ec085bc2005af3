package io.sluice.pipeline.signals.pii;

/**
 * The text as the PII scanner reads it: every decimal digit of another script as its ASCII digit
 * (Arabic-Indic ٠١٢, Persian ۰۱۲, Devanagari ०१२, Bengali ০১২, Thai ๐๑๒ …) and the full-width forms
 * of ASCII as ASCII (Japanese and Chinese text writes "０９０－１２３４－５６７８" and
 * "ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"), and the long-vowel mark ー between two digits as a hyphen, as
 * Japanese typists write it ("03ー1234ー5678"). Char for char, so a span found in it is the same span of the text,
 * which is what gets counted and redacted. Until signals version 24 a phone number, card or IBAN
 * written in Persian, Arabic, Hindi, Bengali or Thai digits, or in full-width ones, was not found at
 * all, though the same value in ASCII digits was.
 */
final class ScanForm {

    private ScanForm() {
    }

    /** Below U+3000: the ASCII digit each decimal digit folds to, 0 for every other char. */
    private static final char[] DIGITS = new char[0x3000];

    static {
        for (int c = 0x80; c < DIGITS.length; c++) {
            if (Character.isDigit(c)) {
                DIGITS[c] = (char) ('0' + Character.digit(c, 10));
            }
        }
    }

    /** {@code text} with its foreign digits and full-width ASCII folded; the same instance when it has none. */
    static String of(String text) {
        final int n = text.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && (folded(c) != 0 || isDashBetweenDigits(text, i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        char[] out = text.toCharArray();
        for (int i = first; i < n; i++) {
            char f = folded(out[i]);
            if (f != 0) {
                out[i] = f;
            } else if (isDashBetweenDigits(text, i)) {
                out[i] = '-';
            }
        }
        return new String(out);
    }

    /** The long-vowel mark (full or half width) with a digit of any script on both sides. */
    private static boolean isDashBetweenDigits(String text, int i) {
        char c = text.charAt(i);
        return (c == '\u30FC' || c == '\uFF70') && i > 0 && i + 1 < text.length()
                && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1));
    }

    /** The ASCII char {@code c} folds to, or 0 when it stays as it is. */
    private static char folded(char c) {
        if (c < 0x80) {
            return 0;
        }
        if (c < 0x3000) {
            return DIGITS[c];
        }
        return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : 0;
    }
}
