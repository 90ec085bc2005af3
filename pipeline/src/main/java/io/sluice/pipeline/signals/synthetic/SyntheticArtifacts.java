package io.sluice.pipeline.signals.synthetic;

import io.sluice.avro.SourceKind;
import io.sluice.pipeline.lang.LanguageIdentifier;
import io.sluice.pipeline.signals.RecordContext;
import io.sluice.pipeline.signals.RecordLanguage;
import io.sluice.pipeline.signals.SignalCollector;
import io.sluice.pipeline.signals.SignalFamily;
import io.sluice.pipeline.signals.SignalInput;
import io.sluice.pipeline.signals.contamination.WordNgrams;
import io.sluice.pipeline.text.AhoCorasick;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code synthetic} family: defects typical of generated text, computed for synthetic records
 * only (scraped records get 0 for all of them).
 * <ul>
 *   <li>{@code synthetic.refusal}: refusal and assistant self-reference phrases ("As an AI language
 *       model", "I cannot help with", "I'm sorry, but I" ...) in en, de, fr, es, it, pt, nl, pl, ru,
 *       uk, ar, hi, id, vi, zh, ja, ko and tr, matched case-insensitively at word boundaries by one {@link AhoCorasick} pass over
 *       the first and last 600 characters;</li>
 *   <li>{@code synthetic.prompt_echo}: fraction of the prompt's word 5-grams found in the text (0
 *       without a prompt of 5+ words);</li>
 *   <li>{@code synthetic.truncated}: 1 if the generator reports it stopped at its token limit
 *       ({@code finish_reason} {@code length}, {@code max_tokens}, ...) or by a content filter, or the
 *       text has an unclosed code fence; without a finish reason, also if the text ends without
 *       closing punctuation in its script (mid-sentence, as a generator hitting its token limit leaves
 *       it; Thai and Lao, which have no sentence-final mark, are not judged by their end). A
 *       generator that reports it finished ({@code stop}, {@code end_turn}, ...) is believed: a list
 *       or a poem may end without punctuation;</li>
 *   <li>{@code synthetic.lang_mismatch}: 1 if the text is confidently in another language than the
 *       one requested: by the language identifier for the languages it covers, by script for others
 *       (see {@link LanguageMismatch}).</li>
 * </ul>
 */
public final class SyntheticArtifacts implements SignalFamily {

    public static final String FAMILY = "synthetic";
    public static final String REFUSAL = "synthetic.refusal";
    public static final String PROMPT_ECHO = "synthetic.prompt_echo";
    public static final String TRUNCATED = "synthetic.truncated";
    public static final String LANG_MISMATCH = "synthetic.lang_mismatch";

    private static final List<String> NAMES = List.of(REFUSAL, PROMPT_ECHO, TRUNCATED, LANG_MISMATCH);

    /** Phrases that in generated text mark a refusal or the assistant talking about itself. */
    static final List<String> REFUSALS = List.of(
            // en
            "as an ai language model", "as an ai model", "as an ai assistant", "as a large language model",
            "as a language model", "i cannot help with", "i can't help with", "i cannot assist with",
            "i can't assist with", "i'm sorry, but i", "i am sorry, but i", "i'm unable to help",
            "i am unable to help", "i cannot provide", "i can't provide", "i cannot fulfill", "i can't fulfill",
            "i cannot comply", "i'm not able to help", "i don't have personal opinions", "my knowledge cutoff",
            "i do not have access to real-time",
            // en, as assistants refuse since 2024 (checked against 157,156 human texts: dev corpus,
            // Debian fortunes, Europarl paragraphs; none matches, where "i can't do that" did in a story)
            "i must decline", "i must respectfully decline", "i'm unable to assist", "i am unable to assist",
            "i'm unable to provide", "i am unable to provide", "i'm not able to provide", "i am not able to provide",
            "i'm not able to assist", "i am not able to assist", "i apologize, but i", "my apologies, but i",
            "i can't comply", "i won't be able to help", "i will not be able to help", "i cannot create content",
            "i can't create content", "i cannot generate content", "i can't generate content",
            "against my guidelines", "violates my guidelines", "goes against my programming", "as an ai, i",
            "i'm just an ai", "i am just an ai", "i'm sorry, i can't", "i'm sorry, i cannot", "sorry, i can't help",
            "sorry, i cannot help",
            // en, 2026-11-28, third session: hedged refusals and the assistant's notes on its own
            // knowledge, as generators write them
            "i'm afraid i can't help", "i'm afraid i cannot help", "i am afraid i cannot help",
            "i'm afraid i can't assist", "i'm afraid i cannot assist", "i don't feel comfortable writing",
            "i don't feel comfortable providing", "i don't feel comfortable helping", "i'm not comfortable helping",
            "i'm not comfortable providing", "i am not comfortable providing", "it's not appropriate for me to",
            "it is not appropriate for me to", "i'm not going to help with", "that's not something i can help with",
            "that is not something i can help with", "i can't create that", "i cannot create that",
            "as of my last knowledge update", "as of my last update", "as of my knowledge cutoff",
            "as of my training data", "my training data only", "i don't have real-time", "i do not have real-time",
            "i don't have the ability to browse", "i cannot browse the internet", "i can't browse the internet",
            // de
            "als ki-sprachmodell", "als sprachmodell", "als künstliche intelligenz kann ich", "als ki kann ich",
            "ich kann dir dabei nicht helfen", "ich kann ihnen dabei nicht helfen",
            "tut mir leid, aber ich kann", "es tut mir leid, ich kann", "dabei kann ich dir nicht helfen",
            "dabei kann ich ihnen nicht helfen", "dabei kann ich nicht helfen", "dabei kann ich leider nicht helfen",
            "als ki habe ich keinen", "nach meinem letzten wissensstand", "stand meines letzten updates",
            "ich habe keinen zugriff auf echtzeit",
            // fr
            "en tant que modèle de langage", "en tant qu'ia", "en tant qu'intelligence artificielle",
            "je ne peux pas vous aider", "je ne peux pas t'aider", "je suis désolé, mais je ne peux",
            "désolé, mais je ne peux pas", "désolé, je ne peux pas", "je ne suis pas en mesure de vous aider",
            // fr, es, it, pt, de hedges and knowledge notes (third session of 2026-11-28): hedges only with
            // "help", since "Me temo que no puedo ir mañana" is ordinary speech; no "I have no internet
            // access", which people write about their own connection
            "je crains de ne pas pouvoir vous aider", "je crains de ne pas pouvoir t'aider",
            "selon ma dernière mise à jour", "à la date de ma dernière mise à jour",
            "je n'ai pas accès aux informations en temps réel",
            // es
            "como modelo de lenguaje", "como un modelo de lenguaje", "como una ia", "como inteligencia artificial",
            "no puedo ayudarte con", "no puedo ayudar con", "lo siento, pero no puedo", "lo siento, no puedo",
            "no puedo cumplir con", "me temo que no puedo ayudar", "según mi última actualización",
            "no tengo acceso a información en tiempo real",
            // it
            "come modello linguistico", "in quanto modello di linguaggio", "come intelligenza artificiale",
            "non posso aiutarti con", "mi dispiace, ma non posso", "mi dispiace, non posso",
            "non sono in grado di aiutarti", "temo di non poterti aiutare", "secondo il mio ultimo aggiornamento",
            "non ho accesso a informazioni in tempo reale",
            // pt
            "como um modelo de linguagem", "como modelo de linguagem", "como uma ia", "não posso ajudar com",
            "desculpe, mas não posso", "sinto muito, mas não posso", "desculpe, não posso", "lamento, mas não posso",
            "não posso ajudar com isso", "receio que não posso ajudar", "receio não poder ajudar",
            "de acordo com minha última atualização", "não tenho acesso a informações em tempo real",
            // nl
            "als ai-taalmodel", "als taalmodel", "als een ai", "ik kan je daar niet mee helpen",
            "ik kan u daar niet mee helpen", "het spijt me, maar ik kan", "sorry, maar ik kan", "het spijt me, ik kan",
            "sorry, ik kan",
            // ru
            "как языковая модель", "как ии", "как искусственный интеллект", "я не могу помочь с",
            "извините, но я не могу", "к сожалению, я не могу",
            // ru, pl, ar, ko, tr, and more zh and ja forms (2026-11-28; RefusalCorpusScan: none matches the
            // edges of 177,108 human texts, among them the dev corpus's Chinese, Japanese, Russian and
            // Arabic pages, the Russian, Chinese and Arabic fortunes and every Polish Europarl paragraph)
            "как модель ии", "как ии-ассистент", "я не могу выполнить этот запрос", "извините, я не могу",
            "прошу прощения, но я не могу", "я не могу помочь вам с", "я не могу предоставить",
            "jako model językowy", "jako sztuczna inteligencja", "jako asystent ai", "nie mogę pomóc w",
            "nie mogę ci w tym pomóc", "nie mogę pani w tym pomóc", "nie mogę panu w tym pomóc",
            "przepraszam, ale nie mogę", "niestety nie mogę pomóc", "nie jestem w stanie pomóc",
            "بصفتي نموذج لغة", "بصفتي نموذجًا لغويًا", "بصفتي نموذجا لغويا", "كنموذج لغوي", "بصفتي ذكاءً اصطناعيًا",
            "بصفتي ذكاء اصطناعي", "لا أستطيع المساعدة في", "لا يمكنني المساعدة في", "عذرًا، لا أستطيع",
            "عذراً، لا أستطيع", "عذرا، لا أستطيع", "عذرًا، لا يمكنني", "عذراً، لا يمكنني", "عذرا، لا يمكنني",
            "أنا آسف، لكن لا أستطيع", "أنا آسف، لا أستطيع", "آسف، لا يمكنني",
            "ai 언어 모델로서", "언어 모델로서", "인공지능으로서", "ai로서", "도와드릴 수 없습니다", "죄송하지만 도와드릴 수 없",
            "죄송하지만 그 요청은", "bir yapay zeka dil modeli olarak", "bir yapay zeka olarak", "yapay zeka asistanı olarak",
            "bu konuda yardımcı olamam", "üzgünüm, ancak bu", "üzgünüm, bu konuda yardımcı olamam",
            // hi, id, vi, uk (2026-11-29, thirteenth session; RefusalCorpusScan: none matches the edges of
            // Firefox's 298,859 translated strings, which say "sorry" and "cannot" in every language, or of
            // the dev corpus)
            "एआई भाषा मॉडल के रूप में", "ai भाषा मॉडल के रूप में", "एक भाषा मॉडल के रूप में", "एआई सहायक के रूप में",
            "मैं इसमें आपकी मदद नहीं कर सकता", "मैं इसमें आपकी मदद नहीं कर सकती", "मैं इसमें मदद नहीं कर सकता",
            "मैं इसमें मदद नहीं कर सकती", "मुझे खेद है, लेकिन मैं", "क्षमा करें, लेकिन मैं",
            "मैं इस अनुरोध में मदद नहीं कर सकता", "मैं इस अनुरोध में मदद नहीं कर सकती",
            "sebagai model bahasa", "sebagai asisten ai", "sebagai kecerdasan buatan, saya", "maaf, saya tidak dapat membantu",
            "maaf, saya tidak bisa membantu", "saya tidak dapat membantu dengan", "saya tidak bisa membantu dengan",
            "maaf, tetapi saya tidak dapat", "maaf, tapi saya tidak bisa",
            "tôi là một mô hình ngôn ngữ", "với tư cách là một mô hình ngôn ngữ", "là một mô hình ngôn ngữ ai, tôi",
            "với tư cách là một trợ lý ai", "xin lỗi, nhưng tôi không thể", "rất tiếc, nhưng tôi không thể",
            "tôi không thể hỗ trợ yêu cầu", "tôi không thể đáp ứng yêu cầu",
            "як мовна модель", "як модель ші", "як штучний інтелект, я", "як ші-асистент", "вибачте, але я не можу",
            "на жаль, я не можу допомогти", "я не можу допомогти з", "я не можу допомогти вам з",
            "я не можу надати таку інформацію",
            // zh
            "作为一个人工智能", "作为一个ai", "作为ai语言模型", "作为一个语言模型", "作为人工智能", "我无法帮助",
            "抱歉，我无法", "对不起，我不能", "作为ai助手", "作为一名ai", "抱歉，我不能", "对不起，我无法",
            "我不能帮助你", "我无法协助", "我不能协助", "作為一個人工智能", "作為ai", "抱歉，我無法", "我無法協助",
            // ja
            "ai言語モデルとして", "言語モデルとして", "申し訳ありませんが", "お手伝いできません", "私はaiなので",
            "申し訳ございませんが", "aiアシスタントとして", "お手伝いすることはできません", "お答えすることはできません",
            "お答えできません", "私はaiですので", "aiとして、私は");

    private static final AhoCorasick REFUSAL_MATCHER = new AhoCorasick(REFUSALS);
    private static final int N = 5;
    private static final int EDGE = 600;

    /** The same word n-gram hashing as the contamination index. */
    private final WordNgrams grams = new WordNgrams(N);
    /** The identifier's guess for the text, shared with the {@code lang} family (one identification per text). */
    private final RecordLanguage language;
    private final LanguageMismatch languageMismatch;

    /** With its own language identification (for use without the {@code lang} family). */
    public SyntheticArtifacts() {
        this(new RecordLanguage(LanguageIdentifier.standard()));
    }

    /** Reading the guesses of {@code language}, which the registry's {@code lang} family shares. */
    public SyntheticArtifacts(RecordLanguage language) {
        this.language = Objects.requireNonNull(language, "language");
        this.languageMismatch = new LanguageMismatch(language.identifier().supportedLanguages());
    }

    @Override
    public String name() {
        return FAMILY;
    }

    @Override
    public List<String> signalNames() {
        return NAMES;
    }

    @Override
    public void compute(SignalInput in, SignalCollector out) {
        if (in.kind() != SourceKind.SYNTHETIC) {
            out.put(REFUSAL, 0);
            out.put(PROMPT_ECHO, 0);
            out.put(TRUNCATED, 0);
            out.put(LANG_MISMATCH, 0);
            return;
        }
        String text = in.text();
        RecordContext ctx = in.context();
        out.put(REFUSAL, refusals(text));
        out.put(PROMPT_ECHO, ctx.prompt() == null ? 0 : promptEcho(ctx.prompt(), text));
        out.put(TRUNCATED, truncated(text, ctx.finishReason()) ? 1 : 0);
        String requested = ctx.requestedLanguage();
        boolean mismatch = requested != null && !requested.isBlank()
                && languageMismatch.mismatch(requested, text, language.guess(text));
        out.put(LANG_MISMATCH, mismatch ? 1 : 0);
    }

    /**
     * Refusal phrases in the first and last {@value #EDGE} characters only: assistants refuse and
     * talk about themselves at the start or the end of a response, and scanning the edges keeps the
     * cost flat for long records.
     */
    static int refusals(String text) {
        if (text.length() <= 2 * EDGE) {
            return REFUSAL_MATCHER.count(text);
        }
        return REFUSAL_MATCHER.count(text.substring(0, EDGE)) + REFUSAL_MATCHER.count(text.substring(text.length() - EDGE));
    }

    /** Fraction of the prompt's distinct word n-grams (lower-cased, 64-bit hashes) found in the text. */
    double promptEcho(String prompt, String text) {
        long[] promptGrams = grams.hash(prompt);
        int pn = grams.size();
        if (pn == 0) {
            return 0;
        }
        long[] p = Arrays.copyOf(promptGrams, pn);
        Arrays.sort(p);
        int distinct = 0;
        for (int i = 0; i < pn; i++) {
            if (i == 0 || p[i] != p[i - 1]) {
                p[distinct++] = p[i];
            }
        }
        long[] textGrams = grams.hash(text);
        int tn = grams.size();
        boolean[] seen = new boolean[distinct];
        int found = 0;
        for (int i = 0; i < tn; i++) {
            int at = Arrays.binarySearch(p, 0, distinct, textGrams[i]);
            if (at >= 0 && !seen[at]) {
                seen[at] = true;
                found++;
            }
        }
        return found / (double) distinct;
    }

    /**
     * Finish reasons of the common generation APIs (OpenAI, Anthropic, Gemini, vLLM, TGI, Ollama) that
     * mean "cut short": the token limit, or a content filter that stopped the text.
     */
    static final Set<String> CUT_SHORT = Set.of("length", "max_tokens", "max_output_tokens", "model_length",
            "content_filter", "safety", "recitation", "prohibited_content", "blocklist", "spii", "refusal");
    /** Finish reasons that mean the generator ended the text itself. */
    static final Set<String> FINISHED = Set.of("stop", "end_turn", "stop_sequence", "eos", "eos_token", "finish",
            "tool_calls", "tool_use", "function_call", "pause_turn");

    /**
     * Whether the text was cut short. A finish reason the generator reported decides, bar an unclosed
     * code fence; without one (or an unknown one), a text ending without closing punctuation counts
     * as cut short too.
     */
    static boolean truncated(String text, String finishReason) {
        String reason = finishReason == null ? null : finishReason.trim().toLowerCase(Locale.ROOT);
        if (reason != null && CUT_SHORT.contains(reason)) {
            return true;
        }
        if (reason != null && FINISHED.contains(reason)) {
            return unclosedFence(text);
        }
        return truncated(text);
    }

    private static boolean unclosedFence(String text) {
        int fences = 0;
        for (int i = text.indexOf("```"); i >= 0; i = text.indexOf("```", i + 3)) {
            fences++;
        }
        return fences % 2 == 1;
    }

    /**
     * Marks a complete text may end with: Latin and CJK closing punctuation, quotes and brackets, and
     * the full stops and question marks of the scripts that have their own: the danda of Devanagari,
     * Bengali and Gurmukhi (। ॥ ৷), Urdu's full stop ۔, the Arabic question mark and semicolon ؟ ؛,
     * the Armenian full stop ։, Ethiopic ። ፧, Burmese ။ ၊, Khmer ។ ៕, Tibetan ། and the full-width
     * and half-width stops ．｡. Until signals version 24 only the first group counted, and
     * {@code synthetic.truncated} marked 75–95% of complete Punjabi, Burmese, Khmer, Bengali, Nepali
     * and Urdu sentences (Firefox's strings of 100 chars or more) as cut short.
     */
    private static final String CLOSING = ".!?;:)]}\"'`*»”’…。！？」』）》〉】"
            + "\u0964\u0965\u09F7\u06D4\u061F\u061B\u0589\u1362\u1367\u104B\u104A\u17D4\u17D5\u0F0D\uFF0E\uFF61"
            + "\u203C\u2047\u2048\u2049";

    /** Ends without closing punctuation, or inside an unclosed code fence. */
    static boolean truncated(String text) {
        int e = text.length() - 1;
        while (e >= 0 && Character.isWhitespace(text.charAt(e))) {
            e--;
        }
        if (e < 0) {
            return false;
        }
        if (unclosedFence(text)) {
            return true;
        }
        char c = text.charAt(e);
        if (c >= '\u0E00' && c <= '\u0EFF') {
            // Thai and Lao end a sentence with a space, not a mark: their last char says nothing.
            return false;
        }
        return CLOSING.indexOf(c) < 0 && !(text.startsWith("```", Math.max(0, e - 2)));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
