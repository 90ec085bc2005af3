package io.sluice.pipeline.text;

/**
 * The chars of a text in a reusable array. The per-char loops of the signal families index an
 * array rather than calling {@code String.charAt}, whose coder and index checks the JIT cannot hoist
 * out of a branchy loop; one bulk copy per document pays for itself.
 */
public final class CharScratch {

    private CharScratch() {
    }

    /**
     * Copies {@code text} into {@code scratch}, or into a new array (at least twice as large) when
     * it does not fit, and returns the array holding it; keep the result as the next scratch.
     */
    public static char[] load(String text, char[] scratch) {
        final int n = text.length();
        char[] out = scratch.length >= n ? scratch : new char[Math.max(n, scratch.length * 2)];
        text.getChars(0, n, out, 0);
        return out;
    }
}
