/**
 * Verdicts of the field's rule families (Gopher quality, Gopher repetition, C4, FineWeb) with
 * datatrove's reason names, computed from the families' signals.
 *
 * <p>Note for family authors: implement {@link FilterFamily} (signals and verdict in one pass) and,
 * where thresholds are tunable per slice, {@link QualityFilter} ({@code GopherQuality},
 * {@code GopherRepetition}, {@code C4Quality}, {@code FineWebQuality}); keep the thresholds in a nested
 * {@code Thresholds} record with datatrove's {@code DEFAULTS}, check rules in datatrove's order,
 * emit {@code <family>.keep}, and register the family in {@code SignalRegistry.standard()}.
 * Text is tokenized with {@code io.sluice.pipeline.text.EnglishTokenizer.standard()} in the reference
 * profile, whatever the document's language.
 */
package io.sluice.pipeline.signals.quality;
