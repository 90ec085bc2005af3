package io.sluice.pipeline.policy;

import java.util.List;

/**
 * A policy document that cannot be used. Carries every problem found, each prefixed by the path of
 * the offending key (e.g. {@code rules[2].when.signal: unknown signal ...}), so that an operator can
 * fix them all in one edit rather than one per attempt.
 */
public final class InvalidPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final List<String> errors;

    public InvalidPolicyException(String origin, List<String> errors) {
        super(message(origin, errors));
        this.origin = origin;
        this.errors = List.copyOf(errors);
    }

    /** Where the policy came from: a file path, a classpath resource or a topic offset. */
    public String origin() {
        return origin;
    }

    /** The problems, each {@code path: what is wrong}. */
    public List<String> errors() {
        return errors;
    }

    private static String message(String origin, List<String> errors) {
        StringBuilder sb = new StringBuilder("invalid policy ").append(origin).append(": ")
                .append(errors.size()).append(errors.size() == 1 ? " problem" : " problems");
        for (String e : errors) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }
}
