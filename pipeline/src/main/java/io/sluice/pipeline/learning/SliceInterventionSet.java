package io.sluice.pipeline.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.policy.SliceOverride;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-slice learning's configuration: the metric, a base policy, and for each slice pattern the arms
 * its own bandit chooses among. The policy in force is the base policy with each slice's chosen
 * override added to its {@code slices:} section, so slices learn independently (the German synthetic
 * slice may need a stricter FineWeb threshold while the English one does not) and one policy document
 * still decides every record, auditable by its version.
 *
 * <pre>
 * metric: val_accuracy
 * base_policy: default                # or a policy file relative to this one
 * slices:
 *   "synthetic/de/*":
 *     - { id: de-as-is, kind: threshold_change, description: the base policy }
 *     - id: de-strict-punct
 *       kind: threshold_change
 *       description: FineWeb line_punct_ratio 0.12 -> 0.2 for German synthetic text
 *       override: { quality: { fineweb: { line_punct_ratio: 0.2 } } }
 *     - { id: de-more, kind: slice_weight, description: 15% German, target_share: 0.15 }
 * </pre>
 *
 * <p>The composed policy's version is the base version, {@code +learned:}, and the chosen arm ids in
 * slice order ({@code 2026.11-default-5+learned:de-strict-punct,en-as-is}): every decision names the
 * arms that made it, and feedback that names only a policy version is attributed by decoding it.
 *
 * @param metric      the feedback metric the learner optimizes
 * @param basePolicyYaml the policy the overrides are added to
 * @param baseVersion that policy's version
 * @param slices      the learned slices, in file order, each with its arms in file order
 */
public record SliceInterventionSet(String metric, String basePolicyYaml, String baseVersion, List<Slice> slices)
        implements Serializable {

    /** Marks a composed policy version: what follows it is the chosen arm ids. */
    public static final String LEARNED_MARK = "+learned:";
    private static final Pattern ARM_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> TOP_KEYS = Set.of("metric", "base_policy", "slices");
    private static final Set<String> ARM_KEYS = Set.of("id", "kind", "description", "override", "target_share");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One learned slice.
     *
     * @param pattern the slice pattern as the policy writes it (lower case)
     * @param arms    its candidates
     */
    public record Slice(String pattern, List<SliceArm> arms) implements Serializable {
        public Slice {
            arms = List.copyOf(arms);
        }

        /** True when feedback about {@code slice} (a slice key or this very pattern) concerns this slice. */
        public boolean concerns(String slice) {
            String s = slice.trim().toLowerCase(Locale.ROOT);
            if (s.equals(pattern)) {
                return true;
            }
            String[] seg = pattern.split("/", -1);
            return new SliceOverride(seg[0], seg[1], seg[2], Set.of()).matches(s);
        }
    }

    /** A composed policy: its YAML and version. */
    public record Composed(String yaml, String version) {}

    public SliceInterventionSet {
        slices = List.copyOf(slices);
    }

    /** True when the interventions file {@code root} is of this form (a {@code slices:} section). */
    public static boolean isSliceForm(JsonNode root) {
        return root != null && root.has("slices");
    }

    /** Parses and validates an interventions file of this form; every problem is named with its path. */
    static SliceInterventionSet parse(JsonNode root, String origin, PolicySource policies) {
        List<String> errors = new ArrayList<>();
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!TOP_KEYS.contains(key)) {
                errors.add(key + ": unknown key (expected: base_policy, metric, slices; a file has either"
                        + " interventions: or base_policy: and slices:)");
            }
        }
        String metric = InterventionSet.text(root, "metric", "", errors);
        String baseFile = InterventionSet.text(root, "base_policy", "", errors);
        String baseYaml = null;
        String baseVersion = null;
        if (baseFile != null) {
            try {
                baseYaml = policies.read(baseFile);
                baseVersion = new PolicyLoader().parse(baseYaml, baseFile).version();
                if (baseVersion.contains(LEARNED_MARK)) {
                    errors.add("base_policy: its version must not contain '" + LEARNED_MARK + "'");
                }
            } catch (InvalidPolicyException e) {
                errors.add("base_policy: " + e.getMessage());
                baseYaml = null;
            } catch (IOException e) {
                errors.add("base_policy: cannot read " + baseFile + ": " + e.getMessage());
                baseYaml = null;
            }
        }
        List<Slice> slices = new ArrayList<>();
        JsonNode node = root.get("slices");
        if (!node.isObject() || node.isEmpty()) {
            errors.add("slices: a mapping from slice pattern (kind/language/domain) to a list of arms is required");
        } else {
            Set<String> ids = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "slices[\"" + e.getKey() + "\"]";
                String pattern = e.getKey().trim().toLowerCase(Locale.ROOT);
                String patternError = PolicyLoader.slicePatternError(pattern);
                if (patternError != null) {
                    errors.add(path + ": " + patternError);
                    continue;
                }
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    errors.add(path + ": a non-empty list of arms {id, kind, description, override} is required");
                    continue;
                }
                List<SliceArm> arms = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    String at = path + "[" + i + "].";
                    JsonNode item = e.getValue().get(i);
                    int before = errors.size();
                    if (item.isObject()) {
                        Iterator<String> names = item.fieldNames();
                        while (names.hasNext()) {
                            String name = names.next();
                            if (!ARM_KEYS.contains(name)) {
                                errors.add(at + name + ": unknown key (expected: description, id, kind, override,"
                                        + " target_share)");
                            }
                        }
                    }
                    String id = InterventionSet.text(item, "id", at, errors);
                    String kind = InterventionSet.text(item, "kind", at, errors);
                    String description = InterventionSet.text(item, "description", at, errors);
                    if (id != null && !ARM_ID.matcher(id).matches()) {
                        // Arm ids are joined into policy versions: no separators, no spaces.
                        errors.add(at + "id: '" + id + "' may only contain letters, digits, '.', '_' and '-'");
                    } else if (id != null && !ids.add(id)) {
                        errors.add(at + "id: '" + id + "' is used twice");
                    }
                    JsonNode override = item.get("override");
                    if (override != null && !override.isObject()) {
                        errors.add(at + "override: must be a slice override such as { disable: [rule_code] } or"
                                + " { quality: { fineweb: { line_punct_ratio: 0.2 } } }");
                        override = null;
                    }
                    JsonNode share = item.get("target_share");
                    if (share != null && (!share.isNumber() || share.asDouble() <= 0 || share.asDouble() >= 1)) {
                        errors.add(at + "target_share: must be a share of the accepted stream between 0 and 1"
                                + " (exclusive), not " + share);
                        share = null;
                    }
                    if (errors.size() == before) {
                        arms.add(new SliceArm(id, kind, description, pattern,
                                override == null || override.isEmpty() ? null : override.toString(),
                                share == null ? null : share.asDouble()));
                    }
                }
                slices.add(new Slice(pattern, arms));
            }
        }
        if (errors.isEmpty()) {
            // Each override must make a valid policy with the base (unknown rule codes, checks, values).
            SliceInterventionSet set = new SliceInterventionSet(metric, baseYaml, baseVersion, slices);
            errors.addAll(set.compositionErrors());
            if (errors.isEmpty()) {
                return set;
            }
        }
        throw new InvalidPolicyException(origin, errors);
    }

    /** Reads a policy named in an interventions file ({@code default} or a path). */
    @FunctionalInterface
    interface PolicySource {
        String read(String name) throws IOException;
    }

    /** The number of arms of slice {@code s}. */
    public int arms(int s) {
        return slices.get(s).arms().size();
    }

    /** The version of the policy putting arm {@code choice[s]} in force in each slice {@code s}. */
    public String version(int[] choice) {
        StringBuilder sb = new StringBuilder(baseVersion).append(LEARNED_MARK);
        for (int s = 0; s < slices.size(); s++) {
            sb.append(s == 0 ? "" : ",").append(slices.get(s).arms().get(choice[s]).id());
        }
        return sb.toString();
    }

    /**
     * The arm each slice had in the composed policy {@code version}, or null when the version is not
     * a composition of this set's arms (an operator's own policy, slices added or removed since). The
     * base before {@link #LEARNED_MARK} may be any policy's: an arm is named by its id, and a result
     * measured while the learner built on an operator's policy ({@link #withBase}) or on the file's
     * is evidence about the same arm.
     */
    public int[] decode(String version) {
        int mark = version == null ? -1 : version.indexOf(LEARNED_MARK);
        if (mark < 0) {
            return null;
        }
        String[] ids = version.substring(mark + LEARNED_MARK.length()).split(",", -1);
        if (ids.length != slices.size()) {
            return null;
        }
        int[] choice = new int[ids.length];
        for (int s = 0; s < ids.length; s++) {
            choice[s] = indexOf(s, ids[s]);
            if (choice[s] < 0) {
                return null;
            }
        }
        return choice;
    }

    /**
     * The arm each slice has while the base policy alone is in force: its one arm that changes nothing
     * (no override, no target share), or -1 for a slice with none or several. A result measured under
     * the base, before the learner's first update or right after an operator's push, is evidence
     * about exactly those arms.
     */
    public int[] baseArms() {
        int[] arms = new int[slices.size()];
        for (int s = 0; s < slices.size(); s++) {
            arms[s] = -1;
            List<SliceArm> candidates = slices.get(s).arms();
            for (int a = 0; a < candidates.size(); a++) {
                SliceArm arm = candidates.get(a);
                if (arm.overrideJson() == null && arm.targetShare() == null) {
                    arms[s] = arms[s] == -1 ? a : -2;
                }
            }
            arms[s] = Math.max(arms[s], -1);
        }
        return arms;
    }

    /**
     * This set building on another base policy (an operator's push, see the learner operator): the
     * same slices and arms, composed onto {@code yaml}, versions {@code version+learned:...}.
     */
    public SliceInterventionSet withBase(String yaml, String version) {
        if (version.contains(LEARNED_MARK)) {
            throw new IllegalArgumentException("a base policy's version must not contain '" + LEARNED_MARK + "': " + version);
        }
        return new SliceInterventionSet(metric, yaml, version, slices);
    }

    /**
     * The problems composing each arm onto this set's base, each named by the arm's path; empty when
     * every arm makes a valid policy (rules, checks, target mix) with it.
     */
    public List<String> compositionErrors() {
        List<String> errors = new ArrayList<>();
        for (int s = 0; s < slices.size(); s++) {
            for (int a = 0; a < slices.get(s).arms().size(); a++) {
                SliceArm arm = slices.get(s).arms().get(a);
                if (arm.overrideJson() == null && arm.targetShare() == null) {
                    continue;
                }
                int[] choice = new int[slices.size()];
                choice[s] = a;
                Composed composed = compose(choice);
                try {
                    new PolicyLoader().parse(composed.yaml(), arm.id());
                    TargetMix.fromPolicyYaml(composed.yaml(), arm.id());
                } catch (InvalidPolicyException ex) {
                    errors.add("slices[\"" + arm.slice() + "\"][" + a + "]: " + ex.getMessage());
                }
            }
        }
        return errors;
    }

    /** The index of arm {@code id} in slice {@code s}, or -1. */
    public int indexOf(int s, String id) {
        List<SliceArm> arms = slices.get(s).arms();
        for (int a = 0; a < arms.size(); a++) {
            if (arms.get(a).id().equals(id)) {
                return a;
            }
        }
        return -1;
    }

    /**
     * The base policy with arm {@code choice[s]}'s override and target share added for each slice
     * {@code s}. An override for a pattern the base already lists is merged into the base's entry
     * (rule codes to disable are added, quality settings replaced one by one) and moved last, because
     * the last matching slice that names a check decides: the learned choice must win. A target share
     * sets the slice's entry of {@code target_mix.targets} (the section's other settings are the
     * base's, or their defaults).
     */
    public Composed compose(int[] choice) {
        try {
            ObjectNode root = (ObjectNode) new YAMLMapper().readTree(basePolicyYaml);
            String version = version(choice);
            root.put("version", version);
            for (int s = 0; s < slices.size(); s++) {
                SliceArm arm = slices.get(s).arms().get(choice[s]);
                if (arm.targetShare() != null) {
                    JsonNode mix = root.get("target_mix");
                    ObjectNode mixNode = mix instanceof ObjectNode o ? o : root.putObject("target_mix");
                    JsonNode targets = mixNode.get("targets");
                    ObjectNode targetsNode = targets instanceof ObjectNode o ? o : mixNode.putObject("targets");
                    String key = matchingKey(targetsNode, arm.slice());
                    if (key != null) {
                        targetsNode.remove(key);
                    }
                    targetsNode.put(arm.slice(), arm.targetShare());
                }
                if (arm.overrideJson() == null) {
                    continue;
                }
                JsonNode existing = root.get("slices");
                ObjectNode section = existing instanceof ObjectNode o ? o : root.putObject("slices");
                JsonNode override = JSON.readTree(arm.overrideJson());
                String key = matchingKey(section, arm.slice());
                JsonNode merged = key == null ? override : merge(section.get(key).deepCopy(), override);
                if (key != null) {
                    section.remove(key);
                }
                section.set(arm.slice(), merged);
            }
            return new Composed(new YAMLMapper().writeValueAsString(root), version);
        } catch (IOException e) {
            // The base policy was parsed at load: it cannot fail here.
            throw new UncheckedIOException(e);
        }
    }

    private static String matchingKey(ObjectNode section, String pattern) {
        Iterator<String> names = section.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.trim().toLowerCase(Locale.ROOT).equals(pattern)) {
                return name;
            }
        }
        return null;
    }

    /** Merges {@code add} into {@code into}: objects key by key, lists as a union, values replaced. */
    private static JsonNode merge(JsonNode into, JsonNode add) {
        if (into instanceof ObjectNode target && add.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = add.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode old = target.get(e.getKey());
                target.set(e.getKey(), old == null ? e.getValue() : merge(old, e.getValue()));
            }
            return target;
        }
        if (into instanceof ArrayNode list && add.isArray()) {
            Set<JsonNode> seen = new LinkedHashSet<>();
            list.forEach(seen::add);
            add.forEach(seen::add);
            ArrayNode out = JSON.createArrayNode();
            seen.forEach(out::add);
            return out;
        }
        return add;
    }

    /** Arm ids to their (slice, arm) position, for feedback naming an arm. */
    public Map<String, int[]> armsById() {
        Map<String, int[]> out = new HashMap<>();
        for (int s = 0; s < slices.size(); s++) {
            for (int a = 0; a < arms(s); a++) {
                out.put(slices.get(s).arms().get(a).id(), new int[] {s, a});
            }
        }
        return out;
    }

    /** Parses the composed policy (for callers that want the {@link Policy} itself). */
    public Policy policy(int[] choice) {
        Composed c = compose(choice);
        return new PolicyLoader().parse(c.yaml(), c.version());
    }
}
