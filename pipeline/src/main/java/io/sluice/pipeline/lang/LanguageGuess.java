package io.sluice.pipeline.lang;

/**
 * The outcome of language identification: the best and second-best ISO 639-1 codes with their
 * confidences. {@value #UNDETERMINED_CODE} (ISO 639-2 "undetermined") with confidence 0 when the
 * text is empty, too short, has no letters or is in a script the identifier does not cover.
 *
 * @param code             ISO 639-1 code of the best candidate, or {@value #UNDETERMINED_CODE}
 * @param confidence       in [0, 1]; never below {@code secondConfidence}
 * @param secondCode       the runner-up, or {@value #UNDETERMINED_CODE} when there is none
 * @param secondConfidence in [0, 1]
 */
public record LanguageGuess(String code, double confidence, String secondCode, double secondConfidence) {

    /** The code for "no language identified". */
    public static final String UNDETERMINED_CODE = "und";

    /** No language identified. */
    public static final LanguageGuess UNDETERMINED =
            new LanguageGuess(UNDETERMINED_CODE, 0.0, UNDETERMINED_CODE, 0.0);

    /** True unless this is {@link #UNDETERMINED}. */
    public boolean isDetermined() {
        return !UNDETERMINED_CODE.equals(code);
    }
}
