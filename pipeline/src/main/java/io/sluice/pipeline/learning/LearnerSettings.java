package io.sluice.pipeline.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The feedback loop's settings: {@code learner.enabled} (default false), {@code learner.interventions}
 * (required when enabled, read and validated at submit) and {@code learner.seed} (of its random draws,
 * default 1). The interventions file has one of two forms: whole candidate policies, one choice for
 * the whole stream ({@link InterventionSet}), or per-slice arms over a base policy, one choice per
 * slice ({@link SliceInterventionSet}); exactly one of the two fields is set when enabled.
 */
public record LearnerSettings(boolean enabled, InterventionSet interventions, SliceInterventionSet sliceInterventions,
                              long seed) implements Serializable {

    public static LearnerSettings disabled() {
        return new LearnerSettings(false, null, null, 1);
    }

    public LearnerSettings {
        if (enabled && (interventions == null) == (sliceInterventions == null)) {
            throw new IllegalArgumentException("learner.enabled=true needs learner.interventions (a file of candidate"
                    + " policies, or of per-slice arms)");
        }
    }

    /** True when the learner chooses per slice. */
    public boolean perSlice() {
        return sliceInterventions != null;
    }

    public static LearnerSettings fromMap(Map<String, String> config) {
        if (!Boolean.parseBoolean(config.getOrDefault("learner.enabled", "false").trim())) {
            return disabled();
        }
        String file = config.get("learner.interventions");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("learner.enabled=true needs learner.interventions (a file of candidate"
                    + " policies, or of per-slice arms)");
        }
        return enabled(Path.of(file.trim()), Long.parseLong(config.getOrDefault("learner.seed", "1").trim()));
    }

    /**
     * The learner on the interventions file {@code path}, of either form, read and validated.
     *
     * @throws io.sluice.pipeline.policy.InvalidPolicyException naming every problem of the file
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static LearnerSettings enabled(Path path, long seed) {
        try {
            JsonNode root = new YAMLMapper().readTree(Files.readString(path, StandardCharsets.UTF_8));
            if (root != null && root.isObject() && SliceInterventionSet.isSliceForm(root)) {
                return new LearnerSettings(true, null,
                        SliceInterventionSet.parse(root, path.toString(), name -> InterventionSet.readPolicy(path, name)), seed);
            }
            return new LearnerSettings(true, InterventionSet.parse(root, path), null, seed);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read learner.interventions " + path + ": " + e.getMessage(), e);
        }
    }
}
