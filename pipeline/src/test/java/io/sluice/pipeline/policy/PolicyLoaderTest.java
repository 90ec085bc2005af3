package io.sluice.pipeline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private final PolicyLoader loader = new PolicyLoader();

    /** Parses {@code yaml} expecting failure and returns the reported problems. */
    private List<String> errors(String yaml) {
        try {
            loader.parse(yaml, "test.yaml");
        } catch (InvalidPolicyException e) {
            assertThat(e.origin()).isEqualTo("test.yaml");
            assertThat(e.getMessage()).startsWith("invalid policy test.yaml: ");
            return e.errors();
        }
        throw new AssertionError("expected the policy to be rejected:\n" + yaml);
    }

    private static String rule(String body) {
        return "version: \"v1\"\nrules:\n  - " + body.strip().replace("\n", "\n    ") + "\n";
    }

    @Test
    void parsesAFullPolicyIntoRecords() {
        Policy p = loader.parse("""
                version: "2026.11-test"
                description: a test
                rules:
                  - code: short
                    when: { any: [ {signal: text.word_count, op: lt, value: 30}, {all: [
                            {signal: text.is_blank, op: "==", value: 0}, {signal: text.char_count, op: "<=", value: 2.5}]} ] }
                    unless: { signal: record.blank_id, op: ">=", value: 1 }
                    route: resynthesis
                    applies_to: synthetic
                    detail: too short
                    instruction: Write more.
                slices:
                  "Scraped/*/*.Example.org": { disable: [short] }
                """, "test");
        assertThat(p.version()).isEqualTo("2026.11-test");
        assertThat(p.description()).isEqualTo("a test");
        Rule r = p.rules().get(0);
        assertThat(r).isEqualTo(new Rule("short", new Condition.AnyOf(List.of(
                new Condition.Compare("text.word_count", ComparisonOp.LT, 30),
                new Condition.AllOf(List.of(
                        new Condition.Compare("text.is_blank", ComparisonOp.EQ, 0),
                        new Condition.Compare("text.char_count", ComparisonOp.LE, 2.5))))),
                new Condition.Compare("record.blank_id", ComparisonOp.GE, 1),
                Route.RESYNTHESIS, java.util.EnumSet.of(SourceKind.SYNTHETIC), "too short", "Write more."));
        assertThat(p.sliceOverrides()).containsExactly(
                new SliceOverride("scraped", "*", "*.example.org", java.util.Set.of("short")));
    }

    @Test
    void acceptsAnIntegerVersionAndAnEmptyRuleList() {
        Policy p = loader.parse("version: 7\nrules: []\n", "test");
        assertThat(p.version()).isEqualTo("7");
        assertThat(p.rules()).isEmpty();
    }

    @Test
    void loadsAPolicyFileAndNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "version: x\nrules: []\n");
        assertThat(loader.load(file).version()).isEqualTo("x");
        Files.writeString(file, "rules: []\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("invalid policy " + file + ": 1 problem\n  version: required");
    }

    @Test
    void requiresVersion() {
        assertThat(errors("rules: []\n")).containsExactly(
                "version: required; every decision names the policy version that made it "
                        + "(e.g. version: \"2026.11-default-1\")");
    }

    @Test
    void asksToQuoteAVersionYamlReadsAsADecimal() {
        assertThat(errors("version: 2026.10\nrules: []\n")).containsExactly(
                "version: quote it (version: \"2026.1\"); YAML reads it as a number, which loses trailing zeros");
    }

    @Test
    void requiresRules() {
        assertThat(errors("version: v\n")).containsExactly(
                "rules: required (a list of rules; an empty list [] accepts everything)");
    }

    @Test
    void namesTheUnknownSignalWithASuggestionAndTheKnownOnes() {
        List<String> errors = errors("""
                version: v
                rules:
                  - code: a
                    when: { signal: text.is_blank, op: ">=", value: 1 }
                    route: quarantine
                  - code: b
                    when: { signal: text.is_blank, op: ">=", value: 1 }
                    route: quarantine
                  - code: c
                    when: { signal: text.wrd_count, op: "<", value: 30 }
                    route: quarantine
                """);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("rules[2].when.signal: unknown signal 'text.wrd_count' "
                + "(did you mean 'text.word_count'?) (known text signals: text.char_count, text.non_whitespace_char_count, ")
                .endsWith("text.is_blank)");
    }

    @Test
    void namesUnknownSignalsInsideNestedConditions() {
        assertThat(errors(rule("""
                code: a
                when: { any: [ {signal: text.is_blank, op: ">=", value: 1}, {all: [ {signal: nope, op: "<", value: 1} ]} ] }
                route: quarantine
                """))).singleElement().asString()
                .startsWith("rules[0].when.any[1].all[0].signal: unknown signal 'nope' (signals are named family.signal; known families: text, record, gopher, repetition, c4, fineweb, lang, pii, provenance, synthetic, contamination, blocklist, dup)");
    }

    @Test
    void rejectsAnUnknownOp() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "=>", value: 1 }
                route: quarantine
                """))).containsExactly("rules[0].when.op: unknown op '=>' (expected one of: <, <=, >, >=, ==, != "
                + "or lt, le, gt, ge, eq, ne; quote symbols, e.g. op: \">=\")");
    }

    @Test
    void rejectsAnUnknownRoute() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "<", value: 1 }
                route: drop
                """))).containsExactly(
                "rules[0].route: unknown route 'drop' (expected one of: quarantine, resynthesis, accept)");
    }

    @Test
    void rejectsResynthesisForRulesThatCanApplyToScrapedRecords() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "<", value: 30 }
                route: resynthesis
                instruction: Write more.
                """))).containsExactly("rules[0].route: resynthesis cannot apply to scraped records (they cannot be "
                + "regenerated); add applies_to: [synthetic], or route scraped records to quarantine in a separate rule");
    }

    @Test
    void requiresAnInstructionForResynthesis() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "<", value: 30 }
                route: resynthesis
                applies_to: [synthetic]
                """))).containsExactly("rules[0].instruction: required when route is resynthesis; the generator "
                + "needs a concrete instruction (e.g. \"Regenerate with at least 30 words\")");
    }

    @Test
    void rejectsDuplicateCodesForTheSameSourceKindOnly() {
        String both = """
                version: v
                rules:
                  - code: too_short
                    when: { signal: text.word_count, op: "<", value: 30 }
                    route: quarantine
                    applies_to: [synthetic]
                  - code: too_short
                    when: { signal: text.word_count, op: "<", value: 5 }
                    route: quarantine
                    applies_to: [scraped, %s]
                """;
        assertThat(errors(both.formatted("synthetic"))).containsExactly("rules[1].code: duplicate code 'too_short' "
                + "for synthetic records (also rules[0]); codes must identify one rule per source kind");
        assertThat(loader.parse(both.formatted("scraped"), "ok").rules()).hasSize(2);
    }

    @Test
    void rejectsMisspeltKeysWithASuggestion() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "<", value: 30, treshold: 2 }
                route: quarantine
                aplies_to: [scraped]
                """))).containsExactly(
                "rules[0].aplies_to: unknown key (did you mean 'applies_to'?) "
                        + "(expected: applies_to, code, detail, instruction, route, unless, when)",
                "rules[0].when.treshold: unknown key (expected: op, signal, value)");
    }

    @Test
    void rejectsNonNumericThresholdsAndBadCodes() {
        assertThat(errors(rule("""
                code: Too Short
                when: { signal: text.word_count, op: "<", value: "30" }
                route: quarantine
                """))).containsExactly(
                "rules[0].code: 'Too Short' must be lower_snake_case ([a-z][a-z0-9_]*); it is used as a reason code "
                        + "and metric label",
                "rules[0].when.value: must be a number, not a string '30'");
    }

    @Test
    void rejectsMixingAnyWithAComparison() {
        assertThat(errors(rule("""
                code: a
                when: { any: [ {signal: text.word_count, op: "<", value: 1} ], signal: text.is_blank }
                route: quarantine
                """))).containsExactly(
                "rules[0].when: 'any' cannot be combined with other keys (signal); nest them inside the list");
    }

    @Test
    void rejectsUnknownSourceKinds() {
        assertThat(errors(rule("""
                code: a
                when: { signal: text.word_count, op: "<", value: 1 }
                route: quarantine
                applies_to: [scraped, crawled]
                """))).containsExactly(
                "rules[0].applies_to[1]: unknown source kind 'crawled' (expected synthetic or scraped)");
    }

    @Test
    void rejectsSliceOverridesForUnknownCodesAndMalformedPatterns() {
        List<String> errors = errors("""
                version: v
                rules:
                  - code: too_short
                    when: { signal: text.word_count, op: "<", value: 5 }
                    route: quarantine
                slices:
                  "scraped/*/example.org": { disable: [to_short] }
                  "scraped/example.org": { disable: [too_short] }
                  "web/*/*": { disable: [too_short] }
                """);
        assertThat(errors).containsExactly(
                "slices[\"scraped/*/example.org\"].disable[0]: unknown rule code 'to_short' "
                        + "(did you mean 'too_short'?) (rule codes: too_short)",
                "slices[\"scraped/example.org\"]: a slice pattern has three non-empty segments, kind/language/domain, "
                        + "each a value or * (e.g. \"scraped/*/example.org\")",
                "slices[\"web/*/*\"]: unknown source kind 'web' (expected synthetic, scraped or *)");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThat(errors("version: v\nrules:\n  - code: [unclosed\n")).containsExactly(
                "line 4, column 1: not valid YAML: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence started at line 3, column 11)");
    }

    @Test
    void rejectsDuplicateKeysRatherThanKeepingTheLast() {
        assertThat(errors("version: a\nversion: b\nrules: []\n")).singleElement().asString()
                .contains("not valid YAML: Duplicate field 'version'");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> errors = errors("""
                rules:
                  - code: a
                    when: { signal: text.nope, op: "<", value: 1 }
                    route: drop
                """);
        assertThat(errors).hasSize(3);
        assertThat(errors).anyMatch(e -> e.startsWith("version: required"))
                .anyMatch(e -> e.startsWith("rules[0].when.signal: unknown signal 'text.nope'"))
                .anyMatch(e -> e.startsWith("rules[0].route: unknown route 'drop'"));
    }
}
