package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.TokenBuffer;

/**
 * The word tokens of one document, interned: each token's id is the index of its first equal token,
 * with the number of times each id occurs. Gopher repetition compares n-grams as id sequences and
 * counts them; Gopher quality classifies each distinct token once and looks only first occurrences up
 * in its stop-word list (a repeat can neither change the distinct count nor a token's class). Reused
 * across documents; not thread-safe.
 */
final class TokenIds {

    private final SlotTable table = new SlotTable();
    /** Range hashes over the token chars, for tokens here and for n-grams in the repetition family. */
    final RangeHashes tokenHashes = new RangeHashes();
    /** Per token: the index of its first equal token. */
    int[] ids = new int[1024];
    /** Per first occurrence (indexed by id): how many tokens have that id. */
    int[] occurrences = new int[1024];
    /** The number of tokens interned; the number of distinct ones. */
    int count;
    int distinct;

    /** Interns the tokens of {@code tb}; earlier ids are forgotten. */
    void load(TokenBuffer tb) {
        final int n = tb.size();
        final char[] c = tb.chars();
        tokenHashes.load(c, n == 0 ? 0 : tb.end(n - 1));
        if (ids.length < n) {
            int cap = Math.max(n, ids.length * 2);
            ids = new int[cap];
            occurrences = new int[cap];
        }
        final int[] id = ids;
        final int[] occ = occurrences;
        final SlotTable tab = table;
        tab.reset(n);
        int firsts = 0;
        for (int i = 0; i < n; i++) {
            final int s = tb.start(i);
            final int e = tb.end(i);
            final long mixed = SlotTable.mix(tokenHashes.hash(s, e));
            final long fp = SlotTable.fingerprint(mixed);
            for (int slot = tab.first(mixed); ; slot = tab.next(slot)) {
                long k = tab.slots[slot];
                if (k == 0) {
                    tab.put(slot, fp, i);
                    id[i] = i;
                    occ[i] = 1;
                    firsts++;
                    break;
                }
                int other = SlotTable.ref(k);
                if (SlotTable.matches(k, fp) && tb.end(other) - tb.start(other) == e - s
                        && sameChars(c, tb.start(other), s, e - s)) {
                    id[i] = other;
                    occ[other]++;
                    break;
                }
            }
        }
        count = n;
        distinct = firsts;
    }

    /** {@code c[a, a + len)} equals {@code c[b, b + len)}; a plain loop beats a library call on words. */
    private static boolean sameChars(char[] c, int a, int b, int len) {
        for (int k = 0; k < len; k++) {
            if (c[a + k] != c[b + k]) {
                return false;
            }
        }
        return true;
    }
}
