package io.sluice.pipeline.functions;

import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.pipeline.learning.SliceArm;
import io.sluice.pipeline.learning.SliceInterventionSet;
import io.sluice.pipeline.learning.SliceLearner;
import io.sluice.pipeline.learning.ThompsonLearner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's learner when it learns per slice (one instance: all feedback is keyed to it).
 * Each result of the configured metric is credited by {@link SliceLearner} to the arm in force in
 * each slice it is about, written to the ledger per credited arm with that arm's effect so far, and
 * the credited slices' bandits draw again; when any slice's arm changes, the composed policy (base
 * policy plus every slice's chosen override) is published as a {@link PolicyUpdate} for the job's own
 * live-policy input. The evidence is keyed state, checkpointed with the feedback offsets.
 */
public final class SliceLearnerFunction extends KeyedProcessFunction<Integer, FeedbackEvent, PolicyUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SliceLearnerFunction.class);

    private final SliceInterventionSet set;
    private final long seed;
    private final OutputTag<InterventionRecord> ledger;

    private transient ValueState<SliceLearner.State> evidence;
    private transient Well19937c random;
    private transient Counter ignored;

    public SliceLearnerFunction(SliceInterventionSet set, long seed, OutputTag<InterventionRecord> ledger) {
        this.set = set;
        this.seed = seed;
        this.ledger = ledger;
    }

    @Override
    public void open(OpenContext openContext) {
        evidence = getRuntimeContext().getState(new ValueStateDescriptor<>("slice-learner-evidence",
                TypeInformation.of(SliceLearner.State.class)));
        random = new Well19937c(seed);
        ignored = getRuntimeContext().getMetricGroup().counter("feedbackIgnored");
    }

    @Override
    public void processElement(FeedbackEvent event, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        if (!set.metric().equals(event.getMetric())) {
            ignored.inc();
            return;
        }
        SliceLearner learner = new SliceLearner(set, evidence.value());
        double sign = event.getHigherIsBetter() ? 1.0 : -1.0;
        List<SliceLearner.Credit> credits = learner.observe(event.getInterventionId(), event.getPolicyVersion(),
                event.getSlice(), sign * event.getValue());
        if (credits.isEmpty()) {
            ignored.inc();
            LOG.warn("Feedback {} names no learned arm, no policy version the learner composed, or a slice no learned"
                    + " slice concerns ({} / {} / {}); ignored", event.getEventId(), event.getInterventionId(),
                    event.getPolicyVersion(), event.getSlice());
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        int[] before = learner.current();
        // Until every slice has an arm (the first result, or a slice added to the file since the last
        // checkpoint), no composed policy of this set is in force: the base is the closest description.
        String versionInForce = event.getPolicyVersion() != null ? event.getPolicyVersion()
                : Arrays.stream(before).anyMatch(a -> a < 0) ? set.baseVersion() : set.version(before);
        List<Integer> touched = new ArrayList<>();
        for (SliceLearner.Credit c : credits) {
            SliceArm arm = set.slices().get(c.slice()).arms().get(c.arm());
            ThompsonLearner bandit = learner.learner(c.slice());
            ctx.output(ledger, InterventionRecord.newBuilder()
                    .setInterventionId(arm.id())
                    .setSlice(arm.slice())
                    .setKind(arm.kind())
                    .setDescription(arm.description())
                    .setPolicyVersion(versionInForce)
                    .setMeasuredEffect(sign * bandit.meanReward(c.arm()))
                    .setObservations(bandit.observations(c.arm()))
                    .setRecordedAt(Instant.ofEpochMilli(now))
                    .build());
            touched.add(c.slice());
        }
        if (learner.choose(touched, random)) {
            int[] choice = learner.current();
            SliceInterventionSet.Composed policy = set.compose(choice);
            List<String> changed = new ArrayList<>();
            for (int s = 0; s < choice.length; s++) {
                if (choice[s] != before[s]) {
                    changed.add(set.slices().get(s).arms().get(choice[s]).id());
                }
            }
            out.collect(PolicyUpdate.newBuilder()
                    .setPolicyVersion(policy.version())
                    .setPolicyYaml(policy.yaml())
                    .setPublishedAt(Instant.ofEpochMilli(now))
                    .setAuthor(LearnerFunction.AUTHOR)
                    .setReason(reason(learner, choice, before))
                    .setInterventionId(String.join(",", changed))
                    .build());
        }
        evidence.update(learner.state());
    }

    /** Why: per slice whose arm changed, every arm's evidence on the metric. */
    private String reason(SliceLearner learner, int[] choice, int[] before) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < choice.length; s++) {
            if (choice[s] == before[s]) {
                continue;
            }
            ThompsonLearner bandit = learner.learner(s);
            List<SliceArm> arms = set.slices().get(s).arms();
            sb.append(sb.length() == 0 ? "" : " | ").append(set.slices().get(s).pattern()).append(" -> ")
                    .append(arms.get(choice[s]).id())
                    .append(bandit.observations(choice[s]) < ThompsonLearner.MIN_OBSERVATIONS
                            ? " (exploring: too few results)" : " (Thompson sampling)")
                    .append(" on ").append(set.metric()).append(':');
            for (int a = 0; a < arms.size(); a++) {
                sb.append(String.format(Locale.ROOT, " %s n=%d", arms.get(a).id(), bandit.observations(a)));
                if (bandit.observations(a) > 0) {
                    sb.append(String.format(Locale.ROOT, " mean reward %.4f", bandit.meanReward(a)));
                }
                sb.append(a + 1 < arms.size() ? ";" : "");
            }
        }
        return sb.toString();
    }
}
