package io.sluice.pipeline.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What a window is compared with: a pinned snapshot that never changes, or a trailing baseline of the
 * last N windows that follows slow change and flags fast change.
 */
public interface DriftReference {

    /** The reference for the next comparison, or null while there is none yet (a baseline warming up). */
    WindowAggregate current();

    /** Called with every window after it was compared; a trailing baseline takes it in. */
    void observe(WindowAggregate window);

    /** For alerts: "trailing baseline of 10 windows" or "pinned: FILE". */
    String describe();

    void write(DataOutput out) throws IOException;

    void read(DataInput in, DriftDimensions dims) throws IOException;
}
