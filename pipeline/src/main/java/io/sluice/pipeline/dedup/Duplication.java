package io.sluice.pipeline.dedup;

/**
 * What deduplication found for one record: whether an earlier record had the same text, how many of
 * its MinHash LSH bands an earlier record shared, and the id of the earlier record it duplicates.
 *
 * @param exact        an earlier record had the same text (up to whitespace)
 * @param bandMatches  bands (0..{@value TextSignature#BANDS}) already remembered for an earlier record
 * @param firstSeenId  the id of the earlier record (the exact one when there is one, else the one
 *                     sharing most bands); null when the record is the first of its kind
 */
public record Duplication(boolean exact, int bandMatches, String firstSeenId) {

    /** Not a duplicate of anything seen, or not checked. */
    public static final Duplication NONE = new Duplication(false, 0, null);

    /** True when the record repeats an earlier one, exactly or nearly. */
    public boolean isDuplicate() {
        return firstSeenId != null;
    }
}
