package io.sluice.pipeline.signals.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.RecordContext;
import io.sluice.pipeline.signals.SignalInput;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticArtifactsTest {

    private static final String PROSE = "The committee met on Tuesday to discuss the report on regional funds and "
            + "agreed to publish its conclusions next month after a further round of consultation with members.";

    private static Map<String, Double> signals(SourceKind kind, String text, RecordContext ctx) {
        Map<String, Double> out = new HashMap<>();
        new SyntheticArtifacts().compute(new SignalInput("id", text, kind, 1L, null, 2L, ctx), out::put);
        return out;
    }

    private static Map<String, Double> synthetic(String text) {
        return signals(SourceKind.SYNTHETIC, text, RecordContext.EMPTY);
    }

    @Test
    void countsRefusalsInSeveralLanguages() {
        assertThat(synthetic("As an AI language model, I cannot help with that.").get(SyntheticArtifacts.REFUSAL))
                .isEqualTo(2.0);
        assertThat(synthetic("I\u2019m sorry, but I can\u2019t do that.").get(SyntheticArtifacts.REFUSAL)).isEqualTo(1.0);
        assertThat(synthetic("Es tut mir leid, aber ich kann das nicht.").get(SyntheticArtifacts.REFUSAL)).isEqualTo(1.0);
        assertThat(synthetic("En tant que modèle de langage, je ne peux pas vous aider.").get(SyntheticArtifacts.REFUSAL))
                .isEqualTo(2.0);
        assertThat(synthetic("Извините, но я не могу это сделать.").get(SyntheticArtifacts.REFUSAL)).isEqualTo(1.0);
        assertThat(synthetic("抱歉，我无法回答。").get(SyntheticArtifacts.REFUSAL)).isEqualTo(1.0);
        assertThat(synthetic("申し訳ありませんが、できません。").get(SyntheticArtifacts.REFUSAL)).isEqualTo(1.0);
        assertThat(synthetic(PROSE).get(SyntheticArtifacts.REFUSAL)).isZero();
    }

    /** Refusals as current assistants phrase them; the list before 2026-11-28 found 3 of these 21. */
    @ParameterizedTest
    @ValueSource(strings = {
        "I must decline this request.", "I'm unable to assist with creating that.", "I am unable to provide that information.",
        "I\u2019m not able to provide instructions for this.", "I apologize, but I can\u2019t write that story.",
        "My apologies, but I won\u2019t produce that.", "I can't comply with that request.",
        "I won't be able to help with this one.", "I cannot create content that demeans people.",
        "That goes against my guidelines, so here is something else.", "As an AI, I don't have feelings.",
        "I'm just an AI, so I can't browse the web.", "I'm sorry, I can't share that.", "Sorry, I can't help with that.",
        "I\u2019m sorry, I cannot continue this conversation.", "Es tut mir leid, ich kann dabei nicht helfen.",
        "Désolé, je ne peux pas répondre à cette demande.", "Lo siento, no puedo ayudarte con eso.",
        "Mi dispiace, non posso farlo.", "Desculpe, não posso ajudar com isso.", "Sorry, ik kan je daarbij niet helpen."})
    void countsCurrentAssistantRefusals(String refusal) {
        assertThat(synthetic(PROSE + " " + refusal).get(SyntheticArtifacts.REFUSAL)).as(refusal).isPositive();
    }

    /** Refusals in more of the languages generators are asked for; none was found before 2026-11-28. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Przepraszam, ale nie mogę pomóc w tej sprawie.", "Jako model językowy nie mam własnych opinii.",
        "Nie jestem w stanie pomóc w tworzeniu takich treści.", "Извините, я не могу написать это.",
        "Как модель ИИ, я не имею личного мнения.", "Я не могу предоставить такую информацию.",
        "عذرًا، لا أستطيع المساعدة في هذا الطلب.", "بصفتي نموذج لغة، ليس لدي آراء شخصية.",
        "죄송하지만 도와드릴 수 없습니다.", "AI 언어 모델로서 저는 개인적인 의견이 없습니다.",
        "Üzgünüm, bu konuda yardımcı olamam.", "Bir yapay zeka dil modeli olarak kişisel görüşlerim yok.",
        "作为AI助手，我不能提供这类内容。", "对不起，我无法完成这个请求。", "作為一個人工智能，我沒有個人觀點。",
        "申し訳ございませんが、その依頼にはお応えできません。", "AIアシスタントとして、個人的な意見はありません。",
        // Hindi, Indonesian, Vietnamese and Ukrainian (thirteenth session)
        "एक एआई भाषा मॉडल के रूप में, मेरी कोई व्यक्तिगत राय नहीं है।", "मुझे खेद है, लेकिन मैं इस अनुरोध को पूरा नहीं कर सकता।",
        "मैं इसमें आपकी मदद नहीं कर सकती।", "Sebagai model bahasa AI, saya tidak memiliki pendapat pribadi.",
        "Maaf, saya tidak dapat membantu dengan permintaan itu.", "Xin lỗi, nhưng tôi không thể viết nội dung này.",
        "Với tư cách là một mô hình ngôn ngữ, tôi không có ý kiến cá nhân.", "Tôi không thể hỗ trợ yêu cầu này.",
        "Як мовна модель, я не маю особистої думки.", "Вибачте, але я не можу допомогти з цим запитом.",
        "Я не можу надати таку інформацію."})
    void countsRefusalsInMoreLanguages(String refusal) {
        assertThat(synthetic(refusal).get(SyntheticArtifacts.REFUSAL)).as(refusal).isPositive();
    }

    /** Hedged refusals and notes on the assistant's own knowledge; the list before the third session of 2026-11-28 found none. */
    @ParameterizedTest
    @ValueSource(strings = {"I'm afraid I can't help with writing that.", "I don’t feel comfortable writing that story.",
        "I'm not comfortable providing medical dosages.", "It's not appropriate for me to speculate about that person.",
        "That's not something I can help with.", "I can't create that kind of content.",
        "As of my last knowledge update in 2023, the population was about 5 million.",
        "I don't have real-time access to stock prices.", "Es tut mir leid, aber dabei kann ich nicht helfen.",
        "Me temo que no puedo ayudarte con eso.", "Je crains de ne pas pouvoir vous aider sur ce point.",
        "Según mi última actualización, la cifra era de 3 millones.", "Temo di non poterti aiutare con questo.",
        "Receio que não posso ajudar com isso.", "Nach meinem letzten Wissensstand lag der Wert bei 5 %."})
    void countsHedgedRefusalsAndKnowledgeNotes(String refusal) {
        assertThat(synthetic(PROSE + " " + refusal).get(SyntheticArtifacts.REFUSAL)).as(refusal).isPositive();
    }

    /** Ordinary sentences in those languages, some sharing words with the phrases, are not refusals. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Nie mogę się doczekać wakacji nad morzem.", "Model językowy przetwarza tekst słowo po słowie.",
        "Я не могу забыть этот день.", "Модель обучалась на больших корпусах текстов.",
        "لا أستطيع أن أنسى ذلك اليوم الجميل.", "도와드릴 일이 있으면 말씀해 주세요.",
        "Yapay zeka modelleri metin üretir.", "我无法忘记那个夏天。", "人工智能正在改变世界。",
        "申し訳ない気持ちでいっぱいです。", "言語モデルは大量のテキストで学習される。",
        "मैं कल बाज़ार नहीं जा सकता।", "भाषा मॉडल बड़े पाठ संग्रह से सीखते हैं।", "Maaf, saya terlambat datang.",
        "Model bahasa belajar dari teks dalam jumlah besar.", "Xin lỗi, tôi đến muộn.",
        "GPT là một mô hình ngôn ngữ lớn.", "На жаль, я не можу прийти завтра.", "Мовна модель навчається на текстах."})
    void leavesOrdinarySentencesInThoseLanguagesAlone(String text) {
        assertThat(synthetic(text).get(SyntheticArtifacts.REFUSAL)).as(text).isZero();
    }

    /** Human writing that shares words with refusals (dialogue, opinion, admissions) is not one. */
    @ParameterizedTest
    @ValueSource(strings = {"\"Sorry, but I can't do that,\" replied the stonecutter.", "I cannot recommend this book enough.",
        "I must admit the results surprised me.", "As an AI researcher, I study language models.",
        "We are unable to attend the meeting.", "I can't stress this enough: back up your data.",
        "He was just an AI in the story, unable to feel.", "I'm afraid of the dark.",
        "I don't feel comfortable in crowded rooms.", "As of my last visit, the shop had closed.",
        "It's not appropriate to wear shoes inside.", "Me temo que no puedo ir mañana.",
        "No tengo acceso a internet desde ayer.", "Stand meines Wissens ist das Geschäft geschlossen."})
    void leavesHumanWritingAlone(String text) {
        assertThat(synthetic(PROSE + " " + text).get(SyntheticArtifacts.REFUSAL)).as(text).isZero();
    }

    @Test
    void detectsTruncation() {
        assertThat(synthetic(PROSE).get(SyntheticArtifacts.TRUNCATED)).isZero();
        assertThat(synthetic("The committee met on Tuesday to discuss the").get(SyntheticArtifacts.TRUNCATED)).isEqualTo(1.0);
        assertThat(synthetic("Code:\n```java\nint x = 1;").get(SyntheticArtifacts.TRUNCATED)).isEqualTo(1.0);
        assertThat(synthetic("Code:\n```java\nint x = 1;\n```").get(SyntheticArtifacts.TRUNCATED)).isZero();
    }

    /**
     * Signals version 24: complete sentences end with their own script's full stop or question mark,
     * which counted as "no closing punctuation" before, so nearly every Hindi, Bengali, Punjabi,
     * Urdu, Armenian, Burmese or Khmer record without a finish reason was sent back as truncated.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hi|यह शहर एक चौड़ी नदी के किनारे बसा है।",
        "bn|শহরটি একটি চওড়া নদীর তীরে অবস্থিত।",
        "pa|ਇਹ ਸ਼ਹਿਰ ਇੱਕ ਚੌੜੀ ਨਦੀ ਦੇ ਕੰਢੇ ਵਸਿਆ ਹੋਇਆ ਹੈ।",
        "ur|شہر ایک چوڑے دریا کے کنارے واقع ہے۔",
        "ar|هل تريد حفظ التغييرات قبل الخروج؟",
        "hy|Քաղաքը գտնվում է լայն գետի ափին։",
        "my|ဖိုင်အားရှာမတွေ့ပါ။",
        "km|មិនអាចរកឃើញឯកសារបានទេ។",
        "am|ከተማው በሰፊ ወንዝ ዳርቻ ላይ ይገኛል።"})
    void completeSentencesEndingWithTheirScriptsFullStopAreNotTruncated(String language, String sentence) {
        assertThat(synthetic(sentence).get(SyntheticArtifacts.TRUNCATED)).as(language).isZero();
        // Cut before its last word, the same sentence is.
        String cut = sentence.substring(0, sentence.lastIndexOf(' ') > 0 ? sentence.lastIndexOf(' ')
                : sentence.length() - 3);
        assertThat(synthetic(cut).get(SyntheticArtifacts.TRUNCATED)).as(language + " cut").isEqualTo(1.0);
    }

    @Test
    void thaiAndLaoAreNotJudgedByTheirLastCharacter() {
        // Thai ends a sentence with a space, not a mark: complete or cut, the end looks the same.
        assertThat(synthetic("เมืองนี้ตั้งอยู่ริมแม่น้ำกว้าง").get(SyntheticArtifacts.TRUNCATED)).isZero();
        assertThat(synthetic("ເມືອງນີ້ຕັ້ງຢູ່ແຄມແມ່ນ້ຳກວ້າງ").get(SyntheticArtifacts.TRUNCATED)).isZero();
        // A finish reason still decides for them.
        assertThat(truncatedWith("เมืองนี้ตั้งอยู่ริมแม่น้ำกว้าง", "length")).isEqualTo(1.0);
    }

    private static double truncatedWith(String text, String finishReason) {
        RecordContext ctx = new RecordContext(null, "m", 0, null, "en", -1, finishReason);
        return signals(SourceKind.SYNTHETIC, text, ctx).get(SyntheticArtifacts.TRUNCATED);
    }

    @Test
    void aReportedFinishReasonDecidesTruncation() {
        String list = "Three things to pack:\n- a map\n- water\n- a torch";
        // Cut at the token limit, though the cut happened to fall on a sentence end.
        assertThat(truncatedWith(PROSE, "length")).isEqualTo(1.0);
        assertThat(truncatedWith(PROSE, "MAX_TOKENS")).isEqualTo(1.0);
        assertThat(truncatedWith(PROSE, "content_filter")).isEqualTo(1.0);
        // Finished by the generator: a list without final punctuation is complete...
        assertThat(truncatedWith(list, "stop")).isZero();
        assertThat(truncatedWith(list, " end_turn ")).isZero();
        // ... but an unclosed code fence is not, whatever the generator says.
        assertThat(truncatedWith("Code:\n```java\nint x = 1;", "stop")).isEqualTo(1.0);
        // No reason, or one not known: the text's end decides, as before.
        assertThat(truncatedWith(list, null)).isEqualTo(1.0);
        assertThat(truncatedWith(list, "whatever")).isEqualTo(1.0);
        assertThat(truncatedWith(PROSE, null)).isZero();
    }

    @Test
    void measuresPromptEcho() {
        String prompt = "Write a short summary of the committee meeting on regional funds for members";
        RecordContext ctx = new RecordContext(null, "m", 0, prompt, "en", -1);
        double echo = signals(SourceKind.SYNTHETIC, "Write a short summary of the committee meeting on regional funds "
                + "for members. Sure.", ctx).get(SyntheticArtifacts.PROMPT_ECHO);
        assertThat(echo).isEqualTo(1.0);
        assertThat(signals(SourceKind.SYNTHETIC, PROSE, ctx).get(SyntheticArtifacts.PROMPT_ECHO)).isLessThan(0.2);
    }

    /** Chinese prompts are compared by character n-grams: an answer that names the topic is no echo, a copy is. */
    @Test
    void measuresPromptEchoInChinese() {
        String prompt = "请用三段话介绍气候变化对农业的影响，并给出两个具体的例子。";
        RecordContext ctx = new RecordContext(null, "m", 0, prompt, "zh", -1);
        String answer = "气候变化对农业的影响主要体现在三个方面。首先，气温升高改变了作物的生长周期；其次，降水模式的变化"
                + "导致干旱和洪涝更加频繁；最后，病虫害的分布范围不断扩大。例如，华北地区的小麦产量因春季干旱而下降。";
        assertThat(signals(SourceKind.SYNTHETIC, answer, ctx).get(SyntheticArtifacts.PROMPT_ECHO)).isLessThan(0.5);
        assertThat(signals(SourceKind.SYNTHETIC, prompt + "好的。", ctx).get(SyntheticArtifacts.PROMPT_ECHO)).isEqualTo(1.0);
    }

    @Test
    void flagsLanguageMismatchAgainstRequestedLanguage() {
        RecordContext de = new RecordContext(null, "m", 0, null, "de", -1);
        RecordContext ru = new RecordContext(null, "m", 0, null, "ru", -1);
        RecordContext en = new RecordContext(null, "m", 0, null, "en", -1);
        assertThat(signals(SourceKind.SYNTHETIC, PROSE + " " + PROSE, de).get(SyntheticArtifacts.LANG_MISMATCH)).isEqualTo(1.0);
        assertThat(signals(SourceKind.SYNTHETIC, PROSE, ru).get(SyntheticArtifacts.LANG_MISMATCH)).isEqualTo(1.0);
        assertThat(signals(SourceKind.SYNTHETIC, PROSE, en).get(SyntheticArtifacts.LANG_MISMATCH)).isZero();
        String german = "Der Ausschuss hat die Frage geprüft, und die Mitglieder sind der Meinung, dass das nicht "
                + "mit der Richtlinie vereinbar ist und auch eine neue Lösung für die Regionen braucht.";
        assertThat(signals(SourceKind.SYNTHETIC, german, de).get(SyntheticArtifacts.LANG_MISMATCH)).isZero();
    }

    @Test
    void scrapedRecordsGetZeros() {
        assertThat(signals(SourceKind.SCRAPED, "As an AI language model, I cannot help with the", RecordContext.EMPTY)
                .values()).allMatch(v -> v == 0.0);
    }

    @Test
    void defaultPolicySendsArtifactsBackWithAnInstruction() {
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        ScoringResult r = scorer.score(new ScoringInput("s", PROSE + " As an AI language model, I think this is",
                SourceKind.SYNTHETIC, System.currentTimeMillis(), "en", null, null, RecordContext.EMPTY));
        assertThat(r.route()).isEqualTo(Route.RESYNTHESIS);
        assertThat(r.reasons()).extracting(ReasonCode::getCode).containsExactly("refusal", "truncated");
        assertThat(r.repairInstruction()).contains("do not refuse").contains("stopped mid-sentence");
    }
}
