package io.sluice.pipeline.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * A pinned reference taken from a chosen window range of the stream itself: windows starting in
 * {@code [from, to)} are merged into the reference (and not judged); later windows are compared with
 * it, and it never moves again.
 */
public final class RangeReference implements DriftReference {
    private final long from;
    private final long to;
    private WindowAggregate reference;
    private boolean complete;

    public RangeReference(long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("reference range must end after it starts: " + from + ".." + to);
        }
        this.from = from;
        this.to = to;
    }

    @Override
    public WindowAggregate current() {
        return complete ? reference : null;
    }

    @Override
    public void observe(WindowAggregate window) {
        if (window.start() >= to) {
            complete = reference != null;
            return;
        }
        if (window.start() >= from) {
            if (reference == null) {
                reference = window.copy(from, to);
            } else {
                reference.merge(window);
            }
            if (window.end() >= to) {
                complete = true;
            }
        }
    }

    @Override
    public String describe() {
        return "pinned windows " + Instant.ofEpochMilli(from) + " .. " + Instant.ofEpochMilli(to);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeBoolean(complete);
        out.writeBoolean(reference != null);
        if (reference != null) {
            byte[] bytes = reference.toBytes();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public void read(DataInput in, DriftDimensions dims) throws IOException {
        complete = in.readBoolean();
        if (in.readBoolean()) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            reference = WindowAggregate.fromBytes(dims, bytes);
        } else {
            reference = null;
        }
    }
}
