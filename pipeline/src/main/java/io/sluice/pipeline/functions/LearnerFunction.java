package io.sluice.pipeline.functions;

import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.learning.Intervention;
import io.sluice.pipeline.learning.InterventionSet;
import io.sluice.pipeline.learning.ThompsonLearner;
import java.time.Instant;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's learner (one instance: all feedback is keyed to it). Each evaluation result of
 * the configured metric is attributed to the intervention that was in force (by its id, or by the
 * policy version it names), added to that intervention's evidence, and written to the ledger with the
 * measured effect so far. Then {@link ThompsonLearner} chooses the intervention to put in force next;
 * when that is not the current one, its policy is published as a {@link PolicyUpdate}, which the
 * job's own live-policy input picks up like an operator's push. The evidence is keyed state,
 * checkpointed with the feedback offsets.
 *
 * <p>The second input is the policy topic's validated updates. Its interventions are whole policies,
 * so an operator's push cannot be combined with them: an operator policy that is none of the
 * interventions' pauses the learner (it keeps crediting results and writing the ledger, and publishes
 * nothing, so the operator's change stays in force), and a push of one of the interventions' policies
 * puts that intervention in force and resumes learning from it. Its own updates are ignored.
 */
public final class LearnerFunction extends KeyedCoProcessFunction<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LearnerFunction.class);
    public static final String AUTHOR = "sluice-learner";

    private final InterventionSet interventions;
    private final long seed;
    private final OutputTag<InterventionRecord> ledger;

    private transient ValueState<ThompsonLearner.State> evidence;
    private transient ValueState<String> current;
    /** The version of the operator policy in force that pauses the learner, or null. */
    private transient ValueState<String> pausedBy;
    private transient Well19937c random;
    private transient Counter ignored;
    private transient Counter operatorPolicies;
    /** 1 while an operator's policy pauses the learner, for the {@code learnerPaused} gauge (set as state is read). */
    private transient volatile int pausedNow;

    public LearnerFunction(InterventionSet interventions, long seed, OutputTag<InterventionRecord> ledger) {
        this.interventions = interventions;
        this.seed = seed;
        this.ledger = ledger;
    }

    @Override
    public void open(OpenContext openContext) {
        evidence = getRuntimeContext().getState(new ValueStateDescriptor<>("learner-evidence",
                TypeInformation.of(ThompsonLearner.State.class)));
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("learner-current-intervention", Types.STRING));
        pausedBy = getRuntimeContext().getState(new ValueStateDescriptor<>("learner-paused-by", Types.STRING));
        random = new Well19937c(seed);
        ignored = getRuntimeContext().getMetricGroup().counter("feedbackIgnored");
        operatorPolicies = getRuntimeContext().getMetricGroup().counter("operatorPoliciesSeen");
        getRuntimeContext().getMetricGroup().gauge("learnerPaused", () -> pausedNow);
    }

    @Override
    public void processElement1(FeedbackEvent event, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        pausedNow = pausedBy.value() != null ? 1 : 0;
        ThompsonLearner learner = new ThompsonLearner(interventions.interventions().size(), evidence.value());
        if (!interventions.metric().equals(event.getMetric())) {
            ignored.inc();
            return;
        }
        int observed = interventions.indexOf(event.getInterventionId(), event.getPolicyVersion());
        if (observed < 0) {
            ignored.inc();
            LOG.warn("Feedback {} names neither a configured intervention nor its policy version ({} / {}); ignored",
                    event.getEventId(), event.getInterventionId(), event.getPolicyVersion());
            return;
        }
        double sign = event.getHigherIsBetter() ? 1.0 : -1.0;
        learner.observe(observed, sign * event.getValue());
        Intervention seen = interventions.interventions().get(observed);
        long now = ctx.timerService().currentProcessingTime();
        ctx.output(ledger, InterventionRecord.newBuilder()
                .setInterventionId(seen.id())
                .setSlice(event.getSlice())
                .setKind(seen.kind())
                .setDescription(seen.description())
                .setPolicyVersion(seen.policyVersion())
                .setMeasuredEffect(sign * learner.meanReward(observed))
                .setObservations(learner.observations(observed))
                .setRecordedAt(Instant.ofEpochMilli(now))
                .build());
        if (pausedBy.value() != null) {
            evidence.update(learner.state()); // an operator's policy is in force: evidence only
            return;
        }

        int next = learner.choose(random);
        Intervention chosen = interventions.interventions().get(next);
        if (!chosen.id().equals(current.value())) {
            out.collect(PolicyUpdate.newBuilder()
                    .setPolicyVersion(chosen.policyVersion())
                    .setPolicyYaml(chosen.policyYaml())
                    .setPublishedAt(Instant.ofEpochMilli(now))
                    .setAuthor(AUTHOR)
                    .setReason(reason(learner, next))
                    .setInterventionId(chosen.id())
                    .build());
            current.update(chosen.id());
        }
        evidence.update(learner.state());
    }

    @Override
    public void processElement2(PolicyUpdate update, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        if (AUTHOR.equals(update.getAuthor())) {
            return; // its own, read back from the topic
        }
        operatorPolicies.inc();
        int pushed = interventions.indexOf(null, update.getPolicyVersion());
        if (pushed >= 0) {
            current.update(interventions.interventions().get(pushed).id());
            pausedBy.clear();
            pausedNow = 0;
            LOG.info("Operator policy {} ({}) is intervention {}: the learner carries on from it",
                    update.getPolicyVersion(), update.getAuthor(), interventions.interventions().get(pushed).id());
            return;
        }
        pausedBy.update(update.getPolicyVersion());
        pausedNow = 1;
        LOG.warn("Operator policy {} ({}) is none of the learner's interventions: the learner records results and"
                + " publishes no policy until an operator pushes one of its interventions' policies",
                update.getPolicyVersion(), update.getAuthor());
    }

    /** Why the learner chose {@code next}: every intervention's evidence on the metric. */
    private String reason(ThompsonLearner learner, int next) {
        StringBuilder sb = new StringBuilder(learner.observations(next) < ThompsonLearner.MIN_OBSERVATIONS
                ? "exploring (too few results)" : "Thompson sampling chose it");
        sb.append(" on ").append(interventions.metric()).append(':');
        for (int i = 0; i < learner.arms(); i++) {
            sb.append(String.format(Locale.ROOT, " %s n=%d", interventions.interventions().get(i).id(), learner.observations(i)));
            if (learner.observations(i) > 0) {
                sb.append(String.format(Locale.ROOT, " mean reward %.4f", learner.meanReward(i)));
            }
            sb.append(i + 1 < learner.arms() ? ";" : "");
        }
        return sb.toString();
    }
}
