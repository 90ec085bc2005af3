package io.sluice.pipeline.learning;

import java.io.Serializable;
import java.util.Objects;

/**
 * A curation intervention the learner may put in force: a whole policy, named. Threshold changes,
 * slice weights (per-slice overrides, {@code target_mix}) and resynthesis budgets are all policy
 * edits, so one candidate policy per intervention covers every kind.
 *
 * @param id            stable id, carried by feedback events ({@code intervention_id}) and the ledger
 * @param kind          {@code threshold_change}, {@code slice_weight}, {@code resynthesis_budget}, ...
 * @param description   what it changes, for the ledger and operators
 * @param policyYaml    the policy document it puts in force
 * @param policyVersion that policy's version (feedback naming only a policy version is attributed by it)
 */
public record Intervention(String id, String kind, String description, String policyYaml, String policyVersion)
        implements Serializable {

    public Intervention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(policyYaml, "policyYaml");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }
}
