package io.sluice.pipeline.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A placeholder until the NLTK-compatible tokenizer lands: sentences end at . ! ? followed by
 * whitespace; words are runs of letters/digits or single punctuation characters.
 */
final class NaiveEnglishTokenizer implements EnglishTokenizer {
    static final NaiveEnglishTokenizer INSTANCE = new NaiveEnglishTokenizer();
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+|[^\\s\\p{L}\\p{N}]");

    @Override
    public List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    @Override
    public List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
