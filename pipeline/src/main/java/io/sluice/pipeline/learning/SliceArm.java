package io.sluice.pipeline.learning;

import java.io.Serializable;
import java.util.Objects;

/**
 * One candidate intervention for one slice: an override of the base policy in that slice only (the
 * policy's {@code slices:} syntax: {@code disable} rule codes, {@code quality} thresholds), or none,
 * which keeps the base policy there (the arm every slice's bandit should have, so that "change
 * nothing" competes on equal terms).
 *
 * @param id           unique in the interventions file; feedback events and the ledger name it
 * @param kind         {@code threshold_change}, {@code slice_weight}, ...
 * @param description  what it changes, for the ledger and operators
 * @param slice        the slice pattern ({@code kind/language/domain}) it applies to
 * @param overrideJson the override as JSON, or null for the base policy unchanged
 */
public record SliceArm(String id, String kind, String description, String slice, String overrideJson)
        implements Serializable {

    public SliceArm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(slice, "slice");
    }
}
