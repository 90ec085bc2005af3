package io.sluice.pipeline.signals;

import io.sluice.pipeline.dedup.Duplication;

/**
 * Record fields beyond the text that provenance and synthetic-artifact signals read. Every field is
 * optional: offline files carry what they carry, and a missing field is itself a provenance signal.
 *
 * @param license           SPDX id or licence name of a scraped record; null if unknown
 * @param generatorModel    the model that generated a synthetic record; null for scraped records
 * @param lineageDepth      0 for text from real data, n+1 for text derived from depth-n synthetic text;
 *                          -1 when unknown
 * @param prompt            the prompt a synthetic record answered, when the generator shares it
 * @param requestedLanguage the language (ISO 639-1) the generator was asked to write in; null if none
 * @param fetchTimeMillis   when a scraped page was fetched, epoch ms; -1 when unknown
 * @param finishReason      why the generator stopped, as its API reported it ({@code stop}, {@code length},
 *                          {@code max_tokens}, ...); null if unknown
 * @param duplication       what deduplication found (it runs before scoring, across records); never null
 */
public record RecordContext(String license, String generatorModel, int lineageDepth, String prompt,
                            String requestedLanguage, long fetchTimeMillis, String finishReason,
                            Duplication duplication) {

    /** No context: what bare-text scoring and old callers get. */
    public static final RecordContext EMPTY = new RecordContext(null, null, -1, null, null, -1);

    public RecordContext {
        java.util.Objects.requireNonNull(duplication, "duplication");
    }

    /** A context of a record that was not deduplicated. */
    public RecordContext(String license, String generatorModel, int lineageDepth, String prompt,
            String requestedLanguage, long fetchTimeMillis) {
        this(license, generatorModel, lineageDepth, prompt, requestedLanguage, fetchTimeMillis, null, Duplication.NONE);
    }

    /** A context of a record that was not deduplicated, with the generator's finish reason. */
    public RecordContext(String license, String generatorModel, int lineageDepth, String prompt,
            String requestedLanguage, long fetchTimeMillis, String finishReason) {
        this(license, generatorModel, lineageDepth, prompt, requestedLanguage, fetchTimeMillis, finishReason,
                Duplication.NONE);
    }

    /** This context with {@code found} as its deduplication result. */
    public RecordContext withDuplication(Duplication found) {
        return new RecordContext(license, generatorModel, lineageDepth, prompt, requestedLanguage, fetchTimeMillis,
                finishReason, found);
    }
}
