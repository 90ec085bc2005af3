package io.sluice.pipeline.policy;

import io.sluice.pipeline.signals.quality.C4Quality;
import io.sluice.pipeline.signals.quality.FineWebQuality;
import io.sluice.pipeline.signals.quality.GopherQuality;
import io.sluice.pipeline.signals.quality.GopherRepetition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule-family checks a policy's {@code quality:} section can switch on, each named by datatrove's
 * reason and compiled into an ordinary {@link Rule} on the family's signal, with the code
 * {@code <family>_<check>} (e.g. {@code fineweb_line_punct_ratio}, {@code repetition_dup_line_frac};
 * Gopher quality's checks drop the {@code gopher_} datatrove puts in front of their names, so their
 * codes are exactly datatrove's reasons, e.g. {@code gopher_short_doc}). Checks that take a threshold
 * read their value from the policy (datatrove's default when written {@code on}); flag checks are on
 * or off.
 *
 * <p>Unlike datatrove, which stops at the first failing check, every failing check adds its reason,
 * so a record's reasons list all the rules it breaks. Checks on ratios of a family's words or lines
 * are guarded by the count they divide by: a text with no words is left to {@code empty_text} and
 * Gopher's {@code short_doc} rather than failing every ratio at once.
 */
final class QualityChecks {

    /**
     * One check.
     *
     * @param family    the family key in the policy ({@code c4}, {@code fineweb})
     * @param name      datatrove's reason name
     * @param signal    the signal compared
     * @param op        how it is compared with the threshold: the record fails the check when it holds
     * @param threshold datatrove's default; for flag checks the fixed value 1 (the flag is set)
     * @param flag      true when the check has no threshold to tune
     * @param guard     a signal that must be at least 1 for the check to apply, or null: ratios over no
     *                  line at all are left to {@code empty_text}
     */
    record Check(String family, String name, String signal, ComparisonOp op, double threshold, boolean flag,
                 String guard) {

        String code() {
            return family + "_" + name;
        }
    }

    /** Family key to its checks, in datatrove's check order. */
    static final Map<String, List<Check>> BY_FAMILY = new LinkedHashMap<>();

    static {
        BY_FAMILY.put(C4Quality.FAMILY, List.of(
                new Check("c4", "lorem_ipsum", C4Quality.LOREM_IPSUM, ComparisonOp.GE, 1, true, null),
                new Check("c4", "curly_bracket", C4Quality.CURLY_BRACKET, ComparisonOp.GE, 1, true, null),
                new Check("c4", "too_few_sentences", C4Quality.SENTENCE_COUNT, ComparisonOp.LT,
                        C4Quality.Options.DATATROVE_DEFAULTS.minNumSentences(), false, null)));
        FineWebQuality.Options fw = FineWebQuality.Options.DATATROVE_DEFAULTS;
        BY_FAMILY.put(FineWebQuality.FAMILY, List.of(
                new Check("fineweb", "line_punct_ratio", FineWebQuality.LINE_PUNCT_RATIO, ComparisonOp.LT,
                        fw.linePunctThr(), false, FineWebQuality.LINE_COUNT),
                new Check("fineweb", "short_line_ratio", FineWebQuality.SHORT_LINE_RATIO, ComparisonOp.GT,
                        fw.shortLineThr(), false, FineWebQuality.LINE_COUNT),
                new Check("fineweb", "char_dup_ratio", FineWebQuality.CHAR_DUP_RATIO, ComparisonOp.GT,
                        fw.charDuplicatesRatio(), false, FineWebQuality.LINE_COUNT),
                new Check("fineweb", "list_ratio", FineWebQuality.LIST_RATIO, ComparisonOp.GT,
                        fw.newLineRatio(), false, FineWebQuality.LINE_COUNT)));
        GopherQuality.Thresholds gq = GopherQuality.Thresholds.DEFAULTS;
        String words = GopherQuality.WORD_COUNT;
        BY_FAMILY.put(GopherQuality.FAMILY, List.of(
                new Check("gopher", "short_doc", words, ComparisonOp.LT, gq.minDocWords(), false, null),
                new Check("gopher", "long_doc", words, ComparisonOp.GT, gq.maxDocWords(), false, null),
                new Check("gopher", "below_avg_threshold", GopherQuality.MEAN_WORD_LENGTH, ComparisonOp.LT,
                        gq.minAvgWordLength(), false, words),
                new Check("gopher", "above_avg_threshold", GopherQuality.MEAN_WORD_LENGTH, ComparisonOp.GT,
                        gq.maxAvgWordLength(), false, words),
                new Check("gopher", "too_many_hashes", GopherQuality.HASH_TO_WORD_RATIO, ComparisonOp.GT,
                        gq.maxSymbolWordRatio(), false, words),
                new Check("gopher", "too_many_ellipsis", GopherQuality.ELLIPSIS_TO_WORD_RATIO, ComparisonOp.GT,
                        gq.maxSymbolWordRatio(), false, words),
                new Check("gopher", "too_many_bullets", GopherQuality.BULLET_LINE_FRAC, ComparisonOp.GT,
                        gq.maxBulletLinesRatio(), false, words),
                new Check("gopher", "too_many_end_ellipsis", GopherQuality.END_ELLIPSIS_LINE_FRAC, ComparisonOp.GT,
                        gq.maxEllipsisLinesRatio(), false, words),
                new Check("gopher", "below_alpha_threshold", GopherQuality.ALPHA_WORD_FRAC, ComparisonOp.LT,
                        gq.maxNonAlphaWordsRatio(), false, words),
                new Check("gopher", "enough_stop_words", GopherQuality.STOP_WORD_COUNT, ComparisonOp.LT,
                        gq.minStopWords(), false, words)));
        GopherRepetition.Thresholds gr = GopherRepetition.Thresholds.DEFAULTS;
        List<Check> repetition = new ArrayList<>(List.of(
                new Check("repetition", "dup_para_frac", GopherRepetition.DUP_PARA_FRAC, ComparisonOp.GT,
                        gr.dupParaFrac(), false, null),
                new Check("repetition", "dup_para_char_frac", GopherRepetition.DUP_PARA_CHAR_FRAC, ComparisonOp.GT,
                        gr.dupParaCharFrac(), false, null),
                new Check("repetition", "dup_line_frac", GopherRepetition.DUP_LINE_FRAC, ComparisonOp.GT,
                        gr.dupLineFrac(), false, null),
                new Check("repetition", "dup_line_char_frac", GopherRepetition.DUP_LINE_CHAR_FRAC, ComparisonOp.GT,
                        gr.dupLineCharFrac(), false, null)));
        for (int n = 2; n <= 4; n++) {
            repetition.add(new Check("repetition", "top_" + n + "_gram", GopherRepetition.topNGramCharFrac(n),
                    ComparisonOp.GT, gr.topNGram().get(n - 2), false, null));
        }
        for (int n = 5; n <= 10; n++) {
            repetition.add(new Check("repetition", "duplicated_" + n + "_n_grams",
                    GopherRepetition.duplicatedNGramsCharFrac(n), ComparisonOp.GT, gr.duplicatedNGrams().get(n - 5),
                    false, null));
        }
        BY_FAMILY.put(GopherRepetition.FAMILY, List.copyOf(repetition));
    }

    private QualityChecks() {
    }
}
