package io.sluice.pipeline.functions;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of the policy topic into validated {@link PolicyUpdate}s for the broadcast. A bad
 * update (undecodable bytes, a policy that does not validate, a version that differs from the one
 * in its YAML) is logged with the reason and counted, and the job goes on deciding with the policy
 * in force: a typo in a push must not stop curation. {@code sluice policy push} validates before
 * publishing, so these come from other producers.
 */
public final class PolicyUpdateDecodeFunction extends ProcessFunction<KafkaInput, PolicyUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyUpdateDecodeFunction.class);

    private final CurationSettings settings;

    private transient SchemaRegistryClient registry;
    private transient ConfluentAvroDecoder<PolicyUpdate> decoder;
    private transient Counter rejected;

    public PolicyUpdateDecodeFunction(CurationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = settings.registry().create();
        decoder = new ConfluentAvroDecoder<>(registry, PolicyUpdate.class);
        rejected = getRuntimeContext().getMetricGroup().counter("policyUpdatesRejected");
    }

    @Override
    public void processElement(KafkaInput in, Context ctx, Collector<PolicyUpdate> out) {
        if (in.value == null || in.value.length == 0) {
            return; // a tombstone: compaction's way of deleting a key, not a policy
        }
        PolicyUpdate update;
        try {
            update = decoder.decode(in.value);
        } catch (SchemaRegistryException e) {
            throw e; // the registry's fault, not the update's: retry from the checkpoint
        } catch (RuntimeException e) {
            reject(in, "it cannot be decoded as a PolicyUpdate: " + e.getMessage());
            return;
        }
        String problem = problem(update);
        if (problem != null) {
            reject(in, problem);
            return;
        }
        out.collect(update);
    }

    /** Why {@code update} cannot be applied, or null when it can. */
    static String problem(PolicyUpdate update) {
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

    private void reject(KafkaInput in, String why) {
        rejected.inc();
        LOG.error("Policy update {} rejected, the policy in force stays: {}", in.coordinates(), why);
    }

    @Override
    public void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
