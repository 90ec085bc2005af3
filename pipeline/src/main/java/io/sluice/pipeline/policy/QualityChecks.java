package io.sluice.pipeline.policy;

import io.sluice.pipeline.signals.quality.C4Quality;
import io.sluice.pipeline.signals.quality.FineWebQuality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule-family checks a policy's {@code quality:} section can switch on, each named by datatrove's
 * reason and compiled into an ordinary {@link Rule} on the family's signal, with the code
 * {@code <family>_<check>} (e.g. {@code fineweb_line_punct_ratio}). Checks that take a threshold read
 * their value from the policy (datatrove's default when written {@code on}); flag checks are on or off.
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
    }

    private QualityChecks() {
    }
}
