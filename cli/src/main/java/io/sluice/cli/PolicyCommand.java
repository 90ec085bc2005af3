package io.sluice.cli;

import io.sluice.avro.PolicyUpdate;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.pipeline.config.SluiceJobConfig;
import io.sluice.pipeline.learning.LearnerSettings;
import io.sluice.pipeline.learning.SliceArm;
import io.sluice.pipeline.learning.SliceInterventionSet;
import io.sluice.pipeline.policy.PolicyPublisher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sluice policy validate|push}: checks a policy file, and publishes it to the policy topic,
 * where running jobs (with {@code policy.live=true}, the default) apply it to the records they decide
 * next, without a restart.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate a policy, or push it to running jobs.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Push.class, PolicyCommand.Compose.class})
public final class PolicyCommand {

    /** Exit code of a policy that does not validate. */
    static final int INVALID = 2;

    /** Reads and validates {@code file}; prints every problem and returns null when it is invalid. */
    static PolicyUpdate validated(Path file, String author, String reason) throws Exception {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return PolicyPublisher.validated(yaml, file.toString(), author, reason, Instant.now());
        } catch (RuntimeException e) {
            System.err.println("Invalid policy: " + e.getMessage());
            return null;
        }
    }

    /** Reads and validates a learner interventions file; prints every problem and returns null when it is invalid. */
    static LearnerSettings interventions(Path file, CommandSpec spec) {
        try {
            return LearnerSettings.enabled(file, 1);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("Invalid interventions: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a policy file, or a learner interventions file, with the job's own loader; exit code 2"
                    + " and every problem when it is invalid.")
    static final class Validate implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        /** What to check: exactly one of the two. */
        static final class Target {
            @Option(names = "--file", description = "Policy YAML.")
            Path file;

            @Option(names = "--interventions", description = "The learner's interventions file (learner.interventions):"
                    + " whole policies, or per-slice arms over a base policy, each arm checked composed with it.")
            Path interventions;
        }

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (target.interventions != null) {
                LearnerSettings learner = interventions(target.interventions, spec);
                if (learner == null) {
                    return INVALID;
                }
                if (learner.perSlice()) {
                    SliceInterventionSet set = learner.sliceInterventions();
                    out.printf("Interventions are valid: metric %s, per slice over policy %s:%n", set.metric(), set.baseVersion());
                    for (SliceInterventionSet.Slice slice : set.slices()) {
                        out.printf("  %s: %s%n", slice.pattern(),
                                String.join(", ", slice.arms().stream().map(SliceArm::id).toList()));
                    }
                } else {
                    out.printf("Interventions are valid: metric %s, whole policies: %s%n", learner.interventions().metric(),
                            String.join(", ", learner.interventions().interventions().stream()
                                    .map(i -> i.id() + " (" + i.policyVersion() + ")").toList()));
                }
                out.flush();
                return 0;
            }
            PolicyUpdate update = validated(target.file, null, null);
            if (update == null) {
                return INVALID;
            }
            out.println("Policy " + update.getPolicyVersion() + " is valid.");
            out.flush();
            return 0;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Validate a policy file and publish it to the policy topic; running jobs decide the records"
                    + " they read next with it, and every decision names its version.")
    static final class Push implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--file", required = true, description = "Policy YAML (its version: field names the update).")
        Path file;

        @Option(names = "--author", description = "Who publishes it (default: the user name).")
        String author;

        @Option(names = "--reason", description = "Why, for the audit trail.")
        String reason;

        @Option(names = "--timeout", defaultValue = "30s", description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() throws Exception {
            PolicyUpdate update = validated(file, author != null ? author : System.getProperty("user.name"), reason);
            if (update == null) {
                return INVALID;
            }
            SluiceJobConfig cfg = cluster.load(Map.of());
            Duration wait = Durations.parse(timeout);
            try (SchemaRegistryClient registry = new RestSchemaRegistryClient(cfg.registry())) {
                PolicyPublisher.Published p = PolicyPublisher.publish(cfg.kafka(), registry, cfg.topics().policy(), update, wait);
                System.out.printf("Published policy %s to %s (partition %d, offset %d).%n", p.version(), p.topic(),
                        p.partition(), p.offset());
            }
            return 0;
        }
    }

    /**
     * {@code sluice policy compose}: the policy the per-slice learner would put in force for the given
     * arms, so a candidate can be dry-run with {@code sluice score --policy} on historical data before
     * the learner tries it on the stream, or pushed by hand.
     */
    @Command(name = "compose", mixinStandardHelpOptions = true,
            description = "Write the policy a per-slice interventions file puts in force for the given arms (slices not"
                    + " named keep their first arm), e.g. to dry-run it with `sluice score --policy`.")
    static final class Compose implements Callable<Integer> {
        @Option(names = "--interventions", required = true, description = "A per-slice interventions file (slices:).")
        Path interventions;

        @Option(names = "--arms", split = ",", description = "Arm ids, at most one per slice.")
        List<String> arms = List.of();

        @Option(names = "--out", description = "Write the policy here (default: standard output).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LearnerSettings learner = PolicyCommand.interventions(interventions, spec);
            if (learner == null) {
                return INVALID;
            }
            if (!learner.perSlice()) {
                throw new ParameterException(spec.commandLine(), "--interventions: " + interventions
                        + " lists whole policies (interventions:), which need no composing; give their policy files directly");
            }
            SliceInterventionSet set = learner.sliceInterventions();
            int[] choice = new int[set.slices().size()];
            boolean[] named = new boolean[choice.length];
            Map<String, int[]> byId = set.armsById();
            for (String id : arms) {
                int[] at = byId.get(id.trim());
                if (at == null) {
                    throw new ParameterException(spec.commandLine(), "--arms: unknown arm '" + id + "' (arms: "
                            + String.join(", ", new java.util.TreeSet<>(byId.keySet())) + ")");
                }
                if (named[at[0]]) {
                    throw new ParameterException(spec.commandLine(), "--arms: two arms for slice "
                            + set.slices().get(at[0]).pattern());
                }
                named[at[0]] = true;
                choice[at[0]] = at[1];
            }
            SliceInterventionSet.Composed composed = set.compose(choice);
            if (out == null) {
                spec.commandLine().getOut().print(composed.yaml());
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, composed.yaml(), StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("Wrote policy " + composed.version() + " to " + out);
            }
            return 0;
        }
    }
}
