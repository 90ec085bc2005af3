package io.sluice.pipeline.learning;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The learner's configuration ({@code learner.interventions=FILE}): the downstream metric it
 * optimizes and the interventions it chooses among, each a policy file validated like any policy.
 *
 * <pre>
 * metric: val_accuracy            # feedback events with another metric are ignored
 * interventions:
 *   - id: baseline
 *     kind: threshold_change
 *     description: the shipped policy
 *     policy_file: default        # the policy in the jar, or a path relative to this file
 *   - id: stricter-fineweb
 *     kind: threshold_change
 *     description: FineWeb line punctuation ratio 0.12 -> 0.2
 *     policy_file: stricter-fineweb.yaml
 * </pre>
 *
 * @param metric        the feedback metric the learner optimizes
 * @param interventions the candidates, in file order
 */
public record InterventionSet(String metric, List<Intervention> interventions) implements Serializable {

    public InterventionSet {
        interventions = List.copyOf(interventions);
    }

    /** Validates a parsed file of whole-policy interventions ({@code interventions:}). */
    static InterventionSet parse(JsonNode root, Path file) {
        String origin = file.toString();
        List<String> errors = new ArrayList<>();
        String metric = text(root, "metric", "", errors);
        List<Intervention> interventions = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("interventions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add("interventions: a list of at least one {id, kind, description, policy_file} is required");
        } else {
            Set<String> ids = new HashSet<>();
            Set<String> versions = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "interventions[" + i + "].";
                JsonNode item = list.get(i);
                String id = text(item, "id", at, errors);
                String kind = text(item, "kind", at, errors);
                String description = text(item, "description", at, errors);
                String policyFile = text(item, "policy_file", at, errors);
                if (id != null && !ids.add(id)) {
                    errors.add(at + "id: '" + id + "' is used twice");
                }
                if (policyFile == null) {
                    continue;
                }
                try {
                    String yaml = readPolicy(file, policyFile);
                    Policy policy = new PolicyLoader().parse(yaml, policyFile);
                    if (!versions.add(policy.version())) {
                        // Feedback naming only a policy version must point at one intervention.
                        errors.add(at + "policy_file: version '" + policy.version() + "' is used by another intervention");
                    }
                    if (id != null && kind != null && description != null) {
                        interventions.add(new Intervention(id, kind, description, yaml, policy.version()));
                    }
                } catch (InvalidPolicyException e) {
                    errors.add(at + "policy_file: " + e.getMessage());
                } catch (IOException e) {
                    errors.add(at + "policy_file: cannot read " + policyFile + ": " + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(origin, errors);
        }
        return new InterventionSet(metric, interventions);
    }

    /** The index of the intervention with this id, or of the one putting this policy version in force; -1 if none. */
    public int indexOf(String interventionId, String policyVersion) {
        for (int i = 0; i < interventions.size(); i++) {
            if (interventionId != null ? interventions.get(i).id().equals(interventionId)
                    : interventions.get(i).policyVersion().equals(policyVersion)) {
                return i;
            }
        }
        return -1;
    }

    /** The policy {@code name} names in interventions file {@code file}: {@code default} or a relative path. */
    static String readPolicy(Path file, String name) throws IOException {
        return name.equals("default") ? PolicyLoader.defaultPolicyYaml() : Files.readString(resolve(file, name), StandardCharsets.UTF_8);
    }

    private static Path resolve(Path file, String policyFile) {
        Path p = Path.of(policyFile);
        return p.isAbsolute() || file.getParent() == null ? p : file.getParent().resolve(p);
    }

    static String text(JsonNode node, String field, String at, List<String> errors) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            errors.add(at + field + ": required");
            return null;
        }
        return value.asText();
    }
}
