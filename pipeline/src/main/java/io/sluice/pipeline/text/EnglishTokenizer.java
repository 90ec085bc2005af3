package io.sluice.pipeline.text;

import java.util.List;

/**
 * Sentence and word tokenization with the behaviour of NLTK's English tokenizer, which the
 * field's reference filters (datatrove's Gopher, C4 and FineWeb) use: {@link #sentences} like
 * {@code nltk.sent_tokenize} (Punkt, English parameters) and {@link #words} like
 * {@code nltk.word_tokenize} (Punkt sentences, then Treebank-style words per sentence).
 * Implementations are stateless and thread-safe.
 */
public interface EnglishTokenizer {

    /** The sentences of {@code text}, stripped, in order. */
    List<String> sentences(String text);

    /** {@code sentences(text).size()}, which implementations can count without building the sentences. */
    default int sentenceCount(String text) {
        return sentences(text).size();
    }

    /** The word tokens of {@code text} (punctuation tokens included), in order. */
    List<String> words(String text);

    /** The implementation the project uses. */
    static EnglishTokenizer standard() {
        return NltkEnglishTokenizer.INSTANCE;
    }
}
