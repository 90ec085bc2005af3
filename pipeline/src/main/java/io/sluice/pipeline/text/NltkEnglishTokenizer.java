package io.sluice.pipeline.text;

import java.util.ArrayList;
import java.util.List;

/**
 * NLTK's English tokenizer in Java: {@link #sentences} behaves like {@code nltk.sent_tokenize(text,
 * "english")} (Punkt, see {@link PunktSentences} for how its parameters differ from NLTK's trained
 * model) and {@link #words} like {@code nltk.word_tokenize(text)}: Punkt sentences, then NLTK's
 * improved Treebank word tokenizer on each sentence, with its contractions ({@code don't} → {@code do},
 * {@code n't}), quote conversion ({@code "} → {@code ``} or {@code ''}) and final-period rule.
 *
 * <p>Thread-safe. For hot paths, {@link #words(String, TokenBuffer)} writes into a caller-owned,
 * reusable buffer instead of allocating a string per token.
 */
public final class NltkEnglishTokenizer implements EnglishTokenizer {

    static final NltkEnglishTokenizer INSTANCE = new NltkEnglishTokenizer();

    private static final ThreadLocal<TokenBuffer> BUFFERS = ThreadLocal.withInitial(TokenBuffer::new);

    private final PunktSentences punkt = PunktSentences.ENGLISH;

    /** The shared instance; {@link EnglishTokenizer#standard()} returns it too. */
    public static NltkEnglishTokenizer instance() {
        return INSTANCE;
    }

    @Override
    public List<String> sentences(String text) {
        TokenBuffer tb = BUFFERS.get();
        tb.clear();
        punkt.split(text, tb.loadText(text), tb);
        List<String> out = new ArrayList<>(tb.spanCount);
        for (int i = 0; i < tb.spanCount; i++) {
            // NLTK returns the spans as they are; datatrove strips them and drops empty ones.
            String s = text.substring(tb.spans[2 * i], tb.spans[2 * i + 1]).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The number of sentences {@link #sentences} would return, without building them. */
    public int sentenceCount(String text) {
        TokenBuffer tb = BUFFERS.get();
        tb.clear();
        final char[] t = tb.loadText(text);
        punkt.split(text, t, tb);
        int count = 0;
        for (int i = 0; i < tb.spanCount; i++) {
            for (int k = tb.spans[2 * i]; k < tb.spans[2 * i + 1]; k++) {
                if (!Character.isWhitespace(t[k]) && !PyChars.isSpace(t[k])) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    @Override
    public List<String> words(String text) {
        TokenBuffer tb = BUFFERS.get();
        words(text, tb);
        return tb.toList();
    }

    /** Tokenizes {@code text} into {@code out}, which is cleared first. */
    public void words(String text, TokenBuffer out) {
        out.clear();
        // One copy into an array; Punkt and every Treebank pass then index it without bounds-checked
        // String.charAt calls.
        final char[] t = out.loadText(text);
        punkt.split(text, t, out);
        for (int i = 0; i < out.spanCount; i++) {
            TreebankWords.tokenize(t, out.spans[2 * i], out.spans[2 * i + 1], out);
        }
    }
}
