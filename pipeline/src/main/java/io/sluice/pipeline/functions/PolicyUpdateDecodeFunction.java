package io.sluice.pipeline.functions;

import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;

/**
 * Turns records of the policy topic into validated {@link PolicyUpdate}s for the broadcast. A bad
 * update (undecodable bytes, a policy that does not validate, a version that differs from the one
 * in its YAML) is logged with the reason and counted, and the job goes on deciding with the policy
 * in force: a typo in a push must not stop curation. {@code sluice policy push} validates before
 * publishing, so these come from other producers.
 */
public final class PolicyUpdateDecodeFunction extends ControlRecordDecodeFunction<PolicyUpdate> {
    private static final long serialVersionUID = 1L;

    public PolicyUpdateDecodeFunction(CurationSettings settings) {
        super(settings, PolicyUpdate.class, "policyUpdatesRejected");
    }

    /** Why {@code update} cannot be applied, or null when it can. */
    @Override
    String problem(PolicyUpdate update) {
        Policy policy;
        try {
            policy = new PolicyLoader().parse(update.getPolicyYaml(), "policy update " + update.getPolicyVersion());
        } catch (RuntimeException e) {
            return "its policy is invalid: " + e.getMessage();
        }
        if (!policy.version().equals(update.getPolicyVersion())) {
            // Decisions name the YAML's version; an envelope that says otherwise would mislead the audit.
            return "it announces version " + update.getPolicyVersion() + " but its policy is version " + policy.version();
        }
        return null;
    }
}
