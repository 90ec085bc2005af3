package io.sluice.pipeline.signals.pii;

/** Check-digit algorithms that separate real card numbers and IBANs from arbitrary digit runs. */
public final class Checksums {

    private Checksums() {}

    /** Luhn (mod 10) over the ASCII digits of {@code s[from, to)}, ignoring other characters. */
    public static boolean luhn(CharSequence s, int from, int to) {
        int sum = 0;
        boolean dbl = false;
        int digits = 0;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /** Luhn over a whole string. */
    /**
     * The GS1 check digit of an EAN-13, GTIN-13 or GTIN-14 barcode number in {@code s[from, to)} (digits
     * only): from the right, the digits before the check digit weigh 3, 1, 3, …, and the sum with the
     * check digit is a multiple of 10.
     */
    public static boolean gs1(CharSequence s, int from, int to) {
        int sum = 0;
        int weight = 1;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * weight;
            weight = 4 - weight;
        }
        return to > from && sum % 10 == 0;
    }

    public static boolean luhn(CharSequence s) {
        return luhn(s, 0, s.length());
    }

    /**
     * ISO 13616 IBAN check: the first four characters moved to the end, letters as 10..35, the number
     * mod 97 must be 1. Spaces and line breaks in {@code s[from, to)} are skipped; any other
     * non-alphanumeric fails.
     * Computed piecewise so no big integer is built.
     */
    public static boolean ibanMod97(CharSequence s, int from, int to) {
        int[] chars = new int[34];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || PiiScanner.separatorClass(c) != 0) {
                continue; // groups apart, by any kind of space or hyphen
            }
            if (n == 34) {
                return false;
            }
            if (c >= '0' && c <= '9') {
                chars[n++] = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                chars[n++] = c - 'A' + 10;
            } else if (c >= 'a' && c <= 'z') {
                chars[n++] = c - 'a' + 10;
            } else {
                return false;
            }
        }
        if (n < 5) {
            return false;
        }
        int rem = 0;
        for (int k = 0; k < n; k++) {
            int v = chars[(k + 4) % n];
            rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
        }
        return rem == 1;
    }

    /** IBAN check over a whole string. */
    public static boolean ibanMod97(CharSequence s) {
        return ibanMod97(s, 0, s.length());
    }
}
