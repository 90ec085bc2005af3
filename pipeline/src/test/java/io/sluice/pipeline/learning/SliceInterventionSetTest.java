package io.sluice.pipeline.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.drift.TargetMix;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.SliceOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-slice interventions files: validation, composition of the policy in force, and its version. */
class SliceInterventionSetTest {

    static final String HOLD_ALL = """
            version: "base-1"
            description: holds every record with a word
            rules:
              - code: held
                when: { signal: text.word_count, op: ">=", value: 1 }
                route: quarantine
                detail: "held for review"
            """;

    static final String TWO_SLICES = """
            metric: val_accuracy
            base_policy: base.yaml
            slices:
              "scraped/de/*":
                - { id: de-hold, kind: threshold_change, description: the base policy }
                - { id: de-open, kind: threshold_change, description: accept German, override: { disable: [held] } }
              "Scraped/*/b.example":
                - { id: b-hold, kind: threshold_change, description: the base policy }
                - { id: b-open, kind: threshold_change, description: accept b.example, override: { disable: [held] } }
            """;

    static LearnerSettings load(Path dir, String interventions, String base) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), base);
        Path file = dir.resolve("interventions.yaml");
        Files.writeString(file, interventions);
        return LearnerSettings.fromMap(Map.of("learner.enabled", "true", "learner.interventions", file.toString()));
    }

    @Test
    void composesEachSlicesChoiceIntoOnePolicyThatDecidesPerSlice(@TempDir Path dir) throws IOException {
        LearnerSettings settings = load(dir, TWO_SLICES, HOLD_ALL);
        assertThat(settings.perSlice()).isTrue();
        SliceInterventionSet set = settings.sliceInterventions();
        assertThat(set.slices()).extracting(SliceInterventionSet.Slice::pattern)
                .containsExactly("scraped/de/*", "scraped/*/b.example");

        Policy policy = set.policy(new int[] {1, 0});
        assertThat(policy.version()).isEqualTo("base-1+learned:de-open,b-hold");
        Map<String, Double> signals = Map.of("text.word_count", 40.0);
        assertThat(policy.decide(SourceKind.SCRAPED, "scraped/de/a.example", signals).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(policy.decide(SourceKind.SCRAPED, "scraped/en/a.example", signals).route())
                .isEqualTo(Route.QUARANTINED);
        assertThat(policy.decide(SourceKind.SCRAPED, "scraped/en/b.example", signals).route())
                .isEqualTo(Route.QUARANTINED);

        Policy both = set.policy(new int[] {1, 1});
        assertThat(both.decide(SourceKind.SCRAPED, "scraped/en/b.example", signals).route())
                .isEqualTo(Route.ACCEPTED);
        assertThat(set.policy(new int[] {0, 0}).decide(SourceKind.SCRAPED, "scraped/de/a.example", signals).route())
                .isEqualTo(Route.QUARANTINED);
    }

    @Test
    void decodesTheArmsInForceFromAComposedVersionOnly(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = load(dir, TWO_SLICES, HOLD_ALL).sliceInterventions();
        assertThat(set.decode("base-1+learned:de-open,b-hold")).containsExactly(1, 0);
        assertThat(set.decode("base-1")).isNull();
        assertThat(set.decode("base-1+learned:de-open")).isNull();
        assertThat(set.decode("base-1+learned:b-hold,de-open")).isNull();
        assertThat(set.decode("base-1+learned:de-open,nobody")).isNull();
        assertThat(set.decode(null)).isNull();
        // The base alone: each slice at its arm that changes nothing.
        assertThat(set.baseArms()).containsExactly(0, 0);
        // Arms are named by id whatever the base: results measured on an operator's base count too.
        assertThat(set.decode("ops-7+learned:de-open,b-hold")).containsExactly(1, 0);
    }

    @Test
    void composesTheSameArmsOntoAnotherBaseAndNamesWhatCannotBe(@TempDir Path dir) throws IOException {
        SliceInterventionSet set = load(dir, TWO_SLICES, HOLD_ALL).sliceInterventions();
        String ops = HOLD_ALL.replace("base-1", "ops-7") + """
                  - { code: ops_extra, when: { signal: text.word_count, op: ">=", value: 100000 }, route: quarantine }
                """;
        SliceInterventionSet onOps = set.withBase(ops, "ops-7");
        assertThat(onOps.compositionErrors()).isEmpty();
        SliceInterventionSet.Composed composed = onOps.compose(new int[] {1, 0});
        assertThat(composed.version()).isEqualTo("ops-7+learned:de-open,b-hold");
        assertThat(composed.yaml()).contains("ops_extra").contains("disable");
        assertThat(onOps.decode(composed.version())).containsExactly(1, 0);

        // A base without the rule an arm disables cannot carry that arm: named by its path.
        String without = """
                version: "ops-8"
                rules:
                  - { code: other, when: { signal: text.word_count, op: ">=", value: 1 }, route: quarantine }
                """;
        assertThat(set.withBase(without, "ops-8").compositionErrors()).hasSize(2)
                .allSatisfy(e -> assertThat(e).contains("held"))
                .first().asString().startsWith("slices[\"scraped/de/*\"][1]: ");
        assertThatThrownBy(() -> set.withBase(without, "x+learned:a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergesAnOverrideIntoTheBaseEntryForTheSameSliceAndPutsItLast(@TempDir Path dir) throws IOException {
        String interventions = """
                metric: val_accuracy
                base_policy: default
                slices:
                  "*/ZH/*":
                    - { id: zh-as-is, kind: threshold_change, description: the shipped policy }
                    - id: zh-strict
                      kind: threshold_change
                      description: FineWeb line punctuation 0.12 -> 0.3 and no low_alpha in Chinese
                      override: { disable: [low_alpha], quality: { fineweb: { line_punct_ratio: 0.3 } } }
                """;
        SliceInterventionSet set = load(dir, interventions, HOLD_ALL).sliceInterventions();
        Policy policy = set.policy(new int[] {1});
        SliceOverride last = policy.sliceOverrides().get(policy.sliceOverrides().size() - 1);
        assertThat(last.pattern()).isEqualTo("*/zh/*");
        // The shipped entry's settings are kept, the learned ones added.
        assertThat(last.disabledCodes()).contains("low_alpha", "fineweb_short_line_ratio");
        assertThat(last.replacements()).containsKey("fineweb_line_punct_ratio");
        assertThat(policy.sliceOverrides()).extracting(SliceOverride::pattern).containsOnlyOnce("*/zh/*");

        Map<String, Double> signals = Map.of("text.word_count", 100.0, "text.alpha_char_ratio", 0.9,
                "fineweb.line_punct_ratio", 0.2);
        assertThat(policy.decide(SourceKind.SCRAPED, "scraped/zh/x.cn", signals).reasons()).extracting(ReasonCode::getCode)
                .contains("fineweb_line_punct_ratio");
        assertThat(set.policy(new int[] {0}).decide(SourceKind.SCRAPED, "scraped/zh/x.cn", signals).reasons()).extracting(ReasonCode::getCode)
                .doesNotContain("fineweb_line_punct_ratio");
    }

    @Test
    void namesEveryProblemWithItsPath(@TempDir Path dir) {
        String bad = """
                metric: val_accuracy
                base_policy: base.yaml
                interventions: []
                slices:
                  "scraped/de":
                    - { id: x, kind: k, description: d }
                  "scraped/en/*":
                    - { id: "en open", kind: k, description: d }
                    - { id: en-typo, kind: k, description: d, override: { disable: [hled] } }
                    - { id: en-typo, kind: k, description: d, colour: red }
                """;
        assertThatThrownBy(() -> load(dir, bad, HOLD_ALL))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("interventions: unknown key")
                .hasMessageContaining("slices[\"scraped/de\"]: a slice pattern has three non-empty segments")
                .hasMessageContaining("slices[\"scraped/en/*\"][0].id: 'en open' may only contain")
                .hasMessageContaining("slices[\"scraped/en/*\"][2].id: 'en-typo' is used twice")
                .hasMessageContaining("slices[\"scraped/en/*\"][2].colour: unknown key");
        String badOverride = """
                metric: val_accuracy
                base_policy: base.yaml
                slices:
                  "scraped/en/*":
                    - { id: en-typo, kind: k, description: d, override: { disable: [hled] } }
                """;
        assertThatThrownBy(() -> load(dir, badOverride, HOLD_ALL))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("slices[\"scraped/en/*\"][0]:")
                .hasMessageContaining("unknown rule code 'hled'");
    }

    @Test
    void aTargetShareArmSetsTheSlicesEntryOfTheTargetMix(@TempDir Path dir) throws IOException {
        String base = HOLD_ALL + """
                target_mix:
                  tolerance: 0.05
                  targets:
                    "synthetic/en/*": 0.5
                    "synthetic/de/*": 0.1
                """;
        SliceInterventionSet set = load(dir, """
                metric: val_accuracy
                base_policy: base.yaml
                slices:
                  "synthetic/de/*":
                    - { id: de-10, kind: slice_weight, description: as the base }
                    - { id: de-25, kind: slice_weight, description: a quarter German, target_share: 0.25 }
                  "synthetic/fr/*":
                    - { id: fr-0, kind: slice_weight, description: no target }
                    - { id: fr-5, kind: slice_weight, description: 5% French, target_share: 0.05,
                        override: { disable: [held] } }
                """, base).sliceInterventions();
        TargetMix mix = TargetMix.fromPolicyYaml(set.compose(new int[] {1, 1}).yaml(), "composed");
        assertThat(mix.tolerance()).isEqualTo(0.05);
        assertThat(mix.targets()).extracting(t -> t.pattern() + "=" + t.share())
                .containsExactly("synthetic/en/*=0.5", "synthetic/de/*=0.25", "synthetic/fr/*=0.05");
        assertThat(TargetMix.fromPolicyYaml(set.compose(new int[] {0, 0}).yaml(), "composed").targets())
                .extracting(t -> t.pattern() + "=" + t.share()).containsExactly("synthetic/en/*=0.5", "synthetic/de/*=0.1");
        assertThat(set.policy(new int[] {0, 1}).decide(SourceKind.SYNTHETIC, "synthetic/fr/x", Map.of("text.word_count", 9.0))
                .route()).isEqualTo(Route.ACCEPTED);

        assertThatThrownBy(() -> load(dir, """
                metric: val_accuracy
                base_policy: base.yaml
                slices:
                  "synthetic/de/*":
                    - { id: de-150, kind: slice_weight, description: too much, target_share: 1.5 }
                """, base))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("slices[\"synthetic/de/*\"][0].target_share: must be a share of the accepted stream");
        // Each arm's composed target mix is checked like a pushed one: with English at 0.5, 0.6 is too much.
        assertThatThrownBy(() -> load(dir, """
                metric: val_accuracy
                base_policy: base.yaml
                slices:
                  "synthetic/de/*":
                    - { id: de-10, kind: slice_weight, description: as the base }
                    - { id: de-60, kind: slice_weight, description: over 100% with English, target_share: 0.6 }
                """, base))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("slices[\"synthetic/de/*\"][1]: ")
                .hasMessageContaining("shares add up to 1.1");
    }

    @Test
    void aFileOfWholePoliciesStillLoadsAsBefore(@TempDir Path dir) throws IOException {
        LearnerSettings settings = load(dir, """
                metric: val_accuracy
                interventions:
                  - { id: baseline, kind: threshold_change, description: shipped, policy_file: default }
                  - { id: hold, kind: threshold_change, description: hold all, policy_file: base.yaml }
                """, HOLD_ALL);
        assertThat(settings.perSlice()).isFalse();
        assertThat(settings.interventions().indexOf(null, "base-1")).isEqualTo(1);
    }
}
