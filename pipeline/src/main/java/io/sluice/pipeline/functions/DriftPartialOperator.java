package io.sluice.pipeline.functions;

import io.sluice.pipeline.drift.DriftConfig;
import io.sluice.pipeline.drift.DriftFeatures;
import io.sluice.pipeline.drift.EventTimeWindows;
import io.sluice.pipeline.drift.WindowAggregate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * The first half of drift: each subtask aggregates its own records per event-time window and, once
 * the watermark passes a window's end, emits one {@link DriftPartial} (or, when its input went idle
 * meanwhile, one more for the records before the pause); {@link DriftDetectorFunction} merges the
 * partials of a window. This is local pre-aggregation: records are never shuffled for
 * drift, only one small partial per subtask and window is, so drift costs little throughput and
 * the merged result does not depend on how records were spread over subtasks.
 *
 * <p>A custom operator rather than a keyed window: it must sit unkeyed and chained right behind the
 * score operator (a keyBy would serialize every record), and it must see the watermark to fire.
 * Late records (their window already fired here) are counted and reported with the next partial.
 * Open windows are operator list state; on rescale, partials of one window may meet in one subtask
 * and are merged.
 */
public final class DriftPartialOperator<T> extends AbstractStreamOperator<DriftPartial>
        implements OneInputStreamOperator<T, DriftPartial> {
    private static final long serialVersionUID = 1L;
    private static final byte WINDOW = 1;
    private static final byte PROGRESS = 2;

    private final DriftConfig config;
    private final DriftRecordFeatures<T> reader;

    private transient EventTimeWindows windows;
    private transient DriftFeatures features;
    private transient ListState<byte[]> state;
    private transient Counter late;

    public DriftPartialOperator(DriftConfig config, DriftRecordFeatures<T> reader) {
        this.config = config;
        this.reader = reader;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        windows = new EventTimeWindows(config);
        features = new DriftFeatures(config.dimensions());
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("drift-open-windows", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            List<WindowAggregate> restored = new ArrayList<>();
            long lateCount = 0;
            long closed = Long.MIN_VALUE;
            for (byte[] entry : state.get()) {
                if (entry[0] == WINDOW) {
                    byte[] agg = new byte[entry.length - 1];
                    System.arraycopy(entry, 1, agg, 0, agg.length);
                    restored.add(WindowAggregate.fromBytes(config.dimensions(), agg));
                } else {
                    ByteBuffer b = ByteBuffer.wrap(entry, 1, 16);
                    lateCount += b.getLong();
                    closed = Math.max(closed, b.getLong());
                }
            }
            windows.restore(restored, lateCount, closed);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        late = getMetricGroup().counter("driftLateRecords");
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        T record = element.getValue();
        long eventTime = reader.eventTime(record);
        if (eventTime == Long.MIN_VALUE) {
            return;
        }
        reader.extract(record, features);
        if (!windows.add(eventTime, reader.id(record), features.categories, features.numerics)) {
            late.inc();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emit(windows.advance(mark.getTimestamp()));
        super.processWatermark(mark);
    }

    /**
     * When this subtask's input goes idle its open windows go out as they are. An idle subtask is left
     * out of event time downstream, so the others' watermarks fire the windows it still holds: what it
     * held back until it became active again came too late and was only counted as late (half of a
     * window's records, when the producer paused in it). The detector merges a window's partials until
     * it fires, so records still to come for these windows go out later as partials of their own.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emit(windows.drainOpen());
        }
        super.processWatermarkStatus(status);
    }

    private void emit(List<WindowAggregate> partials) {
        for (WindowAggregate w : partials) {
            // Timestamped at the window's last millisecond, so downstream timers fire once all partials are in.
            output.collect(new StreamRecord<>(new DriftPartial(w.start(), w.end(), w.count() + w.lateCount(),
                    w.toBytes()), w.end() - 1));
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<byte[]> entries = new ArrayList<>();
        for (WindowAggregate w : windows.openWindows().values()) {
            byte[] agg = w.toBytes();
            byte[] entry = new byte[agg.length + 1];
            entry[0] = WINDOW;
            System.arraycopy(agg, 0, entry, 1, agg.length);
            entries.add(entry);
        }
        entries.add(ByteBuffer.allocate(17).put(PROGRESS).putLong(windows.pendingLate())
                .putLong(windows.closedUpTo()).array());
        state.update(entries);
    }

    /** Open windows of this subtask, for tests that check state is released once windows fire. */
    int openWindowCount() {
        return windows.openWindows().size();
    }

    long pendingLate() {
        return windows.pendingLate();
    }
}
