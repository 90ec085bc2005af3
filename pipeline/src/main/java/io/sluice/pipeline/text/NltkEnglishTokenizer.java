package io.sluice.pipeline.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * NLTK's English tokenizer in Java: {@link #sentences} behaves like {@code nltk.sent_tokenize(text,
 * "english")} (Punkt with NLTK's trained English model, see {@link PunktSentences}) and {@link #words}
 * like {@code nltk.word_tokenize(text)}: Punkt sentences, then NLTK's
 * improved Treebank word tokenizer on each sentence, with its contractions ({@code don't} → {@code do},
 * {@code n't}), quote conversion ({@code "} → {@code ``} or {@code ''}) and final-period rule.
 *
 * <p>Thread-safe. For hot paths, {@link #words(String, TokenBuffer)} writes into a caller-owned,
 * reusable buffer instead of allocating a string per token.
 */
public final class NltkEnglishTokenizer implements EnglishTokenizer {

    static final NltkEnglishTokenizer INSTANCE = new NltkEnglishTokenizer(PunktSentences.ENGLISH);

    private static final ThreadLocal<TokenBuffer> BUFFERS = ThreadLocal.withInitial(TokenBuffer::new);

    private static final Map<String, NltkEnglishTokenizer> BY_LANGUAGE = new ConcurrentHashMap<>();

    private static final AtomicBoolean PRELOAD_STARTED = new AtomicBoolean();

    private final PunktSentences punkt;

    private NltkEnglishTokenizer(PunktSentences punkt) {
        this.punkt = punkt;
    }

    /** The shared instance; {@link EnglishTokenizer#standard()} returns it too. */
    public static NltkEnglishTokenizer instance() {
        return INSTANCE;
    }

    /**
     * NLTK's {@code word_tokenize(text, language=...)} and {@code sent_tokenize(text, language=...)}
     * for the language {@code iso639_1} (lower case; null for unknown): sentences by NLTK's Punkt
     * model for that language where Sluice ships one, words by the same Treebank
     * rules for every language (NLTK has only those). This is how datatrove's word tokenizers split
     * the languages NLTK has models for (the ones Sluice ships are the directories of
     * {@code punkt_tab/}); other languages get the English instance.
     */
    public static NltkEnglishTokenizer forLanguage(String iso639_1) {
        PunktSentences model = PunktSentences.forLanguage(iso639_1);
        if (model == PunktSentences.ENGLISH) {
            return INSTANCE;
        }
        return BY_LANGUAGE.computeIfAbsent(iso639_1, code -> new NltkEnglishTokenizer(model));
    }

    /**
     * Loads every model Sluice ships, so that no record waits for its language's model to be read
     * (German's, the largest, takes ~0.2 s; all sixteen ~1.2-1.4 s and ~38 MB of heap).
     */
    public static void preloadModels() {
        for (String language : PunktSentences.shippedLanguages()) {
            forLanguage(language);
        }
    }

    /**
     * {@link #preloadModels} on a background daemon thread, once per class loader. Stream operators
     * call it when they open: loading on first use would put a ~0.2 s stall on the first record of
     * each language, a latency spike in a running job, while loading in {@code open()} itself would
     * delay every start. A record whose model is still loading waits for it, as it would anyway.
     */
    public static void preloadModelsInBackground() {
        if (PRELOAD_STARTED.compareAndSet(false, true)) {
            Thread loader = new Thread(() -> {
                try {
                    preloadModels();
                } catch (RuntimeException | LinkageError e) {
                    // A job cancelled while this runs closes its class loader under it (Flink then
                    // refuses further class and resource loads). Nothing is lost: a model not read
                    // yet loads on first use, as it would without preloading. Not logged, since
                    // logging would need that class loader too.
                }
            }, "punkt-model-preload");
            loader.setDaemon(true);
            loader.start();
        }
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
