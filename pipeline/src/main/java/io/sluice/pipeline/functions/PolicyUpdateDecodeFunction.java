package io.sluice.pipeline.functions;

import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.PolicyTopic;

/**
 * Turns records of the policy topic into validated {@link PolicyUpdate}s for the broadcast. A bad
 * update (undecodable bytes, a policy or target mix that does not validate, a version that differs from the one
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
        return PolicyTopic.problem(update);
    }
}
