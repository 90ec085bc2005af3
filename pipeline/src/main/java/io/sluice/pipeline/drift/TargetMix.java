package io.sluice.pipeline.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.SliceOverride;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy's target shares of the accepted stream per slice pattern, read from its optional
 * {@code target_mix:} section:
 *
 * <pre>{@code
 * target_mix:
 *   tolerance: 0.02              # under target means share < target - tolerance
 *   max_requests_per_window: 5   # rate limit over all slices
 *   cooldown_windows: 3          # windows between two requests for one slice
 *   min_accepted: 200            # windows with fewer accepted records are not judged
 *   targets:
 *     "synthetic/de/*": 0.10     # kind/language/domain patterns, as in slices:
 * }</pre>
 *
 * Kept apart from {@code Policy} (which only has to accept the key) so the routing rules and the mix
 * evolve independently.
 *
 * @param targets target share per slice pattern, in the order written
 */
public record TargetMix(double tolerance, int maxRequestsPerWindow, int cooldownWindows, long minAccepted,
                        List<Target> targets) implements Serializable {

    /** No targets: nothing is ever under target. */
    public static final TargetMix NONE = new TargetMix(0.02, 5, 3, 200, List.of());

    private static final Set<String> KEYS = Set.of("tolerance", "max_requests_per_window", "cooldown_windows",
            "min_accepted", "targets");

    public TargetMix {
        targets = List.copyOf(targets);
    }

    /** One target: slices matching {@code pattern} should make up {@code share} of accepted records. */
    public record Target(String pattern, double share) implements Serializable {
        /** True when {@code slice} matches the pattern (same syntax as the policy's {@code slices:}). */
        public boolean matches(String slice) {
            String[] seg = pattern.split("/", -1);
            return new SliceOverride(seg[0], seg[1], seg[2], Set.of()).matches(slice);
        }
    }

    /** Reads the {@code target_mix} section of a policy document; {@link #NONE} when it has none. */
    public static TargetMix fromPolicyYaml(String yaml, String origin) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(origin, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        JsonNode node = root == null ? null : root.get("target_mix");
        if (node == null || node.isNull()) {
            return NONE;
        }
        List<String> errors = new ArrayList<>();
        if (!node.isObject()) {
            throw new InvalidPolicyException(origin, List.of("target_mix: must be a mapping with targets"));
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                errors.add("target_mix." + k + ": unknown key (expected: " + String.join(", ", KEYS) + ")");
            }
        });
        double tolerance = number(node, "tolerance", NONE.tolerance, 0, 1, errors);
        int max = (int) number(node, "max_requests_per_window", NONE.maxRequestsPerWindow, 0, 10_000, errors);
        int cooldown = (int) number(node, "cooldown_windows", NONE.cooldownWindows, 0, 10_000, errors);
        long minAccepted = (long) number(node, "min_accepted", NONE.minAccepted, 1, Long.MAX_VALUE, errors);
        List<Target> targets = new ArrayList<>();
        JsonNode t = node.get("targets");
        if (t == null || !t.isObject()) {
            errors.add("target_mix.targets: required, a mapping from slice pattern to share (0..1)");
        } else {
            double sum = 0;
            Iterator<Map.Entry<String, JsonNode>> it = t.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "target_mix.targets[\"" + e.getKey() + "\"]";
                String[] seg = e.getKey().trim().toLowerCase(java.util.Locale.ROOT).split("/", -1);
                if (seg.length != 3 || seg[0].isEmpty() || seg[1].isEmpty() || seg[2].isEmpty()) {
                    errors.add(path + ": a slice pattern has three segments, kind/language/domain, each a value or *");
                    continue;
                }
                if (!e.getValue().isNumber() || e.getValue().doubleValue() <= 0 || e.getValue().doubleValue() >= 1) {
                    errors.add(path + ": the share must be a number between 0 and 1 (exclusive), e.g. 0.15");
                    continue;
                }
                sum += e.getValue().doubleValue();
                targets.add(new Target(String.join("/", seg), e.getValue().doubleValue()));
            }
            if (sum > 1 + 1e-9) {
                errors.add("target_mix.targets: shares add up to " + sum + ", more than 1");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(origin, errors);
        }
        return new TargetMix(tolerance, max, cooldown, minAccepted, targets);
    }

    private static double number(JsonNode node, String key, double dflt, double min, double max, List<String> errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
            errors.add("target_mix." + key + ": must be a number in [" + min + ", " + max + "]");
            return dflt;
        }
        return v.doubleValue();
    }
}
