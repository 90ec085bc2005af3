package io.sluice.pipeline.signals.quality;

/**
 * A rule family's decision on one document: keep it, or drop it naming the first rule that failed.
 *
 * <p>Reason names are datatrove's ({@code gopher_short_doc}, {@code dup_line_frac},
 * {@code top_2_gram}, {@code too_few_sentences}, ...), so that verdicts can be compared with, and
 * thresholds carried over from, published FineWeb / Gopher / C4 runs.
 *
 * @param keep   true when every rule of the family passed
 * @param reason null when kept; otherwise the reason name of the first failing rule, in the family's
 *               check order
 */
public record FilterVerdict(boolean keep, String reason) {

    /** The verdict of a document that passed every rule. */
    public static final FilterVerdict KEEP = new FilterVerdict(true, null);

    public FilterVerdict {
        if (keep && reason != null) {
            throw new IllegalArgumentException("a kept document has no drop reason, got '" + reason + "'");
        }
        if (!keep && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a dropped document needs a reason name");
        }
    }

    /** A drop naming the failing rule. */
    public static FilterVerdict drop(String reason) {
        return new FilterVerdict(false, reason);
    }

    /** The verdict as the 1.0 / 0.0 value of a family's {@code <family>.keep} signal. */
    public double asSignal() {
        return keep ? 1.0 : 0.0;
    }
}
