package io.sluice.pipeline.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tumbling event-time windows driven by a watermark, in plain Java: the open windows of one
 * aggregator (a Flink subtask's partial, or the whole file in {@code sluice drift}).
 *
 * <p>Flink's semantics: a window {@code [start, end)} fires once the watermark reaches
 * {@code end − 1}. A record whose window has already fired is <em>late</em>: it is not mixed into a
 * distribution that was already reported, but counted, and the count is reported with the next
 * window this aggregator fires ({@code late_count}), so nothing is dropped silently.
 */
public final class EventTimeWindows {
    private final DriftConfig config;
    private final long size;
    private final TreeMap<Long, WindowAggregate> open = new TreeMap<>();
    /** Every window ending at or before this has fired. */
    private long closedUpTo = Long.MIN_VALUE;
    private long pendingLate;

    public EventTimeWindows(DriftConfig config) {
        this.config = config;
        this.size = config.window().toMillis();
    }

    /**
     * Adds one record.
     *
     * @return false if it was late (counted, not aggregated)
     */
    public boolean add(long eventTime, String id, String[] categories, double[] numerics) {
        long start = config.windowStart(eventTime);
        if (start + size <= closedUpTo) {
            pendingLate++;
            return false;
        }
        open.computeIfAbsent(start, s -> new WindowAggregate(config.dimensions(), s, s + size))
                .add(id, categories, numerics);
        return true;
    }

    /** Fires, in start order, every window the watermark has passed. */
    public List<WindowAggregate> advance(long watermark) {
        List<WindowAggregate> fired = new ArrayList<>();
        if (watermark == Long.MIN_VALUE) {
            return fired;
        }
        if (watermark == Long.MAX_VALUE) {
            // End of input: everything is complete.
            fired = flush();
            closedUpTo = Long.MAX_VALUE;
            return fired;
        }
        // Windows ending at or before watermark + 1 are complete.
        long boundary = config.windowStart(watermark + 1);
        while (!open.isEmpty() && open.firstKey() + size <= boundary) {
            fired.add(open.pollFirstEntry().getValue());
        }
        closedUpTo = Math.max(closedUpTo, boundary);
        attachLate(fired);
        return fired;
    }

    /**
     * Hands over every open window without closing it, for an aggregator whose input has gone idle:
     * the records so far go out now, as a partial, and records still to come for those windows start
     * new ones, which go out as further partials when the watermark passes. Unlike {@link #advance},
     * nothing becomes late.
     */
    public List<WindowAggregate> drainOpen() {
        List<WindowAggregate> drained = new ArrayList<>(open.values());
        open.clear();
        attachLate(drained);
        return drained;
    }

    /** Fires every open window (end of input); late records with nowhere to go get an empty window. */
    public List<WindowAggregate> flush() {
        List<WindowAggregate> fired = drainOpen();
        if (pendingLate > 0) {
            // Nothing was open to carry the late count.
            long start = closedUpTo == Long.MIN_VALUE ? 0 : closedUpTo;
            fired.add(new WindowAggregate(config.dimensions(), start, start + size));
            attachLate(fired);
        }
        return fired;
    }

    private void attachLate(List<WindowAggregate> fired) {
        if (pendingLate > 0 && !fired.isEmpty()) {
            fired.get(0).addLate(pendingLate);
            pendingLate = 0;
        }
    }

    /** Open windows (for state assertions and for checkpoints). */
    public Map<Long, WindowAggregate> openWindows() {
        return open;
    }

    public long pendingLate() {
        return pendingLate;
    }

    public long closedUpTo() {
        return closedUpTo;
    }

    /** Restores open windows, late count and progress from a checkpoint; merges windows seen twice. */
    public void restore(List<WindowAggregate> windows, long late, long closed) {
        for (WindowAggregate w : windows) {
            WindowAggregate mine = open.get(w.start());
            if (mine == null) {
                open.put(w.start(), w);
            } else {
                mine.merge(w);
            }
        }
        pendingLate += late;
        closedUpTo = Math.max(closedUpTo, closed);
    }
}
