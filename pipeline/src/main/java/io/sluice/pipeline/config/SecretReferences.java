package io.sluice.pipeline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} references in configuration values, so
 * secrets live in the environment or in mounted files rather than in config files, command lines
 * or logs. Error messages name the setting and the reference, never a resolved value.
 */
public final class SecretReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private SecretReferences() {}

    public static String resolve(String key, String value) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String ref = m.group(2);
            String resolved;
            if (kind.equals("env")) {
                resolved = System.getenv(ref);
                if (resolved == null) {
                    throw new IllegalArgumentException("setting '" + key + "' refers to environment variable " + ref
                            + ", which is not set");
                }
            } else {
                try {
                    resolved = Files.readString(Path.of(ref)).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException("setting '" + key + "' refers to file " + ref
                            + ", which cannot be read: " + e.getClass().getSimpleName());
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }
}
