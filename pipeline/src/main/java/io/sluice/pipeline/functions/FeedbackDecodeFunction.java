package io.sluice.pipeline.functions;

import io.sluice.avro.FeedbackEvent;
import io.sluice.pipeline.CurationSettings;

/** Decodes feedback events; one that cannot be decoded is logged with its coordinates and counted, never fatal. */
public final class FeedbackDecodeFunction extends ControlRecordDecodeFunction<FeedbackEvent> {
    private static final long serialVersionUID = 1L;

    public FeedbackDecodeFunction(CurationSettings settings) {
        super(settings, FeedbackEvent.class, "feedbackRejected");
    }

    @Override
    String problem(FeedbackEvent event) {
        return Double.isFinite(event.getValue()) ? null : "its value is not a finite number: " + event.getValue();
    }
}
