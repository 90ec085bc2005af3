package io.sluice.pipeline.policy;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.blocklist.Blocklists;
import io.sluice.pipeline.signals.contamination.ContaminationIndex;
import io.sluice.pipeline.signals.provenance.ProvenanceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A versioned curation policy: rules mapping signals to routes and reason codes, and per-slice
 * overrides. Immutable and thread-safe; build it with {@link PolicyLoader}, which validates it.
 *
 * <p>Evaluation ({@link #decide}): every rule that applies to the record's source kind, is not
 * disabled for its slice, and whose condition (in the slice's form, see {@link SliceOverride})
 * holds contributes a reason; the route is the most
 * severe matched route (QUARANTINED &gt; RESYNTHESIS &gt; ACCEPTED). Rules are not short-circuited
 * after a quarantine so that the reasons tell the whole story, which matters when an operator
 * reviews the quarantine or a learner attributes outcomes to rules.
 */
public final class Policy {

    private final String version;
    private final String description;
    private final List<Rule> rules;
    private final List<SliceOverride> sliceOverrides;
    private final PiiPolicy pii;
    private final ProvenanceConfig provenance;
    private final ContaminationIndex contamination;
    private final Blocklists blocklists;
    /** Rules per {@link SourceKind#ordinal()}, so evaluation skips the kind check. */
    private final Rule[][] rulesByKind;

    /**
     * Builds a policy without semantic validation; {@link PolicyLoader} validates (known signals,
     * resynthesis only for synthetic records, unique codes) and is the normal way in.
     */
    public Policy(String version, String description, List<Rule> rules, List<SliceOverride> sliceOverrides) {
        this(version, description, rules, sliceOverrides, PiiPolicy.NONE);
    }

    /**
     * Builds a policy with a {@code pii:} section; {@code rules} must already contain the section's
     * rules ({@link PiiPolicy#rules()}), as {@link PolicyLoader} arranges.
     */
    public Policy(String version, String description, List<Rule> rules, List<SliceOverride> sliceOverrides,
            PiiPolicy pii) {
        this(version, description, rules, sliceOverrides, pii, ProvenanceConfig.NONE);
    }

    /** Builds a policy with {@code pii:} and {@code provenance:} sections. */
    public Policy(String version, String description, List<Rule> rules, List<SliceOverride> sliceOverrides,
            PiiPolicy pii, ProvenanceConfig provenance) {
        this(version, description, rules, sliceOverrides, pii, provenance, ContaminationIndex.NONE);
    }

    /** Builds a policy with {@code pii:}, {@code provenance:} and {@code contamination:} sections. */
    public Policy(String version, String description, List<Rule> rules, List<SliceOverride> sliceOverrides,
            PiiPolicy pii, ProvenanceConfig provenance, ContaminationIndex contamination) {
        this(version, description, rules, sliceOverrides, pii, provenance, contamination, Blocklists.NONE);
    }

    /** Builds a policy with every safety section, {@code blocklists:} included. */
    public Policy(String version, String description, List<Rule> rules, List<SliceOverride> sliceOverrides,
            PiiPolicy pii, ProvenanceConfig provenance, ContaminationIndex contamination, Blocklists blocklists) {
        this.pii = Objects.requireNonNull(pii, "pii");
        this.blocklists = Objects.requireNonNull(blocklists, "blocklists");
        this.contamination = Objects.requireNonNull(contamination, "contamination");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.version = Objects.requireNonNull(version, "version");
        this.description = description;
        this.rules = List.copyOf(rules);
        this.sliceOverrides = List.copyOf(sliceOverrides);
        SourceKind[] kinds = SourceKind.values();
        this.rulesByKind = new Rule[kinds.length][];
        for (SourceKind kind : kinds) {
            rulesByKind[kind.ordinal()] = this.rules.stream()
                    .filter(r -> r.appliesTo().contains(kind))
                    .toArray(Rule[]::new);
        }
    }

    /** The version every decision made by this policy names. */
    public String version() {
        return version;
    }

    /** Free text for operators; may be null. */
    public String description() {
        return description;
    }

    /** The rules, in evaluation (and reason) order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The per-slice overrides, in the order written. */
    public List<SliceOverride> sliceOverrides() {
        return sliceOverrides;
    }

    /** The {@code pii:} section: per kind, ignore, redact or quarantine. */
    public PiiPolicy pii() {
        return pii;
    }

    /** The {@code provenance:} section: lists the provenance signals check records against. */
    public ProvenanceConfig provenance() {
        return provenance;
    }

    /** The benchmark n-grams loaded from the {@code contamination:} section. */
    public ContaminationIndex contamination() {
        return contamination;
    }

    /** The term lists loaded from the {@code blocklists:} section. */
    public Blocklists blocklists() {
        return blocklists;
    }

    /** Every signal name some rule reads. */
    public Set<String> referencedSignals() {
        Set<String> out = new LinkedHashSet<>();
        for (Rule r : rules) {
            r.when().collectSignals(out);
            if (r.unless() != null) {
                r.unless().collectSignals(out);
            }
        }
        return out;
    }

    /**
     * Decides the route of one record.
     *
     * @param kind    the record's source kind
     * @param slice   the record's slice key, {@code kind/language/domain}
     * @param signals the record's signal values
     */
    public PolicyDecision decide(SourceKind kind, String slice, Map<String, Double> signals) {
        Rule[] candidates = rulesByKind[kind.ordinal()];
        List<Rule> matched = null;
        for (Rule candidate : candidates) {
            Rule rule = sliceOverrides.isEmpty() ? candidate : effective(candidate, slice);
            if (rule != null && rule.matches(signals)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(rule);
            }
        }
        return matched == null ? PolicyDecision.ACCEPTED : explain(matched, signals);
    }

    /**
     * The form of {@code rule} that applies in {@code slice}: itself, a slice's replacement, or null when
     * disabled there. The last matching override that names the code decides, so a specific slice
     * written after a general one can turn a check back on.
     */
    private Rule effective(Rule rule, String slice) {
        Rule out = rule;
        String code = rule.code();
        for (SliceOverride o : sliceOverrides) {
            if (o.disabledCodes().contains(code)) {
                if (o.matches(slice)) {
                    out = null;
                }
            } else {
                Rule replacement = o.replacements().get(code);
                if (replacement != null && replacement.appliesTo().equals(rule.appliesTo()) && o.matches(slice)) {
                    out = replacement;
                }
            }
        }
        return out;
    }

    private static PolicyDecision explain(List<Rule> matched, Map<String, Double> signals) {
        Route route = Route.ACCEPTED;
        List<ReasonCode> reasons = new ArrayList<>(matched.size());
        Map<String, Double> failing = new LinkedHashMap<>();
        StringBuilder instruction = new StringBuilder();
        List<Condition.Compare> parts = new ArrayList<>(2);
        for (Rule rule : matched) {
            if (severity(rule.route()) > severity(route)) {
                route = rule.route();
            }
            parts.clear();
            rule.when().explain(signals, parts);
            StringBuilder detail = new StringBuilder();
            if (rule.detail() != null) {
                detail.append(rule.detail()).append(": ");
            }
            for (int i = 0; i < parts.size(); i++) {
                Condition.Compare c = parts.get(i);
                double value = signals.get(c.signal());
                detail.append(i == 0 ? "" : "; ").append(c.describe(value));
                failing.putIfAbsent(c.signal(), value);
            }
            // The Avro record has room for one signal; the first comparison is the primary one and
            // the detail lists all of them.
            Condition.Compare primary = parts.isEmpty() ? null : parts.get(0);
            reasons.add(new ReasonCode(rule.code(), detail.toString(),
                    primary == null ? null : primary.signal(),
                    primary == null ? null : signals.get(primary.signal()),
                    primary == null ? null : primary.threshold()));
            if (rule.route() == Route.RESYNTHESIS && rule.instruction() != null
                    && instruction.indexOf(rule.instruction()) < 0) {
                instruction.append(instruction.length() == 0 ? "" : " ").append(rule.instruction());
            }
        }
        String repair = route == Route.RESYNTHESIS ? instruction.toString() : null;
        return new PolicyDecision(route, reasons, failing, repair);
    }

    /** QUARANTINED &gt; RESYNTHESIS &gt; ACCEPTED: a record that cannot be trusted is not worth repairing. */
    public static int severity(Route route) {
        switch (route) {
            case QUARANTINED: return 2;
            case RESYNTHESIS: return 1;
            default: return 0;
        }
    }

    @Override
    public String toString() {
        return "Policy[" + version + ", " + rules.size() + " rules, " + sliceOverrides.size() + " slice overrides]";
    }
}
