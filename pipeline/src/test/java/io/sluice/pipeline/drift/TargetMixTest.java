package io.sluice.pipeline.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

class TargetMixTest {
    private static final String RULES = "version: \"t-1\"\nrules: []\n";

    @Test
    void readsTargetsAndLimitsAndThePolicyLoaderAcceptsTheSection() {
        String yaml = RULES + "target_mix:\n  tolerance: 0.01\n  max_requests_per_window: 3\n  cooldown_windows: 5\n"
                + "  min_accepted: 50\n  targets:\n    \"synthetic/DE/*\": 0.1\n    \"scraped/*/*.example.org\": 0.3\n";
        new PolicyLoader().parse(yaml, "test");
        TargetMix mix = TargetMix.fromPolicyYaml(yaml, "test");
        assertThat(mix.tolerance()).isEqualTo(0.01);
        assertThat(mix.maxRequestsPerWindow()).isEqualTo(3);
        assertThat(mix.cooldownWindows()).isEqualTo(5);
        assertThat(mix.minAccepted()).isEqualTo(50);
        assertThat(mix.targets()).extracting(TargetMix.Target::pattern)
                .containsExactly("synthetic/de/*", "scraped/*/*.example.org");
        assertThat(mix.targets().get(1).matches("scraped/en/news.example.org")).isTrue();
        assertThat(mix.targets().get(0).matches("synthetic/en/qa")).isFalse();
    }

    @Test
    void aPolicyWithoutTheSectionHasNoTargets() {
        assertThat(TargetMix.fromPolicyYaml(RULES, "test").targets()).isEmpty();
    }

    @Test
    void namesEveryProblem() {
        String yaml = RULES + "target_mix:\n  tolerence: 0.1\n  targets:\n    \"synthetic/de\": 0.1\n"
                + "    \"scraped/*/*\": 1.5\n";
        assertThatThrownBy(() -> TargetMix.fromPolicyYaml(yaml, "p.yaml"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("target_mix.tolerence: unknown key")
                .hasMessageContaining("three segments")
                .hasMessageContaining("between 0 and 1");
    }
}
