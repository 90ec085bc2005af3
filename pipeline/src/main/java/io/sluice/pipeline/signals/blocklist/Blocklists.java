package io.sluice.pipeline.signals.blocklist;

import io.sluice.pipeline.text.AhoCorasick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Term lists per language, loaded from UTF-8 files with one term per line ({@code #} starts a
 * comment line), compiled into one {@link AhoCorasick} matcher per list. No list ships with Sluice;
 * the policy's {@code blocklists:} section names the files. Immutable and shared by all scorers.
 *
 * @param matchers list name (a language code) to its matcher, in configuration order
 * @param sizes    list name to its number of terms
 */
public record Blocklists(Map<String, AhoCorasick> matchers, Map<String, Integer> sizes) {

    /** No lists. */
    public static final Blocklists NONE = new Blocklists(Map.of(), Map.of());

    public Blocklists {
        matchers = Collections.unmodifiableMap(new LinkedHashMap<>(matchers));
        sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    }

    /** Loads one list per entry of {@code files} (name to path). */
    public static Blocklists load(Map<String, Path> files) throws IOException {
        Map<String, AhoCorasick> m = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            List<String> terms = new ArrayList<>();
            for (String line : Files.readAllLines(e.getValue(), StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    terms.add(t);
                }
            }
            m.put(e.getKey(), new AhoCorasick(terms));
            sizes.put(e.getKey(), terms.size());
        }
        return new Blocklists(m, sizes);
    }
}
