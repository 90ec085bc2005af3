package io.sluice.pipeline.learning;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * The feedback loop's settings: {@code learner.enabled} (default false), {@code learner.interventions}
 * (the {@link InterventionSet} file; required when enabled, read and validated at submit) and
 * {@code learner.seed} (of its random draws, default 1).
 */
public record LearnerSettings(boolean enabled, InterventionSet interventions, long seed) implements Serializable {

    public static LearnerSettings disabled() {
        return new LearnerSettings(false, null, 1);
    }

    public LearnerSettings {
        if (enabled && interventions == null) {
            throw new IllegalArgumentException("learner.enabled=true needs learner.interventions (a file of candidate policies)");
        }
    }

    public static LearnerSettings fromMap(Map<String, String> config) {
        if (!Boolean.parseBoolean(config.getOrDefault("learner.enabled", "false").trim())) {
            return disabled();
        }
        String file = config.get("learner.interventions");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("learner.enabled=true needs learner.interventions (a file of candidate policies)");
        }
        try {
            return new LearnerSettings(true, InterventionSet.load(Path.of(file.trim())),
                    Long.parseLong(config.getOrDefault("learner.seed", "1").trim()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read learner.interventions " + file + ": " + e.getMessage(), e);
        }
    }
}
