package io.sluice.pipeline.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last {@code size} windows, merged, lagging {@code lag} windows behind. A window is compared
 * before it joins, so a sudden shift is measured against the past only; the lag (raise-after − 1 by
 * default) keeps the first shifted windows out until the alert could have been raised, so the
 * alert reports "2% → 19%" rather than a baseline already diluted by the shift. A lasting shift is
 * absorbed after a few windows, which is what clears its alert (a pinned reference keeps it raised).
 *
 * <p>Judged only once it holds at least {@code minWindows} windows, so the first windows of a job
 * are not compared with a one-window "baseline".
 */
public final class TrailingBaseline implements DriftReference {
    private final int size;
    private final int minWindows;
    private final int lag;
    private final Deque<WindowAggregate> pending = new ArrayDeque<>();
    private final Deque<WindowAggregate> windows = new ArrayDeque<>();
    private WindowAggregate merged;

    public TrailingBaseline(int size, int minWindows, int lag) {
        if (size < 1 || minWindows < 1 || minWindows > size || lag < 0) {
            throw new IllegalArgumentException("baseline needs 1 <= min windows <= size and lag >= 0, got "
                    + minWindows + ", " + size + ", " + lag);
        }
        this.size = size;
        this.minWindows = minWindows;
        this.lag = lag;
    }

    @Override
    public WindowAggregate current() {
        if (windows.size() < minWindows) {
            return null;
        }
        if (merged == null) {
            WindowAggregate first = windows.peekFirst();
            merged = new WindowAggregate(first.dimensions(), first.start(), windows.peekLast().end());
            windows.forEach(merged::merge);
        }
        return merged;
    }

    @Override
    public void observe(WindowAggregate window) {
        pending.addLast(window);
        while (pending.size() > lag) {
            windows.addLast(pending.removeFirst());
        }
        while (windows.size() > size) {
            windows.removeFirst();
        }
        merged = null;
    }

    @Override
    public String describe() {
        return "trailing baseline of " + size + " windows" + (lag > 0 ? " (lag " + lag + ")" : "");
    }

    public int windowsHeld() {
        return windows.size();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        writeAll(out, pending);
        writeAll(out, windows);
    }

    private static void writeAll(DataOutput out, Deque<WindowAggregate> ws) throws IOException {
        out.writeInt(ws.size());
        for (WindowAggregate w : ws) {
            byte[] bytes = w.toBytes();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public void read(DataInput in, DriftDimensions dims) throws IOException {
        merged = null;
        readAll(in, dims, pending);
        readAll(in, dims, windows);
    }

    private static void readAll(DataInput in, DriftDimensions dims, Deque<WindowAggregate> into) throws IOException {
        into.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            into.addLast(WindowAggregate.fromBytes(dims, bytes));
        }
    }
}
