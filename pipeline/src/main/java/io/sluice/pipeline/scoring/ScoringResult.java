package io.sluice.pipeline.scoring;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.pipeline.lang.LanguageGuess;
import java.util.List;
import java.util.Map;

/**
 * The outcome of scoring one record: its normalized text, signals, slice and decision.
 *
 * @param normalizedText    the text after {@link TextNormalizer}
 * @param signals           every standard signal, in registry order; unmodifiable
 * @param signalsVersion    the version of the signal definitions
 * @param slice             the slice key (see {@link SliceKey})
 * @param route             where the record goes
 * @param reasons           one reason per matched policy rule; empty when accepted by default
 * @param failingSignals    the signals whose rule comparisons matched, with their values
 * @param repairInstruction what the generator should change; set only when route is RESYNTHESIS
 * @param policyVersion     the version of the policy that decided
 * @param language          the identified language (categorical, so not among the signals), or null
 *                          when the registry has no {@code lang} family
 * @param redactedText      the normalized text with PII replaced by placeholders where the policy
 *                          redacts; null when nothing was redacted
 */
public record ScoringResult(String normalizedText, Map<String, Double> signals, String signalsVersion,
                            String slice, Route route, List<ReasonCode> reasons,
                            Map<String, Double> failingSignals, String repairInstruction,
                            String policyVersion, LanguageGuess language, String redactedText) {

    /** A result without redaction. */
    public ScoringResult(String normalizedText, Map<String, Double> signals, String signalsVersion, String slice,
            Route route, List<ReasonCode> reasons, Map<String, Double> failingSignals, String repairInstruction,
            String policyVersion) {
        this(normalizedText, signals, signalsVersion, slice, route, reasons, failingSignals, repairInstruction,
                policyVersion, null, null);
    }

    /** The text to publish: the redacted text if the policy redacted something, else the normalized text. */
    public String outputText() {
        return redactedText != null ? redactedText : normalizedText;
    }
}
