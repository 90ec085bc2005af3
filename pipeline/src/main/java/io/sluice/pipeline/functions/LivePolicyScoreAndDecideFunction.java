package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores and routes records like {@link ScoreAndDecideFunction}, with a policy that operators (or the
 * learner) replace while the job runs: updates from the policy topic arrive on the broadcast input,
 * every parallel instance keeps the latest in broadcast state (so it survives restarts and is
 * checkpointed with the records it decided), and each record is decided by the policy in force when
 * it is processed; its decision names that policy's version.
 *
 * <p>Until the first update arrives the policy given at start (the {@code policy.file} or the
 * default) decides. Updates are validated before they are broadcast ({@link PolicyUpdateDecodeFunction});
 * one that still fails to load here is logged and counted, and the policy in force stays.
 */
public final class LivePolicyScoreAndDecideFunction
        extends BroadcastProcessFunction<NormalizedRecord, PolicyUpdate, CuratedRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LivePolicyScoreAndDecideFunction.class);

    /** The latest policy update (see {@link LatestPolicyUpdate}): the same on every parallel instance. */
    public static final MapStateDescriptor<String, PolicyUpdate> POLICY_STATE = LatestPolicyUpdate.STATE;

    private final CurationSettings settings;
    private final OutputTag<CuratedRecord> quarantined;
    private final OutputTag<ResynthesisRequest> resynthesis;

    private transient RecordRouter router;
    private transient LatestPolicyUpdate policyUpdates;
    private transient Counter policiesApplied;
    private transient Counter policiesRejected;

    public LivePolicyScoreAndDecideFunction(CurationSettings settings, OutputTag<CuratedRecord> quarantined,
            OutputTag<ResynthesisRequest> resynthesis) {
        this.settings = settings;
        this.quarantined = quarantined;
        this.resynthesis = resynthesis;
    }

    @Override
    public void open(OpenContext openContext) {
        NltkEnglishTokenizer.preloadModelsInBackground();
        var metrics = getRuntimeContext().getMetricGroup();
        router = new RecordRouter(settings, new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin()), metrics);
        policiesApplied = metrics.counter("policyUpdatesApplied");
        policiesRejected = metrics.counter("policyUpdatesRejected");
        policyUpdates = new LatestPolicyUpdate(this::apply);
    }

    @Override
    public void processElement(NormalizedRecord in, ReadOnlyContext ctx, Collector<CuratedRecord> out) throws Exception {
        policyUpdates.follow(ctx.getBroadcastState(POLICY_STATE));
        CuratedRecord curated = router.decide(in);
        switch (curated.getDecision().getRoute()) {
            case ACCEPTED -> out.collect(curated);
            case QUARANTINED -> ctx.output(quarantined, curated);
            case RESYNTHESIS -> ctx.output(resynthesis, router.repairRequest(curated));
        }
    }

    @Override
    public void processBroadcastElement(PolicyUpdate update, Context ctx, Collector<CuratedRecord> out) throws Exception {
        policyUpdates.accept(ctx.getBroadcastState(POLICY_STATE), update);
    }

    private void apply(PolicyUpdate update) {
        Policy policy;
        try {
            policy = new PolicyLoader().parse(update.getPolicyYaml(), "policy update " + update.getPolicyVersion());
        } catch (InvalidPolicyException | IllegalArgumentException e) {
            policiesRejected.inc();
            LOG.error("Policy update {} cannot be loaded, policy {} stays in force: {}", update.getPolicyVersion(),
                    router.policyVersion(), e.getMessage());
            return;
        }
        String before = router.policyVersion();
        router.usePolicy(policy);
        policiesApplied.inc();
        LOG.info("Policy {} replaces {} (published {} by {}: {})", policy.version(), before, update.getPublishedAt(),
                update.getAuthor(), update.getReason());
    }
}
