package io.sluice.pipeline.policy;

import java.util.Locale;

/**
 * A comparison between a signal value and a rule threshold. Written in YAML as a symbol
 * ({@code "<"}, which YAML needs quoted when it starts with {@code >}) or as a word ({@code lt}).
 */
public enum ComparisonOp {
    LT("<", "lt"),
    LE("<=", "le"),
    GT(">", "gt"),
    GE(">=", "ge"),
    EQ("==", "eq"),
    NE("!=", "ne");

    private final String symbol;
    private final String word;

    ComparisonOp(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    /** The symbol used in YAML and in reason details, e.g. {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /**
     * Compares {@code value} with {@code threshold}. NaN never matches, not even {@code !=}, so that a
     * signal a family could not compute never triggers a rule by accident.
     */
    public boolean test(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        switch (this) {
            case LT: return value < threshold;
            case LE: return value <= threshold;
            case GT: return value > threshold;
            case GE: return value >= threshold;
            case EQ: return value == threshold;
            case NE: return value != threshold;
            default: throw new AssertionError(this);
        }
    }

    /** Parses a symbol or word (case-insensitive); returns null when {@code text} is neither. */
    public static ComparisonOp parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ComparisonOp op : values()) {
            if (op.symbol.equals(t) || op.word.equals(t)) {
                return op;
            }
        }
        return null;
    }

    /** All accepted spellings, for error messages. */
    static String spellings() {
        StringBuilder symbols = new StringBuilder();
        StringBuilder words = new StringBuilder();
        for (ComparisonOp op : values()) {
            symbols.append(symbols.length() == 0 ? "" : ", ").append(op.symbol);
            words.append(words.length() == 0 ? "" : ", ").append(op.word);
        }
        return symbols + " or " + words;
    }
}
