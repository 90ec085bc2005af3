package io.sluice.pipeline.learning;

import java.io.Serializable;
import java.util.Objects;

/**
 * One candidate intervention for one slice: an override of the base policy in that slice only (the
 * policy's {@code slices:} syntax: {@code disable} rule codes, {@code quality} thresholds), a target
 * share of the accepted stream for the slice (its weight in the mix: the {@code target_mix} entry
 * that makes the job ask generators for more when the slice falls under it), both, or neither, which
 * keeps the base policy there (the arm every slice's bandit should have, so that "change nothing"
 * competes on equal terms).
 *
 * @param id           unique in the interventions file; feedback events and the ledger name it
 * @param kind         {@code threshold_change}, {@code slice_weight}, ...
 * @param description  what it changes, for the ledger and operators
 * @param slice        the slice pattern ({@code kind/language/domain}) it applies to
 * @param overrideJson the override as JSON, or null for the base policy's rules unchanged
 * @param targetShare  the slice's target share of the accepted stream, or null for the base policy's
 */
public record SliceArm(String id, String kind, String description, String slice, String overrideJson,
                       Double targetShare) implements Serializable {

    public SliceArm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(slice, "slice");
    }
}
