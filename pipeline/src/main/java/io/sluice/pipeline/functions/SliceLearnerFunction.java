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
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's learner when it learns per slice (one instance: all feedback and the policy
 * topic's updates are keyed to it).
 * Each result of the configured metric is credited by {@link SliceLearner} to the arm in force in
 * each slice it is about, written to the ledger per credited arm with that arm's effect so far, and
 * the credited slices' bandits draw again; when any slice's arm changes, the composed policy (base
 * policy plus every slice's chosen override) is published as a {@link PolicyUpdate} for the job's own
 * live-policy input. The evidence is keyed state, checkpointed with the feedback offsets.
 *
 * <p>The second input is the policy topic's validated updates, so that an operator's push is not
 * undone by the learner's next update:
 * <ul>
 *   <li>an operator's own policy becomes the base the learner builds on ({@link OperatorBase}): at
 *       once, when every slice has an arm, the learner publishes that policy plus its choices
 *       ({@code ops-7+learned:de-strict,en-as-is}), so the operator's change and the learned
 *       overrides are both in force; the base stays the operator's until the next push, or until
 *       the interventions file's own base changes (a restart with an edited file wins);</li>
 *   <li>an operator's push of a composition of this learner's arms ({@code sluice policy compose})
 *       puts those arms in force: the learner carries on from them;</li>
 *   <li>a policy some arm cannot be composed onto (it lacks a rule an arm disables, its target mix
 *       and an arm's share add up to more than 1, a version composed for other arms) pauses the
 *       learner: it keeps crediting results and writing the ledger, and publishes nothing until an
 *       operator pushes a policy it can build on.</li>
 * </ul>
 * Its own updates, read back from the topic, are ignored.
 */
public final class SliceLearnerFunction extends KeyedCoProcessFunction<Integer, FeedbackEvent, PolicyUpdate, PolicyUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SliceLearnerFunction.class);

    private final SliceInterventionSet set;
    private final long seed;
    private final OutputTag<InterventionRecord> ledger;

    private transient ValueState<SliceLearner.State> evidence;
    private transient ValueState<OperatorBase> operatorBase;
    private transient Well19937c random;
    private transient Counter ignored;
    /** 1 while an operator's policy pauses the learner, for the {@code learnerPaused} gauge (set as state is read). */
    private transient volatile int pausedNow;
    private transient Counter operatorPolicies;

    public SliceLearnerFunction(SliceInterventionSet set, long seed, OutputTag<InterventionRecord> ledger) {
        this.set = set;
        this.seed = seed;
        this.ledger = ledger;
    }

    @Override
    public void open(OpenContext openContext) {
        evidence = getRuntimeContext().getState(new ValueStateDescriptor<>("slice-learner-evidence",
                TypeInformation.of(SliceLearner.State.class)));
        operatorBase = getRuntimeContext().getState(new ValueStateDescriptor<>("slice-learner-operator-base",
                TypeInformation.of(OperatorBase.class)));
        random = new Well19937c(seed);
        ignored = getRuntimeContext().getMetricGroup().counter("feedbackIgnored");
        getRuntimeContext().getMetricGroup().gauge("learnerPaused", () -> pausedNow);
        operatorPolicies = getRuntimeContext().getMetricGroup().counter("operatorPoliciesSeen");
    }

    /**
     * The operator base in force, or null for the file's. One adopted before the interventions file's
     * base changed is dropped: editing the file and restarting is the other way to change the base,
     * and the later decision wins.
     */
    private OperatorBase currentBase() throws Exception {
        OperatorBase base = operatorBase.value();
        if (base != null && !set.baseVersion().equals(base.fileBaseVersion)) {
            LOG.info("The interventions file's base policy is now {} (was {} when operator policy {} was adopted);"
                    + " building on the file's again", set.baseVersion(), base.fileBaseVersion, base.version);
            operatorBase.clear();
            base = null;
        }
        pausedNow = base != null && base.pausedBy != null ? 1 : 0;
        return base;
    }

    /** The set composing the policy in force: the file's, or built on the adopted operator policy. */
    private SliceInterventionSet effective(OperatorBase base) {
        return base == null || base.yaml == null ? set : set.withBase(base.yaml, base.version);
    }

    @Override
    public void processElement1(FeedbackEvent event, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        if (!set.metric().equals(event.getMetric())) {
            ignored.inc();
            return;
        }
        OperatorBase base = currentBase();
        SliceInterventionSet composing = effective(base);
        SliceLearner learner = new SliceLearner(composing, evidence.value());
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
                : Arrays.stream(before).anyMatch(a -> a < 0) ? composing.baseVersion() : composing.version(before);
        List<Integer> touched = new ArrayList<>();
        for (SliceLearner.Credit c : credits) {
            SliceArm arm = composing.slices().get(c.slice()).arms().get(c.arm());
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
        if (base != null && base.pausedBy != null) {
            // An operator's policy is in force that no arm can be composed onto: evidence only.
            evidence.update(learner.state());
            return;
        }
        if (learner.choose(touched, random)) {
            int[] choice = learner.current();
            SliceInterventionSet.Composed policy = composing.compose(choice);
            List<String> changed = new ArrayList<>();
            for (int s = 0; s < choice.length; s++) {
                if (choice[s] != before[s]) {
                    changed.add(composing.slices().get(s).arms().get(choice[s]).id());
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

    @Override
    public void processElement2(PolicyUpdate update, Context ctx, Collector<PolicyUpdate> out) throws Exception {
        if (LearnerFunction.AUTHOR.equals(update.getAuthor())) {
            return; // its own, read back from the topic
        }
        operatorPolicies.inc();
        OperatorBase base = currentBase();
        SliceLearner learner = new SliceLearner(effective(base), evidence.value());
        String version = update.getPolicyVersion();
        int[] composed = set.decode(version);
        if (composed != null) {
            // A composition of these arms (sluice policy compose, then push): carry on from it. Its base
            // is the file's or the adopted one; the learner keeps building on the latter until a push
            // of a plain policy replaces it.
            learner.force(composed);
            evidence.update(learner.state());
            if (base != null && base.pausedBy != null) {
                base.pausedBy = null;
                operatorBase.update(base);
                pausedNow = 0;
            }
            LOG.info("Operator policy {} ({}) puts learned arms in force; the learner carries on from them", version,
                    update.getAuthor());
            return;
        }
        SliceInterventionSet candidate = version.contains(SliceInterventionSet.LEARNED_MARK) ? null
                : set.withBase(update.getPolicyYaml(), version);
        List<String> errors = candidate == null
                ? List.of("its version names arms this learner does not have")
                : candidate.compositionErrors();
        if (!errors.isEmpty()) {
            OperatorBase paused = base != null ? base : new OperatorBase();
            paused.fileBaseVersion = set.baseVersion();
            paused.pausedBy = version;
            operatorBase.update(paused);
            pausedNow = 1;
            LOG.warn("Operator policy {} ({}) is in force, and the learner cannot build on it: {}. It records results"
                    + " and publishes no policy until an operator pushes one it can build on", version,
                    update.getAuthor(), String.join("; ", errors));
            return;
        }
        OperatorBase adopted = new OperatorBase();
        adopted.yaml = update.getPolicyYaml();
        adopted.version = version;
        adopted.author = update.getAuthor();
        adopted.fileBaseVersion = set.baseVersion();
        operatorBase.update(adopted);
        pausedNow = 0;
        int[] choice = learner.current();
        if (Arrays.stream(choice).anyMatch(a -> a < 0)) {
            LOG.info("Operator policy {} ({}) is the learner's base from now on", version, update.getAuthor());
            return; // nothing learned yet: the operator's policy stays in force as pushed
        }
        SliceInterventionSet.Composed policy = candidate.compose(choice);
        StringBuilder kept = new StringBuilder();
        for (int s = 0; s < choice.length; s++) {
            kept.append(s == 0 ? "" : ", ").append(set.slices().get(s).pattern()).append(" -> ")
                    .append(set.slices().get(s).arms().get(choice[s]).id());
        }
        out.collect(PolicyUpdate.newBuilder()
                .setPolicyVersion(policy.version())
                .setPolicyYaml(policy.yaml())
                .setPublishedAt(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()))
                .setAuthor(LearnerFunction.AUTHOR)
                .setReason("built on operator policy " + version + " (pushed by " + update.getAuthor()
                        + "); learned choices kept: " + kept)
                .setInterventionId(null)
                .build());
    }

    /**
     * A Flink POJO: the operator policy the learner builds on (null yaml: the file's base), the file's
     * base version when it was adopted, and the version of an operator policy that paused the learner.
     */
    public static class OperatorBase {
        public String yaml;
        public String version;
        public String author;
        public String fileBaseVersion;
        /** The operator policy in force that no arm can be composed onto, or null when not paused. */
        public String pausedBy;

        public OperatorBase() {}
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
