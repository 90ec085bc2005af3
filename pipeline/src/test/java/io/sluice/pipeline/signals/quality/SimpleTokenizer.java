package io.sluice.pipeline.signals.quality;

import io.sluice.pipeline.text.EnglishTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A predictable tokenizer for rule tests, so that a test of a C4 or FineWeb rule fails only when the
 * rule is wrong: sentences end after . ! ? followed by whitespace, words are whitespace-separated.
 */
final class SimpleTokenizer implements EnglishTokenizer {

    static final SimpleTokenizer INSTANCE = new SimpleTokenizer();

    @Override
    public List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.strip().split("(?<=[.!?])\\s+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    @Override
    public List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
