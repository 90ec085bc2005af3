package io.sluice.pipeline.drift;

import java.io.DataInput;
import java.io.DataOutput;

/** A fixed reference: snapshots of a known-good period, loaded once; it keeps no state of its own. */
public final class PinnedReference implements DriftReference {
    private final WindowAggregate reference;
    private final String origin;

    public PinnedReference(WindowAggregate reference, String origin) {
        this.reference = reference;
        this.origin = origin;
    }

    @Override
    public WindowAggregate current() {
        return reference;
    }

    @Override
    public void observe(WindowAggregate window) {
        // pinned: never moves
    }

    @Override
    public String describe() {
        return "pinned reference " + origin;
    }

    @Override
    public void write(DataOutput out) {
        // Reloaded from its origin on restore, so a checkpoint does not carry a copy.
    }

    @Override
    public void read(DataInput in, DriftDimensions dims) {
    }
}
