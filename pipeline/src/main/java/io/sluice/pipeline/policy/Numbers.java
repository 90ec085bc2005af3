package io.sluice.pipeline.policy;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats values for reason details: integers without ".0", others to 4 significant digits. */
final class Numbers {

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Numbers() {
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }
}
