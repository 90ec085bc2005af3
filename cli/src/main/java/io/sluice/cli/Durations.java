package io.sluice.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses operator-friendly durations: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}. */
final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "' must look like 500ms, 90s, 10m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
