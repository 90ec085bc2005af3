package io.sluice.pipeline.functions;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes a side input's records through and keeps its stream idle in event time: it emits no
 * watermark, swallows its upstream's (a source without watermarks still ends with the end of time),
 * and declares itself idle as soon as it opens.
 *
 * <p>For the policy updates, which join the records in two-input operators (the live-policy scorer and
 * the drift detector). A two-input operator's event time is the smaller watermark of its active
 * inputs. Active without a watermark, the updates would hold the records' event time at its start
 * forever. Active at the end of time ({@code Long.MAX_VALUE}, what this operator replaced), they made
 * it jump there the first time the records' input went idle ({@code drift.idleness.ms} without input:
 * a quiet night, a job started before its producers): every open drift window fired at once, every
 * later record was late, and drift stopped until the job restarted. Idle, they are left out: event
 * time follows the records alone, and while those are idle too the operator is idle and its event time
 * stays where it was.
 */
public final class IdleInEventTimeOperator<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void open() throws Exception {
        super.open();
        // From the task's mailbox once it runs: the output is not meant to carry events during open().
        ProcessingTimeService time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime(), timestamp -> output.emitWatermarkStatus(WatermarkStatus.IDLE));
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // Swallowed: this stream has no event time.
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) {
        // Idle whatever the upstream says.
    }
}
