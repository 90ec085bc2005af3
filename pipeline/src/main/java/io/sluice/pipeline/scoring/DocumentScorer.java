package io.sluice.pipeline.scoring;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyDecision;
import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.signals.LanguageSignals;
import io.sluice.pipeline.signals.SignalFamily;
import io.sluice.pipeline.signals.SignalInput;
import io.sluice.pipeline.signals.SignalRegistry;
import io.sluice.pipeline.signals.SignalValues;
import io.sluice.pipeline.signals.pii.PiiKind;
import io.sluice.pipeline.signals.pii.PiiRedactor;
import io.sluice.pipeline.signals.pii.PiiScanner;
import io.sluice.pipeline.signals.pii.PiiSignals;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Normalizes, computes signals for and decides the route of one record at a time. Plain Java with no
 * Flink dependency: the stream job and the offline {@code score} command run this same code.
 *
 * <p>Thread-confined: create one per thread (per Flink subtask). It is cheap to build, so a policy
 * update is applied by building a new scorer, or by {@link #withPolicy}.
 */
public final class DocumentScorer {

    private final Policy policy;
    private final SignalRegistry registry;
    private final SignalFamily[] families;
    private final LongSupplier clock;
    private final TextNormalizer normalizer = new TextNormalizer();
    /** The registry's {@code lang} family, whose guess fills the slice of records that declare no language. */
    private final LanguageSignals language;
    /** The registry's PII family, whose last scan redaction reuses; null when it has none. */
    private final PiiSignals pii;
    /** Scans for redaction when the registry has no PII family. */
    private PiiScanner piiScanner;
    /** The registry's signal names, in the order families emit them. */
    private final SignalValues.Layout layout;

    /** A scorer running the standard signals under {@code policy}, with the system clock. */
    public DocumentScorer(Policy policy) {
        this(policy, SignalRegistry.standard(policy.provenance(), policy.contamination(), policy.blocklists()),
                System::currentTimeMillis);
    }

    /**
     * A scorer with explicit signal families and clock.
     *
     * @param clock supplies the scoring time (epoch ms) that record checks compare event times with
     * @throws IllegalArgumentException if the policy reads a signal the registry does not produce
     */
    public DocumentScorer(Policy policy, SignalRegistry registry, LongSupplier clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        Set<String> unknown = new LinkedHashSet<>(policy.referencedSignals());
        unknown.removeAll(registry.names());
        if (!unknown.isEmpty()) {
            // PolicyLoader already rejects these; this guards policies built in code.
            throw new IllegalArgumentException("policy " + policy.version() + " reads signals no family computes: "
                    + unknown);
        }
        this.families = registry.families().toArray(SignalFamily[]::new);
        LanguageSignals lang = null;
        PiiSignals piiFamily = null;
        for (SignalFamily family : families) {
            if (family instanceof LanguageSignals l) {
                lang = l;
            }
            if (family instanceof PiiSignals p) {
                piiFamily = p;
            }
        }
        this.language = lang;
        this.pii = piiFamily;
        this.layout = new SignalValues.Layout(registry.names());
    }

    /** A scorer like this one deciding with {@code newPolicy}. */
    public DocumentScorer withPolicy(Policy newPolicy) {
        // The provenance lists live in the policy, so a policy that changes them needs fresh families.
        SignalRegistry next = newPolicy.provenance().equals(policy.provenance())
                && newPolicy.contamination() == policy.contamination()
                && newPolicy.blocklists() == policy.blocklists() ? registry
                : SignalRegistry.standard(newPolicy.provenance(), newPolicy.contamination(), newPolicy.blocklists());
        return new DocumentScorer(newPolicy, next, clock);
    }

    /** The policy this scorer decides with. */
    public Policy policy() {
        return policy;
    }

    /** Scores one record; its text is normalized first. */
    public ScoringResult score(ScoringInput in) {
        return score(in, normalizer.normalize(in.text()));
    }

    /**
     * Scores one record whose text is already normalized (the job's records, normalized when they
     * were decoded): the same result as {@link #score} without a second pass over the text.
     */
    public ScoringResult scoreNormalized(ScoringInput in) {
        return score(in, in.text());
    }

    private ScoringResult score(ScoringInput in, String text) {
        if (language != null) {
            language.recordLanguage().declare(in.language());
        }
        SignalInput signalInput = new SignalInput(in.id(), text, in.kind(), in.eventTimeMillis(), in.url(),
                clock.getAsLong(), in.context());
        SignalValues.Builder values = layout.builder();
        for (SignalFamily family : families) {
            family.compute(signalInput, values);
        }
        Map<String, Double> signals = values.build();
        LanguageGuess guess = language == null ? null : language.lastGuess();
        // The declared language, else the identified one (the language Gopher's stop words followed).
        String sliceLanguage = language == null ? in.language() : language.recordLanguage().code(text);
        String slice = SliceKey.of(in.kind(), sliceLanguage, in.domain());
        PolicyDecision decision = policy.decide(in.kind(), slice, signals);
        String redacted = policy.pii().redactsAnything() ? redact(text, decision) : null;
        return new ScoringResult(text, signals, registry.version(), slice, decision.route(), decision.reasons(),
                decision.failingSignals(), decision.repairInstruction(), policy.version(), guess, redacted);
    }

    /**
     * Redacts the kinds whose redaction rules matched (so slice overrides apply), or returns null.
     * The spans are those the PII family found while scoring the same text.
     */
    private String redact(String text, PolicyDecision decision) {
        EnumSet<PiiKind> kinds = null;
        for (ReasonCode reason : decision.reasons()) {
            PiiKind kind = policy.pii().redactedKind(reason.getCode());
            if (kind != null) {
                if (kinds == null) {
                    kinds = EnumSet.noneOf(PiiKind.class);
                }
                kinds.add(kind);
            }
        }
        if (kinds == null) {
            return null;
        }
        boolean keepPrivateIps = policy.pii().ignoresPrivateIps();
        if (pii != null) {
            return PiiRedactor.redact(text, pii.matches(text), kinds, keepPrivateIps);
        }
        if (piiScanner == null) {
            piiScanner = new PiiScanner();
        }
        return PiiRedactor.redact(text, piiScanner.scan(text), kinds, keepPrivateIps);
    }

    /**
     * Scores a bare text, as if it were a record with event time "now" and no language, domain or URL;
     * for notebooks, benchmarks and tests.
     */
    public ScoringResult scoreText(String id, String text, SourceKind kind) {
        return score(new ScoringInput(id, text, kind, clock.getAsLong(), null, null, null));
    }
}
