package io.sluice.pipeline.text;

import java.util.Arrays;

/**
 * The words of one text's runs in scripts written without spaces between words, found once per
 * text and shared by the families that count words: the text statistics' {@code text.word_count}
 * and the stream's shared tokens ({@link TokenBuffer#splitUnspaced}). ICU's dictionary segmentation
 * ({@link UnspacedWords}) is the costly part, ~100 ns per char of Chinese or Japanese once compiled,
 * so it runs once per text rather than once per family.
 *
 * <p>A <b>run</b> is a maximal run of non-whitespace (Python's {@code str.isspace()} set, as the
 * text statistics use) holding at least one char of such a script ({@link UnspacedScript#isUnspaced});
 * its <b>segments</b> are ICU's word-break segments of the run, which cover it: words, and
 * punctuation that is no word. Runs and segments are ranges of the text, in text order.
 *
 * <p>Remembers the last text by identity, as {@code SharedWords} does. Not thread-safe: one per
 * signal registry, which is thread-confined like its families.
 */
public final class UnspacedSegments {

    private final UnspacedWords words = new UnspacedWords();
    private String segmented;
    private char[] chars = new char[1024];

    private int runCount;
    private int[] runStarts = new int[16];
    private int[] runEnds = new int[16];
    /** Index of each run's first segment; {@code runFirstSegment[runCount]} is {@link #segmentCount}. */
    private int[] runFirstSegment = new int[17];

    private int segmentCount;
    private int[] segmentStarts = new int[256];
    private int[] segmentEnds = new int[256];
    private boolean[] segmentIsWord = new boolean[256];

    /** Segments {@code text} unless it is the text segmented last; returns this. */
    public UnspacedSegments of(String text) {
        if (text != segmented) {
            segment(text);
            segmented = text;
        }
        return this;
    }

    /** The segmenter, for callers that must cut a range that is not a run of the text (see {@link TokenBuffer}). */
    UnspacedWords words() {
        return words;
    }

    private void segment(String text) {
        final int n = text.length();
        final char[] t = chars = CharScratch.load(text, chars);
        runCount = 0;
        segmentCount = 0;
        int i = 0;
        while (i < n) {
            while (i < n && PyChars.isSpace(t[i])) {
                i++;
            }
            final int from = i;
            boolean unspaced = false;
            while (i < n && !PyChars.isSpace(t[i])) {
                unspaced |= t[i] >= '\u0E00' && UnspacedScript.isUnspaced(t[i]);
                i++;
            }
            if (unspaced) {
                addRun(t, from, i);
            }
        }
        runFirstSegment[runCount] = segmentCount;
    }

    private void addRun(char[] t, int from, int to) {
        if (runCount + 1 >= runStarts.length) {
            runStarts = Arrays.copyOf(runStarts, runStarts.length * 2);
            runEnds = Arrays.copyOf(runEnds, runEnds.length * 2);
            runFirstSegment = Arrays.copyOf(runFirstSegment, runStarts.length + 1);
        }
        runStarts[runCount] = from;
        runEnds[runCount] = to;
        runFirstSegment[runCount] = segmentCount;
        runCount++;
        words.reset(t, from, to);
        while (words.next()) {
            if (segmentCount == segmentStarts.length) {
                segmentStarts = Arrays.copyOf(segmentStarts, segmentCount * 2);
                segmentEnds = Arrays.copyOf(segmentEnds, segmentCount * 2);
                segmentIsWord = Arrays.copyOf(segmentIsWord, segmentCount * 2);
            }
            segmentStarts[segmentCount] = words.start();
            segmentEnds[segmentCount] = words.end();
            segmentIsWord[segmentCount] = words.isWord();
            segmentCount++;
        }
    }

    /** The number of runs. */
    public int runCount() {
        return runCount;
    }

    /** Start of run {@code r} in the text. */
    public int runStart(int r) {
        return runStarts[r];
    }

    /** End (exclusive) of run {@code r} in the text. */
    public int runEnd(int r) {
        return runEnds[r];
    }

    /** Index of run {@code r}'s first segment. */
    public int firstSegment(int r) {
        return runFirstSegment[r];
    }

    /** Index one past run {@code r}'s last segment. */
    public int endSegment(int r) {
        return runFirstSegment[r + 1];
    }

    /** The number of segments of all runs. */
    public int segmentCount() {
        return segmentCount;
    }

    /** Start of segment {@code k} in the text. */
    public int segmentStart(int k) {
        return segmentStarts[k];
    }

    /** End (exclusive) of segment {@code k} in the text. */
    public int segmentEnd(int k) {
        return segmentEnds[k];
    }

    /** Whether segment {@code k} is a word (letters, kana, ideographs or a number), not punctuation. */
    public boolean isWord(int k) {
        return segmentIsWord[k];
    }
}
