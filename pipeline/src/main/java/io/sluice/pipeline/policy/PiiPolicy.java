package io.sluice.pipeline.policy;

import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.pii.PiiKind;
import io.sluice.pipeline.signals.pii.PiiSignals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy's {@code pii:} section: what to do with a record containing each {@link PiiKind}.
 *
 * <pre>{@code
 * pii:
 *   email: redact        # replace with <EMAIL> and let the other rules decide
 *   secret: quarantine   # route to quarantine with reason pii_secret
 *   phone: ignore        # the default for kinds not listed
 *   private_ips: ignore  # ipv4/ipv6 actions apply to public addresses only (default: same)
 * }</pre>
 *
 * <p>The section compiles to ordinary rules appended after the written ones, so reasons, slice
 * overrides and failing signals work as for any rule: {@code quarantine} becomes rule
 * {@code pii_<kind>} ({@code pii.<kind> >= 1}, route quarantine); {@code redact} becomes rule
 * {@code pii_<kind>_redacted} with route accept, which only annotates, and the scorer redacts the
 * kinds whose redaction rules matched. Disabling {@code pii_email_redacted} for a slice therefore
 * also turns redaction off there.
 *
 * <p>{@code private_ips: ignore} leaves private, loopback, link-local, reserved and documentation
 * addresses (127.0.0.1, 192.168.1.1, fe80::1) alone: the IP rules then fire on
 * {@code pii.ipv4_public} / {@code pii.ipv6_public} and redaction skips private spans. Such
 * addresses identify no one outside their network and fill technical documentation, which
 * redaction would only damage (datatrove's PII formatter keeps them too: {@code only_remove_public_ips}).
 */
public final class PiiPolicy {

    /** What to do with one kind. */
    public enum Action {
        IGNORE, REDACT, QUARANTINE;

        /** Lower-case spelling used in YAML. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** No {@code pii:} section: every kind is counted and otherwise ignored. */
    public static final PiiPolicy NONE = new PiiPolicy(Map.of());

    /** The YAML key of the private-address setting, next to the kinds. */
    public static final String PRIVATE_IPS_KEY = "private_ips";

    private final Map<PiiKind, Action> actions;
    private final Map<String, PiiKind> redactionCodes;
    private final boolean ignoresPrivateIps;

    /** Actions per kind, private addresses treated like public ones. */
    public PiiPolicy(Map<PiiKind, Action> actions) {
        this(actions, false);
    }

    /** Actions per kind; {@code ignoresPrivateIps}: the IP kinds' actions apply to public addresses only. */
    public PiiPolicy(Map<PiiKind, Action> actions, boolean ignoresPrivateIps) {
        this.ignoresPrivateIps = ignoresPrivateIps;
        EnumMap<PiiKind, Action> copy = new EnumMap<>(PiiKind.class);
        copy.putAll(actions);
        this.actions = Collections.unmodifiableMap(copy);
        Map<String, PiiKind> codes = new HashMap<>();
        for (Map.Entry<PiiKind, Action> e : copy.entrySet()) {
            if (e.getValue() == Action.REDACT) {
                codes.put(redactionCode(e.getKey()), e.getKey());
            }
        }
        this.redactionCodes = Map.copyOf(codes);
    }

    /** The action for {@code kind}; IGNORE when the section does not name it. */
    public Action action(PiiKind kind) {
        return actions.getOrDefault(kind, Action.IGNORE);
    }

    /** The kinds named in the section with their actions. */
    public Map<PiiKind, Action> actions() {
        return actions;
    }

    /** True when the IP kinds' actions leave private and reserved addresses alone. */
    public boolean ignoresPrivateIps() {
        return ignoresPrivateIps;
    }

    /** The signal a kind's rule fires on: its count, or for IPs under {@code private_ips: ignore} the public count. */
    public String ruleSignal(PiiKind kind) {
        if (ignoresPrivateIps && kind == PiiKind.IPV4) {
            return PiiSignals.IPV4_PUBLIC;
        }
        if (ignoresPrivateIps && kind == PiiKind.IPV6) {
            return PiiSignals.IPV6_PUBLIC;
        }
        return kind.signal();
    }

    /** True when some kind is redacted, so the scorer needs to look at reasons at all. */
    public boolean redactsAnything() {
        return !redactionCodes.isEmpty();
    }

    /** The kind a matched redaction rule code stands for, or null if the code is not one. */
    public PiiKind redactedKind(String reasonCode) {
        return redactionCodes.get(reasonCode);
    }

    /** Rule code of the quarantine rule for {@code kind}, e.g. {@code pii_secret}. */
    public static String quarantineCode(PiiKind kind) {
        return "pii_" + kind.key();
    }

    /** Rule code of the redaction rule for {@code kind}, e.g. {@code pii_email_redacted}. */
    public static String redactionCode(PiiKind kind) {
        return "pii_" + kind.key() + "_redacted";
    }

    /** The rules this section stands for, in {@link PiiKind} order. */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (Map.Entry<PiiKind, Action> e : actions.entrySet()) {
            PiiKind kind = e.getKey();
            Condition when = new Condition.Compare(ruleSignal(kind), ComparisonOp.GE, 1);
            switch (e.getValue()) {
                case QUARANTINE -> out.add(new Rule(quarantineCode(kind), when, null, Route.QUARANTINED,
                        EnumSet.allOf(SourceKind.class), "contains " + described(kind) + " (pii: quarantine)", null));
                case REDACT -> out.add(new Rule(redactionCode(kind), when, null, Route.ACCEPTED,
                        EnumSet.allOf(SourceKind.class), "redacted " + described(kind) + " as " + kind.placeholder(),
                        null));
                default -> { }
            }
        }
        return out;
    }

    private String described(PiiKind kind) {
        boolean ip = kind == PiiKind.IPV4 || kind == PiiKind.IPV6;
        return ip && ignoresPrivateIps ? "public " + kind.key() : kind.key();
    }
}
