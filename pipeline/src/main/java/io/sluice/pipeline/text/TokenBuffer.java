package io.sluice.pipeline.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word tokens of one text, kept as ranges of a shared char array rather than as strings, plus the
 * scratch space the tokenizer works in.
 *
 * <p>Signal families call {@link NltkEnglishTokenizer#words(String, TokenBuffer)} for every
 * document; reusing one buffer per thread keeps that at zero allocation once the arrays have grown
 * to the largest document seen. Not thread-safe: one buffer per thread.
 */
public final class TokenBuffer {

    char[] chars = new char[4096];
    int charCount;
    int[] starts = new int[1024];
    int[] ends = new int[1024];
    int count;

    /** The current text, copied once so the passes index an array instead of calling charAt. */
    char[] text = new char[4096];
    int textLength;
    /** The string {@link #text} holds, by identity: the tokenizer loaded it, and later passes need not copy it again. */
    private String loaded;
    /** Scratch for the word tokenizer's rewrite passes. */
    char[] scratchA = new char[1024];
    char[] scratchB = new char[1024];
    /** The word tokenizer's pass state, reused across sentences. */
    final TreebankWords.Work work = new TreebankWords.Work();
    /** Punkt's scratch for deciding candidate sentence ends. */
    final PunktSentences.Work punktWork = new PunktSentences.Work();
    /** {@link #splitUnspaced}'s token ranges while it rebuilds them, swapped with {@link #starts} and {@link #ends}. */
    private int[] splitStarts = new int[0];
    private int[] splitEnds = new int[0];
    /** Sentence spans of the current text, as start/end pairs. */
    int[] spans = new int[256];
    int spanCount;

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        charCount = 0;
        count = 0;
        spanCount = 0;
    }

    /** The number of sentence spans Punkt found in the current text (blank ones included). */
    public int sentenceSpanCount() {
        return spanCount;
    }

    /** Start offset, in the text, of sentence span {@code i}. */
    public int sentenceStart(int i) {
        return spans[2 * i];
    }

    /** End offset (exclusive), in the text, of sentence span {@code i}. */
    public int sentenceEnd(int i) {
        return spans[2 * i + 1];
    }

    /** The number of tokens. */
    public int size() {
        return count;
    }

    /** The shared char array; token {@code i} is {@code [start(i), end(i))}. */
    public char[] chars() {
        return chars;
    }

    /** Start offset of token {@code i} in {@link #chars()}. */
    public int start(int i) {
        return starts[i];
    }

    /** End offset (exclusive) of token {@code i} in {@link #chars()}. */
    public int end(int i) {
        return ends[i];
    }

    /** Token {@code i} as a string (allocates). */
    public String token(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** True if token {@code i} equals {@code s}. */
    public boolean tokenEquals(int i, String s) {
        final int len = ends[i] - starts[i];
        if (len != s.length()) {
            return false;
        }
        final int off = starts[i];
        for (int k = 0; k < len; k++) {
            if (chars[off + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** All tokens as strings (allocates). */
    public List<String> toList() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(token(i));
        }
        return out;
    }

    /**
     * Cuts every token that holds a char of a script written without spaces between words
     * ({@link UnspacedScript#isUnspaced}: Chinese, Japanese, Thai, Lao, Khmer, Burmese) into the
     * segments ICU's dictionaries find in it: its words, and its punctuation as tokens of their own,
     * as the Treebank tokenizer makes them in other scripts. A token of another script stays whole.
     * Token chars do not move; only the ranges are cut.
     *
     * <p>The segments come from {@code segments} for {@code text}, the text these tokens were made
     * from, so that a text is segmented once for every family: each such token is found in the text
     * (tokens come in text order, and the tokenizer rewrites no char of these scripts) and cut where
     * the text's segments end. A token not found as it is (a rewritten quote inside it) is
     * segmented on its own.
     */
    public void splitUnspaced(UnspacedSegments segments, String text) {
        int first = -1;
        for (int i = 0; i < count && first < 0; i++) {
            if (hasUnspaced(i)) {
                first = i;
            }
        }
        if (first < 0) {
            return;
        }
        UnspacedSegments cut = segments.of(text);
        // The tokenizer that made these tokens loaded the text already.
        char[] source = text == loaded ? this.text : loadText(text);
        int sourceLength = textLength;
        int cursor = 0;
        int k = 0;
        int n = first;
        if (splitStarts.length < starts.length) {
            splitStarts = new int[starts.length];
            splitEnds = new int[starts.length];
        }
        System.arraycopy(starts, 0, splitStarts, 0, first);
        System.arraycopy(ends, 0, splitEnds, 0, first);
        for (int i = first; i < count; i++) {
            if (i > first && !hasUnspaced(i)) {
                n = appendSplit(n, starts[i], ends[i]);
                continue;
            }
            final int len = ends[i] - starts[i];
            final int at = find(source, sourceLength, chars, starts[i], len, cursor);
            if (at < 0) {
                UnspacedWords words = cut.words();
                words.reset(chars, starts[i], ends[i]);
                while (words.next()) {
                    n = appendSplit(n, words.start(), words.end());
                }
                continue;
            }
            cursor = at + len;
            // Segments ending at or before the token are behind it for good: tokens come in text order.
            while (k < cut.segmentCount() && cut.segmentEnd(k) <= at) {
                k++;
            }
            final int shift = starts[i] - at;
            int pos = at;
            while (pos < cursor) {
                int to;
                if (k < cut.segmentCount() && cut.segmentStart(k) <= pos) {
                    to = Math.min(cut.segmentEnd(k), cursor);
                    if (to == cut.segmentEnd(k)) {
                        k++;
                    }
                } else {
                    // Not inside a segment (cannot happen for a token within a run): up to the next one.
                    to = k < cut.segmentCount() ? Math.min(cut.segmentStart(k), cursor) : cursor;
                }
                n = appendSplit(n, pos + shift, to + shift);
                pos = to;
            }
        }
        int[] s = starts;
        int[] e = ends;
        starts = splitStarts;
        ends = splitEnds;
        splitStarts = s;
        splitEnds = e;
        count = n;
    }

    /** Index of the first occurrence of {@code token[from, from + len)} in {@code text[cursor, textLength)}, or -1. */
    private static int find(char[] text, int textLength, char[] token, int from, int len, int cursor) {
        final char head = token[from];
        for (int p = cursor, last = textLength - len; p <= last; p++) {
            if (text[p] != head) {
                continue;
            }
            int q = 1;
            while (q < len && text[p + q] == token[from + q]) {
                q++;
            }
            if (q == len) {
                return p;
            }
        }
        return -1;
    }

    private boolean hasUnspaced(int token) {
        for (int k = starts[token]; k < ends[token]; k++) {
            if (chars[k] >= '\u0E00' && UnspacedScript.isUnspaced(chars[k])) {
                return true;
            }
        }
        return false;
    }

    private int appendSplit(int n, int start, int end) {
        if (n == splitStarts.length) {
            splitStarts = Arrays.copyOf(splitStarts, n * 2);
            splitEnds = Arrays.copyOf(splitEnds, n * 2);
        }
        splitStarts[n] = start;
        splitEnds[n] = end;
        return n + 1;
    }

    void add(char[] src, int from, int to) {
        final int len = to - from;
        if (charCount + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        System.arraycopy(src, from, chars, charCount, len);
        starts[count] = charCount;
        charCount += len;
        ends[count] = charCount;
        count++;
    }

    /**
     * Makes room for {@code moreChars} chars and {@code moreTokens} tokens, so that a writer adding
     * at most that much needs no capacity checks.
     */
    void reserve(int moreChars, int moreTokens) {
        if (charCount + moreChars > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + moreChars));
        }
        if (count + moreTokens > starts.length) {
            final int cap = Math.max(starts.length * 2, count + moreTokens);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
        }
    }

    /** Copies {@code s} into {@link #text}, growing it as needed. */
    char[] loadText(String s) {
        final int n = s.length();
        text = CharScratch.load(s, text);
        textLength = n;
        loaded = s;
        return text;
    }

    void addSpan(int start, int end) {
        if (spanCount * 2 + 2 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[spanCount * 2] = start;
        spans[spanCount * 2 + 1] = end;
        spanCount++;
    }

    char[] scratchA(int minLength) {
        if (scratchA.length < minLength) {
            scratchA = new char[Math.max(minLength, scratchA.length * 2)];
        }
        return scratchA;
    }

    char[] scratchB(int minLength) {
        if (scratchB.length < minLength) {
            scratchB = new char[Math.max(minLength, scratchB.length * 2)];
        }
        return scratchB;
    }
}
