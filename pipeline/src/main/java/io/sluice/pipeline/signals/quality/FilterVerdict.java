package io.sluice.pipeline.signals.quality;

/**
 * The keep/drop verdict of one rule family for one document, with datatrove's reason name for the
 * first failing rule (e.g. {@code too_few_sentences}, {@code line_punct_ratio}), so that verdicts can
 * be compared with datatrove's one to one.
 *
 * @param keep   true when the document passes every rule of the family
 * @param reason datatrove's name of the first failing rule, in datatrove's check order; null when kept
 */
public record FilterVerdict(boolean keep, String reason) {

    /** The verdict of a document that passes; shared because it is the common case. */
    public static final FilterVerdict KEEP = new FilterVerdict(true, null);

    public FilterVerdict {
        if (keep != (reason == null)) {
            throw new IllegalArgumentException("a kept document has no reason and a dropped one has one: keep="
                    + keep + ", reason=" + reason);
        }
    }

    /** The verdict of a document dropped by the rule named {@code reason}. */
    public static FilterVerdict drop(String reason) {
        return new FilterVerdict(false, reason);
    }
}
