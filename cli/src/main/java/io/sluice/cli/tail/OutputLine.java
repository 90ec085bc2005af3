package io.sluice.cli.tail;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.connectors.kafka.DeadLetters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One readable line per output record, for operators reviewing what Sluice decided: the route, the
 * record's id and slice, every reason with its detail, the policy version, and for dead letters
 * where the input came from and the stage and error that stopped it.
 *
 * <p>Never the text or the dead letter's bytes: a reviewer looks a record up by id, and a line in
 * a terminal or a log must not carry the PII that got the record quarantined.
 */
public final class OutputLine {
    private OutputLine() {}

    /** An accepted or quarantined record. */
    public static String curated(CuratedRecord c) {
        StringBuilder line = new StringBuilder()
                .append(c.getDecision().getRoute().name())
                .append("  ").append(c.getDecision().getDecidedAt())
                .append("  id=").append(oneLine(c.getId()))
                .append("  slice=").append(c.getSlice())
                .append("  policy=").append(c.getDecision().getPolicyVersion());
        if (c.getDupOf() != null) {
            line.append("  dup_of=").append(oneLine(c.getDupOf()));
        }
        return line.append(reasons(c.getDecision().getReasons())).toString();
    }

    /** A REPAIR or FILL_GAP request. */
    public static String resynthesis(ResynthesisRequest r) {
        StringBuilder line = new StringBuilder("RESYNTHESIS ").append(r.getKind().name())
                .append("  ").append(r.getCreatedAt());
        if (r.getKind() == ResynthesisKind.REPAIR && r.getRecord() != null) {
            line.append("  id=").append(oneLine(r.getRecord().getId()));
        } else {
            line.append("  request=").append(oneLine(r.getRequestId()));
        }
        line.append("  slice=").append(r.getSlice()).append("  priority=").append(r.getPriority());
        if (r.getWantedCount() != null) {
            line.append("  wanted=").append(r.getWantedCount());
        }
        line.append("  policy=").append(r.getPolicyVersion());
        if (r.getRecord() != null) {
            line.append(reasons(r.getRecord().getDecision().getReasons()));
        }
        return line.append("  instruction: ").append(oneLine(r.getInstruction())).toString();
    }

    /** A dead letter, from its key and error headers. */
    public static String deadLetter(String key, Map<String, String> headers) {
        return "DEADLETTER  key=" + oneLine(key)
                + "  from=" + headers.get(DeadLetters.TOPIC) + "/" + headers.get(DeadLetters.PARTITION)
                + "@" + headers.get(DeadLetters.OFFSET)
                + "  stage=" + headers.get(DeadLetters.STAGE)
                + "  error=" + headers.get(DeadLetters.EXCEPTION_CLASS) + ": " + oneLine(headers.get(DeadLetters.MESSAGE));
    }

    /** An intervention ledger entry: what one evaluation result was credited to, and the effect so far. */
    public static String ledger(InterventionRecord r) {
        return "LEDGER  " + r.getRecordedAt()
                + "  intervention=" + oneLine(r.getInterventionId())
                + "  slice=" + oneLine(r.getSlice())
                + "  kind=" + oneLine(r.getKind())
                + "  effect=" + (r.getMeasuredEffect() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.getMeasuredEffect()))
                + "  n=" + r.getObservations()
                + "  policy=" + oneLine(r.getPolicyVersion())
                + "  (" + oneLine(r.getDescription()) + ")";
    }

    /** A policy update, the learner's or an operator's; never the policy document itself. */
    public static String policyUpdate(PolicyUpdate u) {
        StringBuilder line = new StringBuilder("POLICY  ").append(u.getPublishedAt())
                .append("  version=").append(oneLine(u.getPolicyVersion()))
                .append("  author=").append(oneLine(u.getAuthor()));
        if (u.getInterventionId() != null && !u.getInterventionId().isEmpty()) {
            line.append("  interventions=").append(oneLine(u.getInterventionId()));
        }
        if (u.getReason() != null) {
            line.append("  reason: ").append(oneLine(u.getReason()));
        }
        return line.toString();
    }

    /** Whether a record with these reason codes (or a dead letter of this stage) matches {@code code}. */
    public static boolean hasReason(List<ReasonCode> reasons, String code) {
        return reasons.stream().anyMatch(r -> r.getCode().equals(code));
    }

    private static String reasons(List<ReasonCode> reasons) {
        if (reasons.isEmpty()) {
            return "";
        }
        return "  reasons: " + reasons.stream()
                .map(r -> r.getDetail() == null || r.getDetail().isBlank() ? r.getCode()
                        : r.getCode() + " (" + oneLine(r.getDetail()) + ")")
                .collect(Collectors.joining("; "));
    }

    /** Line breaks and other control characters would break the one-line-per-record promise. */
    static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
