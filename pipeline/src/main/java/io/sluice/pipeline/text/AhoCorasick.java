package io.sluice.pipeline.text;

import java.lang.Character.UnicodeScript;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Case-insensitive multi-term matcher (Aho-Corasick) with word-boundary checks, for refusal phrases
 * and blocklists of tens of thousands of terms: one pass over the text whatever the number of terms.
 *
 * <p>Written here rather than taken from {@code org.ahocorasick:ahocorasick} because that library is
 * not available in this build's registry mirror, and because a compact layout matters at this size:
 * transitions live in one open-addressing table keyed by {@code (state << 16) | char} (about 20 bytes
 * per trie node) instead of a hash map object per node. Text is folded per char with
 * {@link Character#toLowerCase(char)} and typographic apostrophes become {@code '}; terms are folded
 * the same way when built.
 *
 * <p>Boundaries: a match counts only if the characters just outside it are not letters or digits,
 * except on a side where the term's edge character is Han, Hiragana or Katakana (scripts written
 * without spaces, where every position is a boundary). Immutable and thread-safe after construction.
 */
public final class AhoCorasick {

    private final int[] fail;
    private final int[] output;     // term index ending at this state, or -1
    private final int[] outLink;    // next state on the fail chain with an output, or 0
    private final int[] termLength;
    private final boolean[] termNeedsStartBoundary;
    private final boolean[] termNeedsEndBoundary;
    private final long[] keys;      // transition table: (state << 16 | char) + 1, 0 = empty
    private final int[] values;
    private final int mask;
    /**
     * The root's transitions for chars below {@link #ROOT_TABLE_CHARS} (-1: none), as a plain array:
     * scanning ordinary text, most chars end at the root after their failure links, and this makes that
     * last step one load instead of a hash probe.
     */
    private final int[] rootNext;
    private static final int ROOT_TABLE_CHARS = 0x3100; // Latin, Greek, Cyrillic, Arabic, Indic, kana

    /**
     * The automaton as a table for ASCII input (after folding): the next state of every state for
     * every ASCII char that occurs in a term, failure links already followed, so an ASCII char costs
     * two array loads instead of a hashed lookup per failure link (English text keeps the refusal
     * phrases' automaton off the root most of the time). Row {@code s} starts at {@code s * asciiWidth};
     * column 0 is every ASCII char in no term, which always leads back to the root. Null for
     * automata too large for it (blocklists of many thousands of terms), which keep the hashed path.
     */
    private final char[] asciiNext;
    private final byte[] asciiColumn;
    private final int asciiWidth;
    /** Largest table kept, in entries: 2 MB of chars. */
    private static final int MAX_ASCII_TABLE = 1 << 20;
    /** An entry's state; its top bit ({@link #EMITS}) says that the state reports a match. */
    private static final int STATE_MASK = 0x7FFF;
    private static final int EMITS = 0x8000;

    /** Receives matches: the term's index in the list given to the constructor, and its span. */
    @FunctionalInterface
    public interface MatchSink {
        void match(int term, int start, int end);
    }

    /** Builds a matcher over {@code terms}; blank terms are ignored. */
    public AhoCorasick(List<String> terms) {
        this(terms, true);
    }

    /** As {@link #AhoCorasick(List)}; without {@code asciiTable} every char takes the hashed path (for tests). */
    AhoCorasick(List<String> terms, boolean asciiTable) {
        int maxStates = 1;
        for (String t : terms) {
            maxStates += t.length();
        }
        int cap = Integer.highestOneBit(Math.max(16, maxStates * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
        int[] out = new int[maxStates];
        Arrays.fill(out, -1);
        termLength = new int[terms.size()];
        termNeedsStartBoundary = new boolean[terms.size()];
        termNeedsEndBoundary = new boolean[terms.size()];
        int states = 1;
        for (int ti = 0; ti < terms.size(); ti++) {
            String term = fold(terms.get(ti).strip());
            if (term.isEmpty()) {
                continue;
            }
            int s = 0;
            for (int i = 0; i < term.length(); i++) {
                int next = get(s, term.charAt(i));
                if (next < 0) {
                    next = states++;
                    put(s, term.charAt(i), next);
                }
                s = next;
            }
            if (out[s] < 0) {
                out[s] = ti;
            }
            termLength[ti] = term.length();
            termNeedsStartBoundary[ti] = !unspaced(term.charAt(0));
            termNeedsEndBoundary[ti] = !unspaced(term.charAt(term.length() - 1));
        }
        output = Arrays.copyOf(out, states);
        rootNext = new int[ROOT_TABLE_CHARS];
        for (char c = 0; c < ROOT_TABLE_CHARS; c++) {
            rootNext[c] = get(0, c);
        }
        fail = new int[states];
        outLink = new int[states];
        // Breadth-first over the trie to set failure links; children are found by scanning the table,
        // which is linear in its size and only done once.
        char[] edgeChar = new char[states];
        int[][] children = childrenOf(states, edgeChar);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : children[0]) {
            queue.add(child);
        }
        // States in breadth-first order: each state's failure link points to a shallower state.
        int[] order = new int[states];
        int ordered = 1; // the root first
        while (!queue.isEmpty()) {
            int s = queue.poll();
            order[ordered++] = s;
            for (int child : children[s]) {
                char c = edgeChar[child];
                int f = fail[s];
                int t;
                while ((t = get(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = t >= 0 && t != child ? t : 0;
                outLink[child] = output[fail[child]] >= 0 ? fail[child] : outLink[fail[child]];
                queue.add(child);
            }
        }

        // The ASCII table: one column per ASCII char that some term contains.
        byte[] column = new byte[128];
        int width = 1;
        for (int st = 1; st < states; st++) {
            char c = edgeChar[st];
            if (c < 128 && column[c] == 0 && width < 127) {
                column[c] = (byte) width++;
            }
        }
        boolean fits = asciiTable && (long) states * width <= MAX_ASCII_TABLE && states <= STATE_MASK
                && allAsciiEdgesHaveColumns(states, edgeChar, column);
        asciiColumn = column;
        asciiWidth = width;
        if (fits) {
            char[] next = new char[states * width];
            for (int k = 0; k < ordered; k++) {
                int st = order[k];
                for (char c = 0; c < 128; c++) {
                    int col = column[c];
                    if (col == 0) {
                        continue; // column 0: no term has the char, every state goes to the root
                    }
                    int t = get(st, c);
                    if (t < 0) {
                        t = st == 0 ? 0 : next[fail[st] * width + col];
                    }
                    next[st * width + col] = (char) t;
                }
            }
            // Mark the entries whose state reports a match (its own term or one along its output
            // links), so that the scan tests a bit of the entry it loaded instead of two more arrays.
            for (int k = 0; k < next.length; k++) {
                int t = next[k];
                if (output[t] >= 0 || outLink[t] != 0) {
                    next[k] = (char) (t | EMITS);
                }
            }
            asciiNext = next;
        } else {
            asciiNext = null;
        }
    }

    /** Whether every ASCII edge char got a column (at most 126 distinct ones do). */
    private static boolean allAsciiEdgesHaveColumns(int states, char[] edgeChar, byte[] column) {
        for (int st = 1; st < states; st++) {
            if (edgeChar[st] < 128 && column[edgeChar[st]] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of matches of any term in {@code text}, at word boundaries. */
    public int count(String text) {
        int[] n = {0};
        find(text, (term, start, end) -> n[0]++);
        return n[0];
    }

    /** Reports every match in {@code text}, at word boundaries, in order of end offset. */
    public void find(String text, MatchSink sink) {
        final char[] table = asciiNext;
        final byte[] column = asciiColumn;
        final int width = asciiWidth;
        int s = 0;
        final int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = foldChar(text.charAt(i));
            if (c < 128 && table != null) {
                final int entry = table[s * width + column[c]];
                s = entry & STATE_MASK;
                if (entry < EMITS) {
                    continue; // nothing ends here
                }
            } else {
                int t = -1;
                while (s != 0 && (t = get(s, c)) < 0) {
                    s = fail[s];
                }
                if (s == 0) {
                    t = c < ROOT_TABLE_CHARS ? rootNext[c] : get(0, c);
                }
                s = Math.max(t, 0);
            }
            for (int o = output[s] >= 0 ? s : outLink[s]; o != 0; o = outLink[o]) {
                int term = output[o];
                int end = i + 1;
                int start = end - termLength[term];
                if ((!termNeedsStartBoundary[term] || start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                        && (!termNeedsEndBoundary[term] || end == len || !Character.isLetterOrDigit(text.charAt(end)))) {
                    sink.match(term, start, end);
                }
            }
        }
    }

    /** Number of trie states, for memory estimates. */
    public int states() {
        return fail.length;
    }

    private static boolean unspaced(char c) {
        UnicodeScript script = UnicodeScript.of(c);
        return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA;
    }

    static char foldChar(char c) {
        if (c == '\u2019' || c == '\u02bc') {
            return '\'';
        }
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
    }

    private static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(foldChar(s.charAt(i)));
        }
        return sb.toString();
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    private int get(int state, char c) {
        long key = (((long) state << 16) | c) + 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    private void put(int state, char c, int next) {
        long key = (((long) state << 16) | c) + 1;
        int i = slot(key);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = next;
    }

    /** Children of every state, and the character on the edge into each state (one parent each). */
    private int[][] childrenOf(int states, char[] edgeChar) {
        int[] counts = new int[states];
        for (long k : keys) {
            if (k != 0) {
                counts[(int) ((k - 1) >>> 16)]++;
            }
        }
        int[][] children = new int[states][];
        for (int s = 0; s < states; s++) {
            children[s] = new int[counts[s]];
        }
        int[] fill = new int[states];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                int parent = (int) ((keys[i] - 1) >>> 16);
                children[parent][fill[parent]++] = values[i];
                edgeChar[values[i]] = (char) ((keys[i] - 1) & 0xFFFF);
            }
        }
        return children;
    }

}
