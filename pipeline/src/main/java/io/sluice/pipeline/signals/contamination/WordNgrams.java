package io.sluice.pipeline.signals.contamination;

import io.sluice.pipeline.text.UnspacedScript;

import java.util.Arrays;

/**
 * 64-bit hashes of the word n-grams of a text: words are maximal runs of letters and digits, lower
 * cased, so punctuation and spacing differences between a benchmark and a document do not hide an
 * overlap. Han and Hiragana characters are words of their own, a run of Katakana one word: Chinese
 * and Japanese are written without spaces, so a run of them is a whole sentence or paragraph, and a
 * 13-gram of such "words" would only match a copy of thirteen sentences (C-Eval, CMMLU and JMMLU
 * items were never found in a document that quoted one; see {@link UnspacedScript}). Reuses its buffer; not thread-safe.
 */
public final class WordNgrams {

    private final int n;
    private final long[] window;
    private long[] out = new long[256];
    private int size;

    public WordNgrams(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, not " + n);
        }
        this.n = n;
        this.window = new long[n];
    }

    /** Hashes the n-grams of {@code s}; the returned buffer holds {@link #size()} values and is reused. */
    public long[] hash(String s) {
        size = 0;
        int count = 0;
        int i = 0;
        final int len = s.length();
        while (i < len) {
            while (i < len && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            long h = 0xcbf29ce484222325L;
            if (UnspacedScript.isHanOrHiragana(s.charAt(i))) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
                i++;
            } else {
                while (i < len && Character.isLetterOrDigit(s.charAt(i)) && !UnspacedScript.isHanOrHiragana(s.charAt(i))) {
                    h = (h ^ Character.toLowerCase(s.charAt(i))) * 0x100000001b3L;
                    i++;
                }
            }
            window[count % n] = h;
            count++;
            if (count >= n) {
                long g = 0;
                for (int k = 0; k < n; k++) {
                    g = (g ^ window[(count + k) % n]) * 0x9E3779B97F4A7C15L;
                    g ^= g >>> 29;
                }
                if (size == out.length) {
                    out = Arrays.copyOf(out, size * 2);
                }
                out[size++] = g;
            }
        }
        return out;
    }

    /** Number of hashes from the last {@link #hash} call. */
    public int size() {
        return size;
    }
}
