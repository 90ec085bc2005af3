package io.sluice.pipeline.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.SignalRegistry;
import io.sluice.pipeline.signals.blocklist.Blocklists;
import io.sluice.pipeline.signals.contamination.ContaminationIndex;
import io.sluice.pipeline.signals.pii.PiiKind;
import io.sluice.pipeline.signals.provenance.ProvenanceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates YAML policies.
 *
 * <pre>{@code
 * version: "2026.11-default-1"          # required; every decision names it
 * description: "..."                    # optional
 * rules:                                # required, evaluated in order
 *   - code: too_short                   # required, lower_snake_case, unique per source kind
 *     when: { signal: text.word_count, op: "<", value: 30 }   # or { any: [...] } / { all: [...] }
 *     unless: { signal: text.is_blank, op: ">=", value: 1 }   # optional exception, same syntax
 *     route: resynthesis                # quarantine | resynthesis | accept (annotate only)
 *     applies_to: [synthetic]           # optional, default [synthetic, scraped]
 *     detail: "fewer than 30 words"     # optional, prefixed to the computed detail
 *     instruction: "Regenerate ..."     # required when route is resynthesis
 * quality:                              # optional: the field's rule families as rules
 *   fineweb:                            # c4 | fineweb
 *     applies_to: [scraped]             # optional, as for rules
 *     route: quarantine                 # as for rules (resynthesis needs instruction)
 *     checks:                           # optional; unlisted checks run at datatrove's default
 *       list_ratio: 0.5                 # a threshold, on (datatrove's default) or off
 * slices:                               # optional per-slice overrides
 *   "scraped/en/example.org": { disable: [too_short] }   # "*" matches any segment
 *   "scraped/zh/*": { quality: { fineweb: { short_line_ratio: off } } }   # or { c4: off }
 * }</pre>
 *
 * <p>Each quality check becomes a rule coded {@code <family>_<check>} (e.g. {@code c4_curly_bracket}),
 * on the family's signal, failing as datatrove's check does ({@code fineweb.line_punct_ratio < 0.12}).
 * A check that is off is a rule disabled in every slice, so a slice can still turn it on; slices are
 * applied in the order written and the last one naming a check decides.
 *
 * <p>Validation collects every problem before failing, each naming its path, and rejects unknown
 * keys: a misspelt {@code aplies_to} silently widening a rule is worse than a load error.
 */
public final class PolicyLoader {

    /** Classpath location of the policy shipped with Sluice. */
    public static final String DEFAULT_POLICY_RESOURCE = "policy/default-policy.yaml";

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> TOP_KEYS = Set.of("version", "description", "rules", "quality", "slices", "target_mix",
            "pii", "provenance", "contamination", "blocklists");
    private static final Set<String> CONTAMINATION_KEYS = Set.of("ngram", "benchmarks");
    private static final Set<String> PROVENANCE_KEYS =
            Set.of("required", "license_allow", "domain_deny", "domain_allow", "generator_allow");
    private static final Set<String> QUALITY_KEYS = Set.of("applies_to", "route", "detail", "instruction", "checks");
    private static final Set<String> RULE_KEYS =
            Set.of("code", "when", "unless", "route", "applies_to", "detail", "instruction");
    private static final Set<String> COMPARE_KEYS = Set.of("signal", "op", "value");
    private static final Set<String> SLICE_KEYS = Set.of("disable", "quality");

    private final SignalRegistry registry;
    private final YAMLMapper yaml;

    /** A loader validating signal names against {@link SignalRegistry#standard()}. */
    public PolicyLoader() {
        this(SignalRegistry.standard());
    }

    /** A loader validating signal names against {@code registry}. */
    public PolicyLoader(SignalRegistry registry) {
        this.registry = registry;
        this.yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** Reads and validates the policy file at {@code path}. */
    public Policy load(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /** Reads and validates the policy shipped on the classpath at {@link #DEFAULT_POLICY_RESOURCE}. */
    public Policy loadDefault() {
        return parse(defaultPolicyYaml(), "classpath:" + DEFAULT_POLICY_RESOURCE);
    }

    /**
     * The YAML text of the policy shipped on the classpath at {@link #DEFAULT_POLICY_RESOURCE}, for
     * callers that extend it or hand it to a job as text.
     */
    public static String defaultPolicyYaml() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(DEFAULT_POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DEFAULT_POLICY_RESOURCE
                        + " is missing; is sluice-pipeline on the classpath?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + DEFAULT_POLICY_RESOURCE, e);
        }
    }

    /**
     * Parses and validates a policy document.
     *
     * @param yamlText the YAML text
     * @param origin   where it came from, for error messages (a path, a topic offset)
     * @throws InvalidPolicyException listing every problem found
     */
    public Policy parse(String yamlText, String origin) {
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(origin, List.of(syntaxError(e)));
        }
        List<String> errors = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidPolicyException(origin, List.of("the document is empty; expected a mapping with "
                    + "version and rules"));
        }
        if (!root.isObject()) {
            throw new InvalidPolicyException(origin, List.of("the document must be a mapping with version and "
                    + "rules, not a " + kindOf(root)));
        }
        checkKeys(root, "", TOP_KEYS, errors);
        String version = parseVersion(root.get("version"), errors);
        String description = optionalText(root.get("description"), "description", errors);
        List<Rule> rules = parseRules(root.get("rules"), errors);
        Quality quality = parseQuality(root.get("quality"), rules, errors);
        rules.addAll(quality.rules);
        PiiPolicy pii = parsePii(root.get("pii"), rules, errors);
        rules.addAll(pii.rules());
        List<SliceOverride> slices = new ArrayList<>(quality.overrides);
        slices.addAll(parseSlices(root.get("slices"), rules, quality, errors));
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(origin, errors);
        }
        ProvenanceConfig provenance = parseProvenance(root.get("provenance"), errors);
        ContaminationIndex contamination = parseContamination(root.get("contamination"), errors);
        Blocklists blocklists = parseBlocklists(root.get("blocklists"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(origin, errors);
        }
        return new Policy(version, description, rules, slices, pii, provenance, contamination, blocklists);
    }

    /**
     * One line per syntax error. SnakeYAML's own message spans several lines with an ASCII-art
     * pointer, which reads badly inside a list of problems, so its parts are reassembled here.
     */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark at = m.getProblemMark();
            StringBuilder sb = new StringBuilder("line ").append(at.getLine() + 1).append(", column ")
                    .append(at.getColumn() + 1).append(": not valid YAML: ").append(m.getProblem());
            if (m.getContext() != null && m.getContextMark() != null) {
                sb.append(" (").append(m.getContext()).append(" started at line ")
                        .append(m.getContextMark().getLine() + 1).append(", column ")
                        .append(m.getContextMark().getColumn() + 1).append(')');
            }
            return sb.toString();
        }
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String message = e.getOriginalMessage();
        int nl = message.indexOf('\n');
        return where + "not valid YAML: " + (nl < 0 ? message : message.substring(0, nl));
    }

    private static String parseVersion(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("version: required; every decision names the policy version that made it "
                    + "(e.g. version: \"2026.11-default-1\")");
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isNumber()) {
            errors.add("version: quote it (version: \"" + node.asText() + "\"); YAML reads it as a number, "
                    + "which loses trailing zeros");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add("version: must be a non-empty string");
            return null;
        }
        return node.asText().trim();
    }

    private List<Rule> parseRules(JsonNode node, List<String> errors) {
        List<Rule> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add("rules: required (a list of rules; an empty list [] accepts everything)");
            return rules;
        }
        if (!node.isArray()) {
            errors.add("rules: must be a list of rules, not a " + kindOf(node));
            return rules;
        }
        // code -> (kind -> index of the rule that first used it), for duplicate detection.
        Map<String, Map<SourceKind, Integer>> seen = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            Rule rule = parseRule(node.get(i), "rules[" + i + "]", errors);
            if (rule == null) {
                continue;
            }
            Map<SourceKind, Integer> byKind = seen.computeIfAbsent(rule.code(), c -> new EnumMap<>(SourceKind.class));
            for (SourceKind kind : rule.appliesTo()) {
                Integer previous = byKind.putIfAbsent(kind, i);
                if (previous != null) {
                    errors.add("rules[" + i + "].code: duplicate code '" + rule.code() + "' for "
                            + lower(kind) + " records (also rules[" + previous + "]); codes must identify one rule "
                            + "per source kind");
                }
            }
            rules.add(rule);
        }
        return rules;
    }

    private Rule parseRule(JsonNode node, String path, List<String> errors) {
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping with code, when and route, not a " + kindOf(node));
            return null;
        }
        int before = errors.size();
        checkKeys(node, path, RULE_KEYS, errors);

        String code = requiredText(node.get("code"), path + ".code", errors);
        if (code != null && !CODE.matcher(code).matches()) {
            errors.add(path + ".code: '" + code + "' must be lower_snake_case ([a-z][a-z0-9_]*); it is used as a "
                    + "reason code and metric label");
        }

        Condition when = null;
        JsonNode whenNode = node.get("when");
        if (whenNode == null || whenNode.isNull()) {
            errors.add(path + ".when: required (e.g. when: { signal: text.word_count, op: \"<\", value: 30 })");
        } else {
            when = parseCondition(whenNode, path + ".when", errors);
        }

        Condition unless = null;
        JsonNode unlessNode = node.get("unless");
        if (unlessNode != null && !unlessNode.isNull()) {
            unless = parseCondition(unlessNode, path + ".unless", errors);
        }

        Route route = null;
        String routeText = requiredText(node.get("route"), path + ".route", errors);
        if (routeText != null) {
            route = parseRoute(routeText);
            if (route == null) {
                errors.add(path + ".route: unknown route '" + routeText
                        + "' (expected one of: quarantine, resynthesis, accept)");
            }
        }

        Set<SourceKind> appliesTo = parseAppliesTo(node.get("applies_to"), path + ".applies_to", errors);
        String detail = optionalText(node.get("detail"), path + ".detail", errors);
        String instruction = optionalText(node.get("instruction"), path + ".instruction", errors);

        if (route == Route.RESYNTHESIS) {
            if (appliesTo != null && appliesTo.contains(SourceKind.SCRAPED)) {
                errors.add(path + ".route: resynthesis cannot apply to scraped records (they cannot be "
                        + "regenerated); add applies_to: [synthetic], or route scraped records to quarantine "
                        + "in a separate rule");
            }
            if (instruction == null || instruction.isBlank()) {
                errors.add(path + ".instruction: required when route is resynthesis; the generator needs a "
                        + "concrete instruction (e.g. \"Regenerate with at least 30 words\")");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Rule(code, when, unless, route, appliesTo, detail, instruction);
    }

    private Condition parseCondition(JsonNode node, String path, List<String> errors) {
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping ({signal, op, value}, {any: [...]} or {all: [...]}), not a "
                    + kindOf(node));
            return null;
        }
        boolean any = node.has("any");
        boolean all = node.has("all");
        if (any || all) {
            String key = any ? "any" : "all";
            if (node.size() != 1) {
                errors.add(path + ": '" + key + "' cannot be combined with other keys (" + otherKeys(node, key)
                        + "); nest them inside the list");
                return null;
            }
            JsonNode list = node.get(key);
            if (!list.isArray() || list.isEmpty()) {
                errors.add(path + "." + key + ": must be a non-empty list of conditions");
                return null;
            }
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Condition c = parseCondition(list.get(i), path + "." + key + "[" + i + "]", errors);
                if (c != null) {
                    parts.add(c);
                }
            }
            if (parts.size() != list.size()) {
                return null;
            }
            return any ? new Condition.AnyOf(parts) : new Condition.AllOf(parts);
        }

        int before = errors.size();
        checkKeys(node, path, COMPARE_KEYS, errors);
        String signal = requiredText(node.get("signal"), path + ".signal", errors);
        if (signal != null && !registry.contains(signal)) {
            errors.add(path + ".signal: unknown signal '" + signal + "'" + suggestion(signal, registry.names())
                    + knownSignals(signal));
        }
        ComparisonOp op = null;
        JsonNode opNode = node.get("op");
        String opText = requiredText(opNode, path + ".op", errors);
        if (opText != null) {
            op = ComparisonOp.parse(opText);
            if (op == null) {
                errors.add(path + ".op: unknown op '" + opText + "' (expected one of: " + ComparisonOp.spellings()
                        + "; quote symbols, e.g. op: \">=\")");
            }
        }
        JsonNode valueNode = node.get("value");
        double value = Double.NaN;
        if (valueNode == null || valueNode.isNull()) {
            errors.add(path + ".value: required (the threshold, a number)");
        } else if (!valueNode.isNumber()) {
            errors.add(path + ".value: must be a number, not " + kindOf(valueNode)
                    + (valueNode.isTextual() ? " '" + valueNode.asText() + "'" : ""));
        } else {
            value = valueNode.doubleValue();
        }
        if (errors.size() > before) {
            return null;
        }
        return new Condition.Compare(signal, op, value);
    }

    /**
     * The signals of the family {@code signal} names, or the families when it names none: the full
     * list has grown too long to read in an error message.
     */
    private String knownSignals(String signal) {
        int dot = signal.indexOf('.');
        String prefix = dot < 0 ? null : signal.substring(0, dot + 1);
        List<String> sameFamily = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (String name : registry.names()) {
            if (prefix != null && name.startsWith(prefix)) {
                sameFamily.add(name);
            }
            families.add(name.substring(0, name.indexOf('.')));
        }
        if (!sameFamily.isEmpty()) {
            return " (known " + prefix.substring(0, dot) + " signals: " + String.join(", ", sameFamily) + ")";
        }
        return " (signals are named family.signal; known families: " + String.join(", ", families) + ")";
    }

    private static Set<SourceKind> parseAppliesTo(JsonNode node, String path, List<String> errors) {
        if (node == null || node.isNull()) {
            return EnumSet.allOf(SourceKind.class);
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            errors.add(path + ": must list at least one of synthetic, scraped (omit it for both)");
            return null;
        }
        Set<SourceKind> kinds = EnumSet.noneOf(SourceKind.class);
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node.isArray() ? path + "[" + i + "]" : path;
            JsonNode item = items.get(i);
            SourceKind kind = item.isTextual() ? parseKind(item.asText()) : null;
            if (kind == null) {
                errors.add(itemPath + ": unknown source kind '" + item.asText() + "' (expected synthetic or scraped)");
                ok = false;
            } else {
                kinds.add(kind);
            }
        }
        return ok ? kinds : null;
    }

    /** What the quality section compiled to: one rule per check, and the checks that are off. */
    private static final class Quality {
        final List<Rule> rules = new ArrayList<>();
        final List<SliceOverride> overrides = new ArrayList<>();
        /** Family key to (check name to its top-level rule); absent families are not configured. */
        final Map<String, Map<String, Rule>> byFamily = new LinkedHashMap<>();
        final Set<String> offCodes = new LinkedHashSet<>();
        /** Family key to the detail its rules are written with, for the slices' replacements. */
        final Map<String, String> details = new LinkedHashMap<>();
    }

    private Quality parseQuality(JsonNode node, List<Rule> explicit, List<String> errors) {
        Quality q = new Quality();
        if (node == null || node.isNull()) {
            return q;
        }
        if (!node.isObject()) {
            errors.add("quality: must be a mapping from rule family (" + String.join(", ", QualityChecks.BY_FAMILY.keySet())
                    + ") to its settings, not a " + kindOf(node));
            return q;
        }
        Set<String> explicitCodes = new LinkedHashSet<>();
        explicit.forEach(r -> explicitCodes.add(r.code()));
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String family = e.getKey();
            String path = "quality." + family;
            List<QualityChecks.Check> checks = QualityChecks.BY_FAMILY.get(family);
            if (checks == null) {
                errors.add(path + ": unknown rule family" + suggestion(family, QualityChecks.BY_FAMILY.keySet())
                        + " (known: " + String.join(", ", QualityChecks.BY_FAMILY.keySet()) + ")");
                continue;
            }
            JsonNode body = e.getValue();
            if (!body.isObject()) {
                errors.add(path + ": must be a mapping with route (and optionally applies_to, checks), not a "
                        + kindOf(body));
                continue;
            }
            int before = errors.size();
            checkKeys(body, path, QUALITY_KEYS, errors);
            Route route = null;
            String routeText = requiredText(body.get("route"), path + ".route", errors);
            if (routeText != null) {
                route = parseRoute(routeText);
                if (route == null) {
                    errors.add(path + ".route: unknown route '" + routeText
                            + "' (expected one of: quarantine, resynthesis, accept)");
                }
            }
            Set<SourceKind> appliesTo = parseAppliesTo(body.get("applies_to"), path + ".applies_to", errors);
            String detail = optionalText(body.get("detail"), path + ".detail", errors);
            String instruction = optionalText(body.get("instruction"), path + ".instruction", errors);
            if (route == Route.RESYNTHESIS) {
                if (appliesTo != null && appliesTo.contains(SourceKind.SCRAPED)) {
                    errors.add(path + ".route: resynthesis cannot apply to scraped records; add applies_to: "
                            + "[synthetic]");
                }
                if (instruction == null || instruction.isBlank()) {
                    errors.add(path + ".instruction: required when route is resynthesis");
                }
            }
            Map<String, Double> values = parseCheckValues(body.get("checks"), path + ".checks", checks, errors);
            if (errors.size() > before) {
                continue;
            }
            Map<String, Rule> familyRules = new LinkedHashMap<>();
            for (QualityChecks.Check check : checks) {
                if (explicitCodes.contains(check.code())) {
                    errors.add(path + ": check " + check.name() + " is coded '" + check.code()
                            + "', which a rule in rules: already uses; rename that rule");
                    continue;
                }
                Double value = values.getOrDefault(check.name(), check.threshold());
                boolean off = value == null;
                Rule rule = checkRule(check, off ? check.threshold() : value, route, appliesTo, detail, instruction);
                familyRules.put(check.name(), rule);
                q.rules.add(rule);
                if (off) {
                    q.offCodes.add(check.code());
                }
            }
            q.byFamily.put(family, familyRules);
            q.details.put(family, detail);
        }
        if (!q.offCodes.isEmpty()) {
            // Off everywhere unless a slice turns it on; written first, so every slice override wins.
            q.overrides.add(new SliceOverride("*", "*", "*", q.offCodes));
        }
        return q;
    }

    /**
     * Check name to threshold (null for off) for the checks written under {@code node}; unlisted ones
     * are absent, and so run at datatrove's default.
     */
    private static Map<String, Double> parseCheckValues(JsonNode node, String path, List<QualityChecks.Check> checks,
                                                        List<String> errors) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping from check to a threshold, on or off, not a " + kindOf(node));
            return out;
        }
        Map<String, QualityChecks.Check> byName = new LinkedHashMap<>();
        checks.forEach(c -> byName.put(c.name(), c));
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            QualityChecks.Check check = byName.get(e.getKey());
            if (check == null) {
                errors.add(path + "." + e.getKey() + ": unknown check" + suggestion(e.getKey(), byName.keySet())
                        + " (checks: " + String.join(", ", byName.keySet()) + ")");
                continue;
            }
            JsonNode v = e.getValue();
            Boolean toggle = toggle(v);
            if (toggle != null) {
                out.put(check.name(), toggle ? check.threshold() : null);
            } else if (v.isNumber() && !check.flag()) {
                out.put(check.name(), v.doubleValue());
            } else if (check.flag()) {
                errors.add(path + "." + e.getKey() + ": is on or off (it has no threshold), not " + kindOf(v));
            } else {
                errors.add(path + "." + e.getKey() + ": must be a threshold (datatrove's default is "
                        + Numbers.format(check.threshold()) + "), on or off, not " + kindOf(v));
            }
        }
        return out;
    }

    /** true for on / true, false for off / false, null for anything else. */
    private static Boolean toggle(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue(); // YAML 1.1 reads a bare on / off as a boolean
        }
        if (v.isTextual()) {
            String t = v.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("on")) {
                return true;
            }
            if (t.equals("off")) {
                return false;
            }
        }
        return null;
    }

    private static Rule checkRule(QualityChecks.Check check, double threshold, Route route, Set<SourceKind> appliesTo,
                                  String detail, String instruction) {
        Condition when = new Condition.Compare(check.signal(), check.op(), threshold);
        Condition unless = check.guard() == null ? null
                : new Condition.Compare(check.guard(), ComparisonOp.LT, 1);
        String text = (detail == null ? check.family() + " rule " + check.name() : detail + " (" + check.name() + ")");
        return new Rule(check.code(), when, unless, route, appliesTo, text, instruction);
    }

    /** A slice's {@code quality:}: family off, or per check a threshold, on or off. */
    private static void parseSliceQuality(JsonNode node, String path, Quality quality, Set<String> disabled,
                                          Map<String, Rule> replacements, List<String> errors) {
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping from rule family to off, on, or checks (e.g. { fineweb: "
                    + "{ list_ratio: off } }), not a " + kindOf(node));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String family = e.getKey();
            String familyPath = path + "." + family;
            Map<String, Rule> familyRules = quality.byFamily.get(family);
            if (familyRules == null) {
                errors.add(familyPath + (QualityChecks.BY_FAMILY.containsKey(family)
                        ? ": the family is not in the top-level quality section; add it there (its route and "
                                + "applies_to) before tuning it per slice"
                        : ": unknown rule family" + suggestion(family, QualityChecks.BY_FAMILY.keySet()) + " (known: "
                                + String.join(", ", QualityChecks.BY_FAMILY.keySet()) + ")"));
                continue;
            }
            Boolean toggle = toggle(e.getValue());
            if (toggle != null) {
                for (Rule rule : familyRules.values()) {
                    if (!toggle) {
                        disabled.add(rule.code());
                    } else if (!quality.offCodes.contains(rule.code())) {
                        replacements.put(rule.code(), rule); // back to the top-level setting
                    }
                }
                continue;
            }
            List<QualityChecks.Check> checks = QualityChecks.BY_FAMILY.get(family);
            Map<String, Double> values = parseCheckValues(e.getValue(), familyPath, checks, errors);
            for (QualityChecks.Check check : checks) {
                if (!values.containsKey(check.name())) {
                    continue;
                }
                Rule top = familyRules.get(check.name());
                Double value = values.get(check.name());
                if (value == null) {
                    disabled.add(check.code());
                } else {
                    replacements.put(check.code(), checkRule(check, value, top.route(), top.appliesTo(),
                            quality.details.get(family), top.instruction()));
                }
            }
        }
    }

    private static List<SliceOverride> parseSlices(JsonNode node, List<Rule> rules, Quality quality,
                                                   List<String> errors) {
        List<SliceOverride> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add("slices: must be a mapping from slice pattern (kind/language/domain) to overrides, not a "
                    + kindOf(node));
            return out;
        }
        Set<String> codes = new LinkedHashSet<>();
        rules.forEach(r -> codes.add(r.code()));
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "slices[\"" + e.getKey() + "\"]";
            String pattern = e.getKey().trim().toLowerCase(Locale.ROOT);
            String[] seg = pattern.split("/", -1);
            int before = errors.size();
            String patternError = slicePatternError(pattern);
            if (patternError != null) {
                errors.add(path + ": " + patternError);
            }
            JsonNode body = e.getValue();
            Set<String> disabled = new LinkedHashSet<>();
            Map<String, Rule> replacements = new LinkedHashMap<>();
            if (!body.isObject()) {
                errors.add(path + ": must be a mapping such as { disable: [rule_code, ...] } or { quality: {...} }");
            } else {
                checkKeys(body, path, SLICE_KEYS, errors);
                JsonNode list = body.get("disable");
                JsonNode sliceQuality = body.get("quality");
                if (sliceQuality != null) {
                    parseSliceQuality(sliceQuality, path + ".quality", quality, disabled, replacements, errors);
                }
                if (list == null && sliceQuality != null) {
                    // quality only
                } else if (list == null || !list.isArray() || list.isEmpty()) {
                    errors.add(path + ".disable: must be a non-empty list of rule codes");
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        String code = list.get(i).asText();
                        if (!codes.contains(code)) {
                            errors.add(path + ".disable[" + i + "]: unknown rule code '" + code + "'"
                                    + suggestion(code, codes) + " (rule codes: " + String.join(", ", codes) + ")");
                        }
                        disabled.add(code);
                    }
                }
            }
            if (errors.size() == before) {
                out.add(new SliceOverride(seg[0], seg[1], seg[2], disabled, replacements));
            }
        }
        return out;
    }

    /**
     * What is wrong with slice pattern {@code pattern} (lower case), or null: three non-empty segments,
     * kind/language/domain, the kind synthetic, scraped or *.
     */
    public static String slicePatternError(String pattern) {
        String[] seg = pattern.split("/", -1);
        if (seg.length != 3 || seg[0].isEmpty() || seg[1].isEmpty() || seg[2].isEmpty()) {
            return "a slice pattern has three non-empty segments, kind/language/domain, each a value or * (e.g."
                    + " \"scraped/*/example.org\")";
        }
        if (!seg[0].equals("*") && parseKind(seg[0]) == null) {
            return "unknown source kind '" + seg[0] + "' (expected synthetic, scraped or *)";
        }
        return null;
    }

    private static void checkKeys(JsonNode node, String path, Set<String> allowed, List<String> errors) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add((path.isEmpty() ? "" : path + ".") + name + ": unknown key" + suggestion(name, allowed)
                        + " (expected: " + String.join(", ", sorted(allowed)) + ")");
            }
        }
    }

    private static String requiredText(JsonNode node, String path, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add(path + ": required");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(path + ": must be a non-empty string, not " + kindOf(node));
            return null;
        }
        return node.asText().trim();
    }

    private static String optionalText(JsonNode node, String path, List<String> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(path + ": must be a string, not " + kindOf(node));
            return null;
        }
        return node.asText().trim();
    }

    private static Route parseRoute(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "quarantine":
            case "quarantined":
                return Route.QUARANTINED;
            case "resynthesis":
            case "resynthesize":
                return Route.RESYNTHESIS;
            case "accept":
            case "accepted":
                return Route.ACCEPTED;
            default:
                return null;
        }
    }

    private static SourceKind parseKind(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "synthetic": return SourceKind.SYNTHETIC;
            case "scraped": return SourceKind.SCRAPED;
            default: return null;
        }
    }

    private static String lower(SourceKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String kindOf(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String otherKeys(JsonNode node, String except) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals(except)) {
                keys.add(k);
            }
        });
        return String.join(", ", keys);
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }

    /** " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "". */
    static String suggestion(String wrong, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(wrong, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int tolerance = Math.max(2, wrong.length() / 4);
        return best != null && bestDistance <= tolerance ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }


    /**
     * The optional {@code pii:} mapping from kind to action. Its generated rule codes must not clash
     * with written ones, or slice overrides and reasons would be ambiguous.
     */
    private PiiPolicy parsePii(JsonNode node, List<Rule> written, List<String> errors) {
        if (node == null || node.isNull()) {
            return PiiPolicy.NONE;
        }
        List<String> kinds = new ArrayList<>();
        for (PiiKind k : PiiKind.values()) {
            kinds.add(k.key());
        }
        List<String> actions = new ArrayList<>();
        for (PiiPolicy.Action a : PiiPolicy.Action.values()) {
            actions.add(a.spelling());
        }
        if (!node.isObject()) {
            errors.add("pii: must be a mapping from kind (" + String.join(", ", kinds) + ") to action ("
                    + String.join(" | ", actions) + "), e.g. pii: { email: redact, secret: quarantine }; not a "
                    + kindOf(node));
            return PiiPolicy.NONE;
        }
        Map<PiiKind, PiiPolicy.Action> out = new EnumMap<>(PiiKind.class);
        boolean ignoresPrivateIps = false;
        Set<String> writtenCodes = new LinkedHashSet<>();
        written.forEach(r -> writtenCodes.add(r.code()));
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "pii." + e.getKey();
            if (e.getKey().equals(PiiPolicy.PRIVATE_IPS_KEY)) {
                String v = e.getValue().isTextual() ? e.getValue().asText().trim().toLowerCase(Locale.ROOT) : null;
                if ("ignore".equals(v) || "same".equals(v)) {
                    ignoresPrivateIps = v.equals("ignore");
                } else {
                    errors.add(path + ": expected 'ignore' (the ipv4/ipv6 actions leave private and reserved "
                            + "addresses alone) or 'same' (treat them like public ones), not "
                            + (e.getValue().isTextual() ? "'" + e.getValue().asText() + "'" : "a " + kindOf(e.getValue())));
                }
                continue;
            }
            PiiKind kind = PiiKind.byKey(e.getKey());
            if (kind == null) {
                Set<String> keys = new LinkedHashSet<>(kinds);
                keys.add(PiiPolicy.PRIVATE_IPS_KEY);
                errors.add(path + ": unknown kind '" + e.getKey() + "'" + suggestion(e.getKey(), keys)
                        + " (known: " + String.join(", ", kinds) + "; and " + PiiPolicy.PRIVATE_IPS_KEY + ")");
                continue;
            }
            JsonNode v = e.getValue();
            PiiPolicy.Action action = null;
            if (v.isTextual()) {
                for (PiiPolicy.Action a : PiiPolicy.Action.values()) {
                    if (a.spelling().equals(v.asText().trim().toLowerCase(Locale.ROOT))) {
                        action = a;
                    }
                }
            }
            if (action == null) {
                errors.add(path + ": unknown action " + (v.isTextual() ? "'" + v.asText() + "'" : "of type " + kindOf(v))
                        + " (expected one of: " + String.join(", ", actions) + ")");
                continue;
            }
            String code = action == PiiPolicy.Action.REDACT ? PiiPolicy.redactionCode(kind)
                    : PiiPolicy.quarantineCode(kind);
            if (action != PiiPolicy.Action.IGNORE && writtenCodes.contains(code)) {
                errors.add(path + ": generates rule code '" + code + "', which a rule in rules: already uses; "
                        + "rename that rule");
                continue;
            }
            out.put(kind, action);
        }
        return new PiiPolicy(out, ignoresPrivateIps);
    }


    /** The optional {@code provenance:} section: required fields per kind and allow/deny lists. */
    private static ProvenanceConfig parseProvenance(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return ProvenanceConfig.NONE;
        }
        if (!node.isObject()) {
            errors.add("provenance: must be a mapping with any of " + sorted(PROVENANCE_KEYS) + ", not a " + kindOf(node));
            return ProvenanceConfig.NONE;
        }
        checkKeys(node, "provenance", PROVENANCE_KEYS, errors);
        Map<SourceKind, Set<String>> required = new EnumMap<>(SourceKind.class);
        JsonNode req = node.get("required");
        if (req != null && !req.isNull()) {
            if (!req.isObject()) {
                errors.add("provenance.required: must map a source kind to a list of fields, e.g. "
                        + "{ scraped: [url, license] }");
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = req.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String path = "provenance.required." + e.getKey();
                    SourceKind kind = parseKind(e.getKey());
                    if (kind == null) {
                        errors.add(path + ": unknown source kind '" + e.getKey() + "' (expected synthetic or scraped)");
                        continue;
                    }
                    Set<String> fields = stringList(e.getValue(), path, errors);
                    for (String f : fields) {
                        if (!ProvenanceConfig.FIELDS.contains(f)) {
                            errors.add(path + ": unknown field '" + f + "'" + suggestion(f, ProvenanceConfig.FIELDS)
                                    + " (known: " + String.join(", ", ProvenanceConfig.FIELDS) + ")");
                        }
                    }
                    required.put(kind, fields);
                }
            }
        }
        return new ProvenanceConfig(required,
                stringList(node.get("license_allow"), "provenance.license_allow", errors),
                stringList(node.get("domain_deny"), "provenance.domain_deny", errors),
                stringList(node.get("domain_allow"), "provenance.domain_allow", errors),
                stringList(node.get("generator_allow"), "provenance.generator_allow", errors));
    }


    /**
     * The optional {@code contamination:} section: {@code ngram} (words per n-gram, 5-50, default 13)
     * and {@code benchmarks}, a mapping from name to a JSON Lines file, loaded here so that a missing
     * file fails the policy load rather than silently checking nothing.
     */
    private static ContaminationIndex parseContamination(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return ContaminationIndex.NONE;
        }
        if (!node.isObject()) {
            errors.add("contamination: must be a mapping with ngram and benchmarks, not a " + kindOf(node));
            return ContaminationIndex.NONE;
        }
        checkKeys(node, "contamination", CONTAMINATION_KEYS, errors);
        int n = 13;
        JsonNode ngram = node.get("ngram");
        if (ngram != null && !ngram.isNull()) {
            if (!ngram.isInt() || ngram.asInt() < 5 || ngram.asInt() > 50) {
                errors.add("contamination.ngram: must be an integer from 5 to 50 (words per n-gram), not " + ngram);
            } else {
                n = ngram.asInt();
            }
        }
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        JsonNode benchmarks = node.get("benchmarks");
        if (benchmarks != null && !benchmarks.isNull()) {
            if (!benchmarks.isObject()) {
                errors.add("contamination.benchmarks: must map a benchmark name to a JSONL file, e.g. "
                        + "{ mmlu: /data/mmlu.jsonl }");
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = benchmarks.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String path = "contamination.benchmarks." + e.getKey();
                    if (!CODE.matcher(e.getKey()).matches()) {
                        errors.add(path + ": benchmark names are lower_snake_case ([a-z][a-z0-9_]*); they become "
                                + "signal names");
                    } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        errors.add(path + ": must be the path of a JSON Lines file");
                    } else if (!Files.isReadable(Path.of(e.getValue().asText()))) {
                        errors.add(path + ": cannot read '" + e.getValue().asText() + "'");
                    } else {
                        files.put(e.getKey(), Path.of(e.getValue().asText()));
                    }
                }
            }
        }
        if (files.isEmpty() || errors.size() > 0) {
            return new ContaminationIndex(n, Map.of());
        }
        try {
            return ContaminationIndex.load(n, files);
        } catch (IOException e) {
            errors.add("contamination.benchmarks: " + e.getMessage());
            return ContaminationIndex.NONE;
        }
    }


    /** The optional {@code blocklists:} section: list name (a language code) to a term file. */
    private static Blocklists parseBlocklists(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return Blocklists.NONE;
        }
        if (!node.isObject()) {
            errors.add("blocklists: must map a list name (e.g. a language code) to a file of terms, one per line; "
                    + "not a " + kindOf(node));
            return Blocklists.NONE;
        }
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "blocklists." + e.getKey();
            if (!CODE.matcher(e.getKey()).matches()) {
                errors.add(path + ": list names are lower_snake_case ([a-z][a-z0-9_]*); they become signal names");
            } else if (!e.getValue().isTextual() || !Files.isReadable(Path.of(e.getValue().asText()))) {
                errors.add(path + ": cannot read term file '" + e.getValue().asText() + "'");
            } else {
                files.put(e.getKey(), Path.of(e.getValue().asText()));
            }
        }
        if (files.isEmpty() || !errors.isEmpty()) {
            return Blocklists.NONE;
        }
        try {
            return Blocklists.load(files);
        } catch (IOException e) {
            errors.add("blocklists: " + e);
            return Blocklists.NONE;
        }
    }


    /** An optional list of non-empty strings; absent gives the empty set. */
    private static Set<String> stringList(JsonNode node, String path, List<String> errors) {
        Set<String> out = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            errors.add(path + ": must be a list of strings, not a " + kindOf(node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(path + "[" + i + "]: must be a non-empty string");
            } else {
                out.add(item.asText().trim());
            }
        }
        return out;
    }
}
