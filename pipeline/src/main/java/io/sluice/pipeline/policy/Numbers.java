package io.sluice.pipeline.policy;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats values for reason details: integers without ".0", others to 4 significant digits (the
 * exact binary value rounded half up, trailing zeros dropped, never in exponent notation).
 */
final class Numbers {

    private static final MathContext FOUR_DIGITS = new MathContext(4);
    /** 10^k for k = 0..22, each exact as a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = p;
            p *= 10;
        }
    }

    private Numbers() {
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String fast = fourDigits(v);
        return fast != null ? fast : exactFourDigits(v);
    }

    /** The reference: BigDecimal holds the double's exact value. Slow (~1 µs, and much code to compile). */
    static String exactFourDigits(double v) {
        return new BigDecimal(v).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }

    /**
     * {@link #exactFourDigits} in double arithmetic, or null where that cannot decide: a magnitude
     * outside 1e-19..1e15, or a value within 1e-9 (in units of the fourth digit) of a rounding tie.
     * Scaling by an exact power of ten is one correctly rounded operation, off by at most ~1e-12 of a
     * unit at this scale, so outside those cases its rounding is the exact value's.
     */
    static String fourDigits(double v) {
        final double a = Math.abs(v);
        if (!(a >= 1e-19 && a < 1e15)) {
            return null;
        }
        // The decimal exponent of the leading digit; log10 may be one off near powers of ten.
        int e = (int) Math.floor(Math.log10(a));
        double scaled = scale(a, e);
        if (scaled < 1000) {
            e--;
            scaled = scale(a, e);
        } else if (scaled >= 10000) {
            e++;
            scaled = scale(a, e);
        }
        if (scaled < 1000 || scaled >= 10000) {
            return null;
        }
        final double floor = Math.floor(scaled);
        final double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) < 1e-9) {
            return null;
        }
        long digits = (long) floor + (fraction > 0.5 ? 1 : 0);
        // The value is digits x 10^exponent.
        int exponent = e - 3;
        if (digits == 10000) {
            digits = 1000;
            exponent++;
        }
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        StringBuilder out = new StringBuilder(24);
        if (v < 0) {
            out.append('-');
        }
        String d = Long.toString(digits);
        if (exponent >= 0) {
            out.append(d);
            for (int k = 0; k < exponent; k++) {
                out.append('0');
            }
        } else if (d.length() > -exponent) {
            int point = d.length() + exponent;
            out.append(d, 0, point).append('.').append(d, point, d.length());
        } else {
            out.append("0.");
            for (int k = d.length(); k < -exponent; k++) {
                out.append('0');
            }
            out.append(d);
        }
        return out.toString();
    }

    /** {@code a} x 10^(3 - e): one multiplication or division by an exact power of ten. */
    private static double scale(double a, int e) {
        int k = 3 - e;
        if (k >= 0) {
            return k < POWERS_OF_TEN.length ? a * POWERS_OF_TEN[k] : Double.NaN;
        }
        return -k < POWERS_OF_TEN.length ? a / POWERS_OF_TEN[-k] : Double.NaN;
    }
}
