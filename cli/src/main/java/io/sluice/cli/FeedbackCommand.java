package io.sluice.cli;

import io.sluice.avro.FeedbackEvent;
import io.sluice.connectors.kafka.SingleRecordPublisher;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.learning.ThompsonLearner;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sluice feedback}: publishes one downstream evaluation result to the feedback topic, where
 * the job's learner ({@code learner.enabled=true}) credits it to the intervention it names, or to the
 * arms of the policy version it names, and chooses what to put in force next. For evaluation
 * pipelines that would rather run a command than write an Avro producer.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Publish a downstream evaluation result (metric and value of a model trained on Sluice's output)"
                + " for the learner; it names the intervention or the policy version that produced the training data.")
final class FeedbackCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Attribution attribution;

    /** What produced the evaluated training data: exactly one of the two. */
    static final class Attribution {
        @Option(names = "--intervention", description = "The intervention (or per-slice arm) id in force.")
        String interventionId;

        @Option(names = "--policy-version", description = "The policy version that decided the training data"
                + " (every output record names it).")
        String policyVersion;
    }

    @Option(names = "--metric", required = true, description = "The metric, e.g. val_accuracy (the learner ignores"
            + " metrics other than its configured one).")
    String metric;

    @Option(names = "--value", required = true, description = "The metric's value.")
    double value;

    @Option(names = "--lower-is-better", description = "The metric improves downwards (a loss, a perplexity).")
    boolean lowerIsBetter;

    @Option(names = "--slice", description = "The slice the evaluation is about: a slice key (synthetic/de/wiki) or"
            + " pattern (synthetic/de/*); none: the whole output.")
    String slice;

    @Option(names = "--model-id", description = "The evaluated model, for the record.")
    String modelId;

    @Option(names = "--event-id", description = "Id of this result (default: a random UUID); the message key.")
    String eventId;

    @Option(names = "--timeout", defaultValue = "30s", description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Double.isFinite(value) || Math.abs(value) > ThompsonLearner.MAX_ABS_REWARD) {
            throw new ParameterException(spec.commandLine(), "--value must be a finite number within ±"
                    + ThompsonLearner.MAX_ABS_REWARD + ", not " + value);
        }
        FeedbackEvent event = FeedbackEvent.newBuilder()
                .setEventId(eventId != null ? eventId : UUID.randomUUID().toString())
                .setInterventionId(attribution.interventionId)
                .setPolicyVersion(attribution.policyVersion)
                .setSlice(slice)
                .setMetric(metric)
                .setValue(value)
                .setHigherIsBetter(!lowerIsBetter)
                .setModelId(modelId)
                .setEvaluatedAt(Instant.now())
                .build();
        SluiceJobConfig cfg = cluster.load(Map.of());
        try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
            SingleRecordPublisher.Published p = SingleRecordPublisher.publish(cfg.kafka(), registry,
                    cfg.topics().feedback(), event.getEventId(), event, FeedbackEvent.class, Durations.parse(timeout));
            spec.commandLine().getOut().printf("Published feedback %s (%s = %s) to %s (partition %d, offset %d).%n",
                    event.getEventId(), metric, value, p.topic(), p.partition(), p.offset());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
