package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.TextSignalFamily;
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
public final class GopherRepetition implements TextSignalFamily, QualityFilter<GopherRepetition.Thresholds> {

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
    private char[] text = new char[4096];
    private long[] prefix = new long[4096];
    private long[] powers = new long[4096];
    private int[] tokenIds = new int[1024];
    private long[] idPrefix = new long[1024];
    private int[] cpPrefix = new int[1024];

    private static final long CHAR_BASE = 0x9E3779B97F4A7C15L;
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
    public void compute(String input, SignalCollector out) {
        final int n = input.length();
        if (text.length < n) {
            text = new char[Math.max(n, text.length * 2)];
        }
        input.getChars(0, n, text, 0);
        final double[] v = new double[NAMES.length];
        final int textLen = PyText.len(text, 0, n);
        if (textLen > 0) {
            segments(n, textLen, v);
            ngrams(words.of(input), textLen, v);
        }
        v[NAMES.length - 1] = verdict(name -> v[NAME_LIST.indexOf(name)]).asSignal();
        for (int i = 0; i < NAMES.length; i++) {
            out.put(NAMES[i], v[i]);
        }
    }

    /** Duplicate paragraphs (v[0], v[1]) and lines (v[2], v[3]). */
    private void segments(int n, int textLen, double[] v) {
        final char[] t = text;
        // Paragraphs: text.strip() split on \n{2,}. Refs are segment starts; ends kept alongside.
        int a = 0;
        int b = n;
        while (a < b && PyChars.isSpace(t[a])) {
            a++;
        }
        while (b > a && PyChars.isSpace(t[b - 1])) {
            b--;
        }
        SegmentCounter paras = new SegmentCounter(t, table, n / 16 + 4);
        int segStart = a;
        int i = a;
        while (i < b) {
            if (t[i] == '\n' && i + 1 < b && t[i + 1] == '\n') {
                int j = i;
                while (j < b && t[j] == '\n') {
                    j++;
                }
                paras.add(segStart, i);
                segStart = j;
                i = j;
            } else {
                i++;
            }
        }
        paras.add(segStart, b);
        v[0] = (double) paras.duplicates / paras.elements;
        v[1] = (double) paras.duplicateChars / textLen;

        // Lines: re.split("\n+", text) over the unstripped text.
        SegmentCounter lines = new SegmentCounter(t, table, n / 8 + 4);
        segStart = 0;
        i = 0;
        while (i < n) {
            if (t[i] == '\n') {
                lines.add(segStart, i);
                int j = i;
                while (j < n && t[j] == '\n') {
                    j++;
                }
                segStart = j;
                i = j;
            } else {
                i++;
            }
        }
        lines.add(segStart, n);
        v[2] = (double) lines.duplicates / lines.elements;
        v[3] = (double) lines.duplicateChars / textLen;
    }

    /** datatrove's find_duplicates over ranges of one char array. */
    private static final class SegmentCounter implements SlotTable.Equality {
        private final char[] t;
        private final SlotTable table;
        private int[] ends = new int[64];
        private int[] startsByRef = new int[64];
        int elements;
        int duplicates;
        long duplicateChars;

        SegmentCounter(char[] t, SlotTable table, int expected) {
            this.t = t;
            this.table = table;
            table.reset(expected);
        }

        void add(int start, int end) {
            if (elements == ends.length) {
                ends = Arrays.copyOf(ends, elements * 2);
                startsByRef = Arrays.copyOf(startsByRef, elements * 2);
            }
            int ref = elements++;
            startsByRef[ref] = start;
            ends[ref] = end;
            long h = 0;
            for (int k = start; k < end; k++) {
                h = h * CHAR_BASE + t[k];
            }
            h = h * CHAR_BASE + (end - start);
            if (table.add(h, ref, this) >= 0) {
                duplicates++;
                duplicateChars += PyText.len(t, start, end);
            }
        }

        @Override
        public boolean same(int refA, int refB) {
            return Arrays.equals(t, startsByRef[refA], ends[refA], t, startsByRef[refB], ends[refB]);
        }
    }

    /** Top n-gram (v[4..6]) and duplicated n-gram (v[7..12]) fractions. */
    private void ngrams(TokenBuffer tb, int textLen, double[] v) {
        final int count = tb.size();
        final char[] c = tb.chars();
        final int charCount = count == 0 ? 0 : tb.end(count - 1);
        if (prefix.length < charCount + 1) {
            int cap = Math.max(charCount + 1, prefix.length * 2);
            prefix = new long[cap];
            powers = new long[cap];
        }
        if (tokenIds.length < count + 1) {
            int cap = Math.max(count + 1, tokenIds.length * 2);
            tokenIds = new int[cap];
            idPrefix = new long[cap];
            cpPrefix = new int[cap];
        }
        prefix[0] = 0;
        powers[0] = 1;
        for (int k = 0; k < charCount; k++) {
            prefix[k + 1] = prefix[k] * CHAR_BASE + c[k];
            powers[k + 1] = powers[k] * CHAR_BASE;
        }
        // Token ids: the index of the first equal token, so n-grams compare as int sequences.
        table.reset(count);
        SlotTable.Equality sameToken = (a, b) -> Arrays.equals(c, tb.start(a), tb.end(a), c, tb.start(b), tb.end(b));
        cpPrefix[0] = 0;
        idPrefix[0] = 0;
        for (int i = 0; i < count; i++) {
            int s = tb.start(i);
            int e = tb.end(i);
            long h = rangeHash(s, e) * 31 + (e - s);
            int first = table.add(h, i, sameToken);
            tokenIds[i] = first >= 0 ? first : i;
            cpPrefix[i + 1] = cpPrefix[i] + PyText.len(c, s, e);
            long x = (tokenIds[i] + 1) * 0xBF58476D1CE4E5B9L;
            idPrefix[i + 1] = idPrefix[i] * ID_BASE + (x ^ (x >>> 31));
        }

        for (int n = 2; n <= 4; n++) {
            if (count < n) {
                continue;
            }
            final int len = n;
            long idPow = 1;
            for (int k = 0; k < n; k++) {
                idPow *= ID_BASE;
            }
            table.reset(count - n + 1);
            SlotTable.Equality sameGram = (a, b) -> {
                for (int k = 0; k < len; k++) {
                    if (tokenIds[a + k] != tokenIds[b + k]) {
                        return false;
                    }
                }
                return true;
            };
            int bestCount = 0;
            int bestRef = -1;
            for (int i = 0; i + n <= count; i++) {
                long h = idPrefix[i + n] - idPrefix[i] * idPow;
                int first = table.add(h, i, sameGram);
                int ref = first >= 0 ? first : i;
                int cnt = table.lastCount;
                // Counter.most_common(1): the highest count, first inserted among ties.
                if (cnt > bestCount || (cnt == bestCount && ref < bestRef)) {
                    bestCount = cnt;
                    bestRef = ref;
                }
            }
            long gramLen = cpPrefix[bestRef + n] - cpPrefix[bestRef] + (n - 1);
            v[4 + n - 2] = (double) (gramLen * bestCount) / textLen;
        }

        for (int n = 5; n <= 10; n++) {
            v[7 + n - 5] = (double) duplicatedChars(tb, count, n) / textLen;
        }
    }

    private long rangeHash(int s, int e) {
        return prefix[e] - prefix[s] * powers[e - s];
    }

    /** datatrove's find_all_duplicate(words, n) on n-grams joined without separator. */
    private long duplicatedChars(TokenBuffer tb, int count, int n) {
        if (count < n) {
            return 0;
        }
        final char[] c = tb.chars();
        table.reset(count - n + 1);
        SlotTable.Equality sameConcat = (a, b) -> Arrays.equals(c, tb.start(a), tb.end(a + n - 1),
                c, tb.start(b), tb.end(b + n - 1));
        long repeated = 0;
        int idx = 0;
        while (idx < count - n + 1) {
            int s = tb.start(idx);
            int e = tb.end(idx + n - 1);
            long h = rangeHash(s, e) * 31 + (e - s);
            if (table.add(h, idx, sameConcat) >= 0) {
                repeated += cpPrefix[idx + n] - cpPrefix[idx];
                idx += n;
            } else {
                idx++;
            }
        }
        return repeated;
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
