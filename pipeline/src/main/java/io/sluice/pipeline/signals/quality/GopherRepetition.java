package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.text.PyChars;
import io.sluice.pipeline.text.TokenBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Gopher repetition ({@code repetition.*}): the values datatrove's {@code GopherRepetitionFilter}
 * checks (Rae et al. 2021, table A1), and its verdict.
 *
 * <p>Definitions, matching datatrove (commit a649de7); every length is in code points and every
 * {@code *_char_frac} is divided by the length of the whole text:
 * <ul>
 *   <li><b>paragraphs</b>: the stripped text split on runs of two or more {@code \n}; <b>lines</b>: the
 *       unstripped text split on runs of {@code \n} (so a leading or trailing newline yields an empty
 *       line, and two empty lines are duplicates of each other). An element is a duplicate when an
 *       equal one came before; {@code dup_*_frac} is duplicates over elements, {@code
 *       dup_*_char_frac} their characters;</li>
 *   <li>{@code top_n_gram_char_frac} (n = 2..4): n-grams of NLTK word tokens joined by a space; the
 *       most frequent one (the first seen among ties) times its count times its length. Counted even
 *       when it occurs once; 0 when the text has fewer than n tokens;</li>
 *   <li>{@code duplicated_n_n_grams_char_frac} (n = 5..10): datatrove's {@code find_all_duplicate},
 *       scanning n-grams <em>concatenated without separator</em> left to right; a repeat adds its
 *       length and jumps n tokens ahead (so repeats do not overlap), a new n-gram is remembered and
 *       the scan moves one token. Positions jumped over are never remembered;</li>
 *   <li>for the empty text every value is 0 and the verdict keeps (datatrove divides by zero).</li>
 * </ul>
 */
public final class GopherRepetition implements FilterFamily, QualityFilter<GopherRepetition.Thresholds> {

    public static final String FAMILY = "repetition";
    public static final String DUP_PARA_FRAC = "repetition.dup_para_frac";
    public static final String DUP_PARA_CHAR_FRAC = "repetition.dup_para_char_frac";
    public static final String DUP_LINE_FRAC = "repetition.dup_line_frac";
    public static final String DUP_LINE_CHAR_FRAC = "repetition.dup_line_char_frac";
    public static final String KEEP = "repetition.keep";

    /** {@code repetition.top_<n>_gram_char_frac}, n = 2..4. */
    public static String topNGramCharFrac(int n) {
        return "repetition.top_" + n + "_gram_char_frac";
    }

    /** {@code repetition.duplicated_<n>_n_grams_char_frac}, n = 5..10. */
    public static String duplicatedNGramsCharFrac(int n) {
        return "repetition.duplicated_" + n + "_n_grams_char_frac";
    }

    private static final String[] NAMES = {
        DUP_PARA_FRAC, DUP_PARA_CHAR_FRAC, DUP_LINE_FRAC, DUP_LINE_CHAR_FRAC,
        topNGramCharFrac(2), topNGramCharFrac(3), topNGramCharFrac(4),
        duplicatedNGramsCharFrac(5), duplicatedNGramsCharFrac(6), duplicatedNGramsCharFrac(7),
        duplicatedNGramsCharFrac(8), duplicatedNGramsCharFrac(9), duplicatedNGramsCharFrac(10), KEEP,
    };
    private static final List<String> NAME_LIST = List.of(NAMES);
    /** Signal and reason names by n, built once: the verdict runs for every document. */
    private static final String[] TOP_NAMES = {null, null, NAMES[4], NAMES[5], NAMES[6]};
    private static final String[] TOP_REASONS = {null, null, "top_2_gram", "top_3_gram", "top_4_gram"};
    private static final String[] DUP_NAMES = new String[11];
    private static final String[] DUP_REASONS = new String[11];

    static {
        for (int n = 5; n <= 10; n++) {
            DUP_NAMES[n] = NAMES[7 + n - 5];
            DUP_REASONS[n] = "duplicated_" + n + "_n_grams";
        }
    }

    /**
     * Thresholds of the repetition rules (maximum fractions); 0 or NaN disables a rule.
     * {@code topNGram[i]} is for n = 2 + i, {@code duplicatedNGrams[i]} for n = 5 + i.
     */
    public record Thresholds(double dupParaFrac, double dupParaCharFrac, double dupLineFrac,
                             double dupLineCharFrac, List<Double> topNGram, List<Double> duplicatedNGrams) {

        /** datatrove's defaults (Gopher table A1). */
        public static final Thresholds DEFAULTS = new Thresholds(0.3, 0.2, 0.3, 0.2,
                List.of(0.20, 0.18, 0.16), List.of(0.15, 0.14, 0.13, 0.12, 0.11, 0.10));

        public Thresholds {
            topNGram = List.copyOf(topNGram);
            duplicatedNGrams = List.copyOf(duplicatedNGrams);
            if (topNGram.size() != 3 || duplicatedNGrams.size() != 6) {
                throw new IllegalArgumentException("need 3 top n-gram thresholds (n=2..4) and 6 duplicated"
                        + " n-gram thresholds (n=5..10), got " + topNGram.size() + " and " + duplicatedNGrams.size());
            }
        }
    }

    private final SharedWords words;
    private final SlotTable table = new SlotTable();
    /** The current text's chars and range hashes, shared with the other families of the registry. */
    private char[] text;
    private RangeHashes textHashes;
    /** Range hashes over the current document's token chars (its {@link TokenIds}'), for n-grams. */
    private RangeHashes tokenHashes;
    /** Bounds of the lines or paragraphs being counted, by index. */
    private int[] segStarts = new int[256];
    private int[] segEnds = new int[256];
    /** Per token: its id (the current document's {@link TokenIds}); prefix sums of id hashes and code points. */
    private int[] tokenIds;
    private long[] idPrefix = new long[1024];
    private int[] cpPrefix = new int[1024];
    /** Per position: the table slot of its token or n-gram in the last pass (-1: not counted). */
    private int[] slotOf = new int[1024];
    /** Positions, in order, that the current n-gram pass must count (the others cannot repeat). */
    private int[] candidates = new int[1024];

    private static final long ID_BASE = 0xC2B2AE3D27D4EB4FL;

    /** A family with its own tokenization. */
    public GopherRepetition() {
        this(new SharedWords());
    }

    /** A family sharing tokens with other families of one registry. */
    public GopherRepetition(SharedWords words) {
        this.words = Objects.requireNonNull(words, "words");
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAME_LIST;
    }

    @Override
    public String filterName() {
        return "gopher_rep";
    }

    @Override
    public Thresholds defaultThresholds() {
        return Thresholds.DEFAULTS;
    }

    @Override
    public FilterVerdict evaluate(String input, SignalCollector out) {
        final int n = input.length();
        text = words.chars(input);
        textHashes = words.hashes(input);
        final double[] v = new double[NAMES.length];
        final int textLen = words.codePoints(input);
        if (textLen > 0) {
            segments(input, n, textLen, v);
            // Without surrogate pairs in the text (code points = chars) there are none in its tokens
            // either (the tokenizer splits only at ASCII chars), and a token's length is its char count.
            ngrams(words.of(input), words.ids(input), textLen, textLen == n, v);
        }
        final FilterVerdict verdict = verdict(name -> v[indexOf(name)]);
        v[NAMES.length - 1] = verdict.asSignal();
        for (int i = 0; i < NAMES.length; i++) {
            out.put(NAMES[i], v[i]);
        }
        return verdict;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i] == name) {
                return i;
            }
        }
        return NAME_LIST.indexOf(name);
    }

    /**
     * Duplicate paragraphs (v[0], v[1]) and lines (v[2], v[3]). Both splits walk the text's newline
     * positions ({@link SharedWords#newlines}, found once for every family that splits lines): a text
     * has a few dozen newlines among thousands of chars.
     */
    private void segments(String input, int n, int textLen, double[] v) {
        final char[] t = text;
        final SharedWords.Newlines breaks = words.newlines(input);
        final int[] at = breaks.at;
        final int newlines = breaks.count;
        // Paragraphs: text.strip() split on \n{2,}.
        int a = 0;
        int b = n;
        while (a < b && PyChars.isSpace(t[a])) {
            a++;
        }
        while (b > a && PyChars.isSpace(t[b - 1])) {
            b--;
        }
        int count = 0;
        int segStart = a;
        int k = 0;
        while (k < newlines && at[k] < a) {
            k++;
        }
        while (k < newlines && at[k] < b) {
            final int i = at[k++];
            if (i + 1 < b && t[i + 1] == '\n') {
                // A run of newlines: consecutive positions, skipped together (b ends on a non-space).
                int j = i + 1;
                while (j < b && t[j] == '\n') {
                    j++;
                    k++;
                }
                count = segment(count, segStart, i);
                segStart = j;
            }
        }
        count = segment(count, segStart, b);
        duplicateSegments(count, textLen, v, 0);

        // Lines: re.split("\n+", text) over the unstripped text.
        count = 0;
        segStart = 0;
        k = 0;
        while (k < newlines) {
            final int i = at[k++];
            count = segment(count, segStart, i);
            int j = i + 1;
            while (k < newlines && at[k] == j) {
                j++;
                k++;
            }
            segStart = j;
        }
        count = segment(count, segStart, n);
        duplicateSegments(count, textLen, v, 2);
    }

    private int segment(int count, int start, int end) {
        if (count == segStarts.length) {
            segStarts = Arrays.copyOf(segStarts, count * 2);
            segEnds = Arrays.copyOf(segEnds, count * 2);
        }
        segStarts[count] = start;
        segEnds[count] = end;
        return count + 1;
    }

    /**
     * datatrove's find_duplicates over the {@code count} segments collected: the fraction of segments
     * equal to an earlier one into {@code v[at]}, their characters over the text's into {@code v[at + 1]}.
     */
    private void duplicateSegments(int count, int textLen, double[] v, int at) {
        final char[] t = text;
        final SlotTable tab = table;
        tab.reset(count);
        int duplicates = 0;
        long duplicateChars = 0;
        for (int r = 0; r < count; r++) {
            final int s = segStarts[r];
            final int e = segEnds[r];
            final long mixed = SlotTable.mix(textHashes.hash(s, e));
            final long fp = SlotTable.fingerprint(mixed);
            for (int slot = tab.first(mixed); ; slot = tab.next(slot)) {
                long k = tab.slots[slot];
                if (k == 0) {
                    tab.put(slot, fp, r);
                    break;
                }
                int other = SlotTable.ref(k);
                if (SlotTable.matches(k, fp) && Arrays.equals(t, segStarts[other], segEnds[other], t, s, e)) {
                    duplicates++;
                    duplicateChars += PyText.len(t, s, e);
                    break;
                }
            }
        }
        v[at] = (double) duplicates / count;
        v[at + 1] = (double) duplicateChars / textLen;
    }

    /** Top n-gram (v[4..6]) and duplicated n-gram (v[7..12]) fractions. */
    private void ngrams(TokenBuffer tb, TokenIds interned, int textLen, boolean bmpOnly, double[] v) {
        final int count = tb.size();
        final char[] c = tb.chars();
        final int charCount = count == 0 ? 0 : tb.end(count - 1);
        tokenHashes = interned.tokenHashes;
        // Token ids (the index of the first equal token), so that n-grams joined by spaces compare as
        // int sequences (tokens never contain whitespace, so equal sequences are exactly equal strings).
        final int[] ids = tokenIds = interned.ids;
        final int[] occurrences = interned.occurrences;
        if (idPrefix.length < count + 1) {
            int cap = Math.max(count + 1, idPrefix.length * 2);
            idPrefix = new long[cap];
            cpPrefix = new int[cap];
            slotOf = new int[cap];
            candidates = new int[cap];
        }
        cpPrefix[0] = 0;
        idPrefix[0] = 0;
        for (int i = 0; i < count; i++) {
            final int s = tb.start(i);
            final int e = tb.end(i);
            cpPrefix[i + 1] = cpPrefix[i] + (bmpOnly ? e - s : PyText.len(c, s, e));
            long x = (ids[i] + 1) * 0xBF58476D1CE4E5B9L;
            idPrefix[i + 1] = idPrefix[i] * ID_BASE + (x ^ (x >>> 31));
        }
        // Positions whose token occurs more than once: the only ones where a 2-gram can repeat.
        int candidateCount = 0;
        for (int i = 0; i < count; i++) {
            candidates[candidateCount] = i;
            candidateCount += occurrences[ids[i]] >= 2 ? 1 : 0;
        }
        for (int n = 2; n <= 4; n++) {
            if (count < n) {
                v[4 + n - 2] = 0.0;
                continue;
            }
            candidateCount = topGramChars(count, n, candidateCount, v, 4 + n - 2, textLen);
        }
        candidateCount = repeatablePositions(tb, count, charCount);
        for (int n = 5; n <= 10; n++) {
            v[7 + n - 5] = (double) duplicatedChars(tb, count, n, candidateCount) / textLen;
        }
    }

    /** {@code a[ai, ai + len)} equals {@code b[bi, bi + len)}; a plain loop beats a library call on words. */
    private static boolean sameChars(char[] a, int ai, char[] b, int bi, int len) {
        for (int k = 0; k < len; k++) {
            if (a[ai + k] != b[bi + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * datatrove's find_top_duplicate over the n-grams joined by spaces, into {@code v[at]}: the
     * length of the most frequent one times its count ({@code Counter.most_common(1)}: the first
     * inserted among equal counts), over the text's length.
     *
     * <p>{@link #candidates} holds, in order, the positions where the (n-1)-gram occurs more than
     * once: an n-gram can only repeat where its first n-1 tokens do, so only those are counted. The
     * others are n-grams seen once, which matter only when no n-gram repeats, and then the answer is
     * the first n-gram (position 0) with count 1. Leaves the positions of repeated n-grams in
     * {@link #candidates} for the next n and returns their number.
     */
    private int topGramChars(int count, int n, int candidateCount, double[] v, int at, int textLen) {
        long idPow = 1;
        for (int k = 0; k < n; k++) {
            idPow *= ID_BASE;
        }
        final SlotTable tab = table;
        final int[] ids = tokenIds;
        final int[] cand = candidates;
        final int positions = count - n + 1;
        tab.reset(candidateCount);
        int bestCount = 0;
        int bestRef = -1;
        int counted = 0;
        for (int j = 0; j < candidateCount; j++) {
            final int i = cand[j];
            if (i >= positions) {
                break;
            }
            counted++;
            final long mixed = SlotTable.mix(idPrefix[i + n] - idPrefix[i] * idPow);
            final long fp = SlotTable.fingerprint(mixed);
            int ref = i;
            int cnt = 1;
            probe:
            for (int slot = tab.first(mixed); ; slot = tab.next(slot)) {
                long k = tab.slots[slot];
                if (k == 0) {
                    tab.put(slot, fp, i);
                    slotOf[i] = slot;
                    break;
                }
                if (SlotTable.matches(k, fp)) {
                    int other = SlotTable.ref(k);
                    for (int q = 0; q < n; q++) {
                        if (ids[other + q] != ids[i + q]) {
                            continue probe;
                        }
                    }
                    ref = other;
                    cnt = ++tab.counts[slot];
                    slotOf[i] = slot;
                    break;
                }
            }
            if (cnt > bestCount || (cnt == bestCount && ref < bestRef)) {
                bestCount = cnt;
                bestRef = ref;
            }
        }
        int next = 0;
        for (int j = 0; j < counted; j++) {
            final int i = cand[j];
            cand[next] = i;
            next += tab.counts[slotOf[i]] >= 2 ? 1 : 0;
        }
        if (bestCount < 2) {
            bestCount = 1;
            bestRef = 0;
        }
        long gramLength = cpPrefix[bestRef + n] - cpPrefix[bestRef] + (n - 1);
        v[at] = (double) (gramLength * bestCount) / textLen;
        return next;
    }

    /**
     * Chars an n-gram must span for the filter of {@link #repeatablePositions} to apply to it. Longer
     * probes repeat less often but leave more 5-grams too short to filter; on the dev corpus 12 beat
     * 8 and 16 (repetition 40 -> 36 µs per document, 16: 37).
     */
    private static final int PROBE_CHARS = 12;

    /**
     * Fills {@link #candidates} with the positions where a duplicated n-gram (n ≥ 5) can start, in
     * order, and returns their number: those where the {@value #PROBE_CHARS} chars starting at the
     * token (across token boundaries, as the concatenated n-grams run) also start at another token,
     * those whose 5-gram is shorter than that, and those too close to the end to tell. Two n-grams
     * whose concatenations are equal and at least that long start with the same chars, so any other
     * position can neither repeat an earlier n-gram nor be repeated by a later one: remembering it
     * would change nothing, and the duplicated-n-gram scans skip it.
     */
    private int repeatablePositions(TokenBuffer tb, int count, int charCount) {
        final char[] c = tb.chars();
        final SlotTable tab = table;
        final int[] cand = candidates;
        tab.reset(count);
        // slotOf[i]: the slot of the position's probe, or -1 when too close to the end to have one.
        for (int i = 0; i < count; i++) {
            final int s = tb.start(i);
            final int e = s + PROBE_CHARS;
            if (e > charCount) {
                slotOf[i] = -1;
                continue;
            }
            final long mixed = SlotTable.mix(tokenHashes.hash(s, e));
            final long fp = SlotTable.fingerprint(mixed);
            for (int slot = tab.first(mixed); ; slot = tab.next(slot)) {
                long k = tab.slots[slot];
                if (k == 0) {
                    tab.put(slot, fp, i);
                    slotOf[i] = slot;
                    break;
                }
                int other = SlotTable.ref(k);
                if (SlotTable.matches(k, fp) && sameChars(c, tb.start(other), c, s, PROBE_CHARS)) {
                    tab.counts[slot]++;
                    slotOf[i] = slot;
                    break;
                }
            }
        }
        int candidateCount = 0;
        for (int i = 0; i < count; i++) {
            // A 5-gram shorter than the probe (and so possibly every longer n-gram) escapes the filter.
            boolean shortGram = i + 5 > count || tb.end(i + 4) - tb.start(i) < PROBE_CHARS;
            cand[candidateCount] = i;
            candidateCount += shortGram || slotOf[i] < 0 || tab.counts[slotOf[i]] >= 2 ? 1 : 0;
        }
        return candidateCount;
    }

    /**
     * datatrove's find_all_duplicate(words, n) on n-grams joined without separator: the scan moves
     * over the {@link #candidates} only (see {@link #repeatablePositions}), jumping as the original
     * does.
     */
    private long duplicatedChars(TokenBuffer tb, int count, int n, int candidateCount) {
        if (count < n) {
            return 0;
        }
        final char[] c = tb.chars();
        final SlotTable tab = table;
        final int[] cand = candidates;
        final int positions = count - n + 1;
        tab.reset(candidateCount);
        long repeatedChars = 0;
        int j = 0;
        while (j < candidateCount) {
            final int idx = cand[j];
            if (idx >= positions) {
                break;
            }
            // The tokens lie back to back in the buffer, so the concatenation is one range.
            final int s = tb.start(idx);
            final int e = tb.end(idx + n - 1);
            final long mixed = SlotTable.mix(tokenHashes.hash(s, e));
            final long fp = SlotTable.fingerprint(mixed);
            boolean repeat = false;
            for (int slot = tab.first(mixed); ; slot = tab.next(slot)) {
                long k = tab.slots[slot];
                if (k == 0) {
                    tab.put(slot, fp, idx);
                    break;
                }
                int other = SlotTable.ref(k);
                if (SlotTable.matches(k, fp) && tb.end(other + n - 1) - tb.start(other) == e - s
                        && sameChars(c, tb.start(other), c, s, e - s)) {
                    repeat = true;
                    break;
                }
            }
            j++;
            if (repeat) {
                repeatedChars += cpPrefix[idx + n] - cpPrefix[idx];
                // Jump n tokens ahead, to the first candidate there.
                final int resume = idx + n;
                while (j < candidateCount && cand[j] < resume) {
                    j++;
                }
            }
        }
        return repeatedChars;
    }

    @Override
    public FilterVerdict verdict(SignalLookup s, Thresholds t) {
        if (QualityFilter.above(s.get(DUP_PARA_FRAC), t.dupParaFrac())) {
            return FilterVerdict.drop("dup_para_frac");
        }
        if (QualityFilter.above(s.get(DUP_PARA_CHAR_FRAC), t.dupParaCharFrac())) {
            return FilterVerdict.drop("dup_para_char_frac");
        }
        if (QualityFilter.above(s.get(DUP_LINE_FRAC), t.dupLineFrac())) {
            return FilterVerdict.drop("dup_line_frac");
        }
        if (QualityFilter.above(s.get(DUP_LINE_CHAR_FRAC), t.dupLineCharFrac())) {
            return FilterVerdict.drop("dup_line_char_frac");
        }
        for (int n = 2; n <= 4; n++) {
            if (QualityFilter.above(s.get(TOP_NAMES[n]), t.topNGram().get(n - 2))) {
                return FilterVerdict.drop(TOP_REASONS[n]);
            }
        }
        for (int n = 5; n <= 10; n++) {
            if (QualityFilter.above(s.get(DUP_NAMES[n]), t.duplicatedNGrams().get(n - 5))) {
                return FilterVerdict.drop(DUP_REASONS[n]);
            }
        }
        return FilterVerdict.KEEP;
    }
}
