package io.sluice.pipeline.functions;

import io.sluice.avro.FeedbackEvent;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.learning.ThompsonLearner;

/** Decodes feedback events; one that cannot be decoded is logged with its coordinates and counted, never fatal. */
public final class FeedbackDecodeFunction extends ControlRecordDecodeFunction<FeedbackEvent> {
    private static final long serialVersionUID = 1L;

    public FeedbackDecodeFunction(CurationSettings settings) {
        super(settings, FeedbackEvent.class, "feedbackRejected");
    }

    @Override
    String problem(FeedbackEvent event) {
        double value = event.getValue();
        if (!Double.isFinite(value)) {
            return "its value is not a finite number: " + value;
        }
        if (Math.abs(value) > ThompsonLearner.MAX_ABS_REWARD) {
            return "its value " + value + " is beyond ±" + ThompsonLearner.MAX_ABS_REWARD
                    + ", which no evaluation metric reaches (a unit or sentinel bug in the evaluator?)";
        }
        return null;
    }
}
