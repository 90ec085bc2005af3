package io.sluice.pipeline.scoring;

import io.sluice.pipeline.dedup.Duplication;
import io.sluice.pipeline.dedup.FirstSeenIndex;
import io.sluice.pipeline.signals.RecordContext;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.signals.SignalRegistry;
import org.junit.jupiter.api.Test;

/** The shipped policy routes the obvious cases as its comments promise. */
class DefaultPolicyTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final String PARAGRAPH = "The committee met on Tuesday to review the proposal for a new "
            + "footbridge across the river. After a long discussion about costs, materials and the expected "
            + "number of daily crossings, the members agreed to commission a detailed study before the spring.";

    private final Policy policy = new PolicyLoader().loadDefault();
    private final DocumentScorer scorer = new DocumentScorer(policy, SignalRegistry.standard(), () -> NOW);

    private ScoringResult score(SourceKind kind, String text) {
        return scorer.score(new ScoringInput("id-1", text, kind, NOW - 1000, "en", null, null));
    }

    private static Iterable<String> codes(ScoringResult r) {
        return r.reasons().stream().map(ReasonCode::getCode).toList();
    }

    @Test
    void shipsAVersionedPolicy() {
        assertThat(policy.version()).isEqualTo("2026.11-default-5");
    }

    @Test
    void acceptsANormalParagraphOfEitherKindWithNoReasons() {
        for (SourceKind kind : SourceKind.values()) {
            ScoringResult r = score(kind, PARAGRAPH);
            assertThat(r.route()).as(kind.name()).isEqualTo(Route.ACCEPTED);
            assertThat(r.reasons()).isEmpty();
            assertThat(r.repairInstruction()).isNull();
        }
    }

    @Test
    void quarantinesLaterCopiesExactOrNearNamingTheFirst() {
        FirstSeenIndex index = new FirstSeenIndex();
        String near = PARAGRAPH.replace("Tuesday", "Monday");
        ScoringResult first = scoreSeen(index, "first", PARAGRAPH);
        ScoringResult exact = scoreSeen(index, "copy", PARAGRAPH + "\n");
        ScoringResult nearly = scoreSeen(index, "edited", near);
        assertThat(first.route()).isEqualTo(Route.ACCEPTED);
        assertThat(exact.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(exact)).containsExactly("duplicate");
        assertThat(exact.signals()).containsEntry("dup.exact", 1.0).containsEntry("dup.near", 0.0);
        assertThat(nearly.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(nearly)).containsExactly("near_duplicate");
        assertThat(nearly.signals()).containsEntry("dup.exact", 0.0).containsEntry("dup.near", 1.0);
    }

    private ScoringResult scoreSeen(FirstSeenIndex index, String id, String text) {
        Duplication d = index.see(id, text);
        return scorer.score(new ScoringInput(id, text, SourceKind.SCRAPED, NOW - 1000, "en", null, null,
                RecordContext.EMPTY.withDuplication(d)));
    }

    @Test
    void quarantinesEmptyTextEvenWhenSynthetic() {
        ScoringResult r = score(SourceKind.SYNTHETIC, " \n\t ");
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(r)).startsWith("empty_text").doesNotContain("low_alpha");
        assertThat(r.repairInstruction()).isNull();
    }

    @Test
    void sendsShortSyntheticTextBackForRepairWithAConcreteInstruction() {
        ScoringResult r = score(SourceKind.SYNTHETIC, "The committee met on Tuesday to review the proposal.");
        assertThat(r.route()).isEqualTo(Route.RESYNTHESIS);
        assertThat(codes(r)).containsExactly("too_short");
        assertThat(r.reasons().get(0).getDetail()).isEqualTo("fewer than 30 words: text.word_count=9 < 30");
        assertThat(r.failingSignals()).containsExactly(java.util.Map.entry("text.word_count", 9.0));
        assertThat(r.repairInstruction()).contains("at least 30 words");
    }

    @Test
    void quarantinesVeryShortScrapedTextButAcceptsAShortSentence() {
        assertThat(score(SourceKind.SCRAPED, "Click here now").route()).isEqualTo(Route.QUARANTINED);
        assertThat(score(SourceKind.SCRAPED, "The committee met on Tuesday to review the proposal.").route())
                .isEqualTo(Route.ACCEPTED);
    }

    @Test
    void routesMostlySymbolTextByKind() {
        String numbers = "12.5 | 13.0 | 14.25 | 99 | -- | 1,024 | 2,048 | 4,096 | 8,192 | 16,384 | 32,768 | 65,536 "
                + "| 3.14159 | 2.71828 | 1.41421 | 0.57721 | 42 | 7 | 11 | 13 | 17 | 19 | 23 | 29 | 31 | 37 | x";
        ScoringResult scraped = score(SourceKind.SCRAPED, numbers);
        assertThat(scraped.route()).isEqualTo(Route.QUARANTINED);
        // One line of numbers without a full stop also fails FineWeb's line-punctuation rule.
        assertThat(codes(scraped)).containsExactly("low_alpha", "fineweb_line_punct_ratio");
        ScoringResult synthetic = score(SourceKind.SYNTHETIC, numbers);
        assertThat(synthetic.route()).isEqualTo(Route.RESYNTHESIS);
        assertThat(synthetic.repairInstruction()).contains("natural-language prose");
        assertThat(synthetic.failingSignals()).containsOnlyKeys("text.alpha_char_ratio");
        assertThat(synthetic.reasons().get(0).getDetail())
                .isEqualTo("fewer than 25% of non-space characters are letters: text.alpha_char_ratio=0.007752 < 0.25");
    }

    @Test
    void quarantinesMalformedRecordsWhateverTheirText() {
        ScoringResult badUrl = scorer.score(new ScoringInput("id", PARAGRAPH, SourceKind.SCRAPED, NOW, "en",
                null, "file:///etc/passwd"));
        assertThat(badUrl.route()).isEqualTo(Route.QUARANTINED);
        assertThat(badUrl.reasons().get(0).getCode()).isEqualTo("malformed_record");
        assertThat(badUrl.reasons().get(0).getSignal()).isEqualTo("record.bad_url");

        ScoringResult noTime = scorer.score(new ScoringInput(" ", PARAGRAPH, SourceKind.SYNTHETIC, 0, "en",
                null, null));
        assertThat(noTime.route()).isEqualTo(Route.QUARANTINED);
        assertThat(noTime.reasons().get(0).getDetail())
                .endsWith("record.blank_id=1 >= 1; record.bad_event_time=1 >= 1");
    }

    @Test
    void judgesChineseLengthByItsDictionaryWords() {
        // One sentence, ~15 words ("The committee met on Tuesday to consider the proposal to build a new
        // footbridge over the river."): too short for a synthetic record, as its English translation is.
        String sentence = "委员会周二开会审议了在河上修建一座新人行桥的提案。";
        ScoringResult zh = scorer.score(new ScoringInput("id", sentence, SourceKind.SYNTHETIC, NOW, "zh", null, null));
        assertThat(zh.route()).isEqualTo(Route.RESYNTHESIS);
        assertThat(codes(zh)).containsExactly("too_short");
        assertThat(zh.signals().get("text.word_count")).isBetween(10.0, 20.0);
        // Three sentences, ~50 words, one run of non-whitespace: accepted, declared or identified.
        String paragraph = sentence + "工程师们说，这座桥将在明年春天完工，费用由市政府和省政府共同承担。"
                + "居民们对此表示欢迎，因为他们每天都要绕远路去市场。";
        ScoringResult declared = scorer.score(new ScoringInput("id", paragraph, SourceKind.SYNTHETIC, NOW, "zh", null,
                null));
        assertThat(declared.route()).isEqualTo(Route.ACCEPTED);
        ScoringResult undeclared = scorer.score(new ScoringInput("id", paragraph, SourceKind.SYNTHETIC, NOW, null, null,
                null));
        assertThat(undeclared.slice()).isEqualTo("synthetic/zh/general");
        assertThat(undeclared.route()).isEqualTo(Route.ACCEPTED);
        // Words are counted by script, whatever language the producer declares.
        ScoringResult declaredEn = scorer.score(new ScoringInput("id", paragraph, SourceKind.SYNTHETIC, NOW, "en", null,
                null));
        assertThat(declaredEn.route()).isEqualTo(Route.ACCEPTED);
        // A scraped fragment of a few words is quarantined as in any language.
        ScoringResult fragment = scorer.score(new ScoringInput("id", "首页｜新闻", SourceKind.SCRAPED, NOW, "zh", null,
                null));
        assertThat(codes(fragment)).contains("too_short");
    }

    /** The integration tests' paragraph: Europarl, ~70 words, three sentences. */
    private static final String IT_PARAGRAPH = "The directive on equal treatment between men and women in the access "
            + "to and supply of goods and services has been in preparation for a long time. It was first included in "
            + "the social policy agenda of the Commission in June 2000, and it is important to state that equality "
            + "between men and women is now a fundamental principle of the Union. We therefore call on the "
            + "Commission to put forward new proposals to combat discrimination effectively in every area of life.";

    @Test
    void acceptsAThreeSentenceParagraphThoughC4WouldDropIt() {
        for (SourceKind kind : SourceKind.values()) {
            ScoringResult r = score(kind, IT_PARAGRAPH);
            assertThat(r.route()).as(kind.name()).isEqualTo(Route.ACCEPTED);
            assertThat(r.reasons()).isEmpty();
            assertThat(r.signals()).containsEntry("c4.keep", 0.0).containsEntry("fineweb.keep", 1.0);
        }
    }

    @Test
    void quarantinesScrapedPlaceholderTextNamingTheC4Rule() {
        ScoringResult r = score(SourceKind.SCRAPED, IT_PARAGRAPH + "\nLorem ipsum dolor sit amet, consectetur.");
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(r)).containsExactly("c4_lorem_ipsum");
    }

    @Test
    void quarantinesAScrapedLinkListButNotTheSameSyntheticList() {
        String menu = "Home\nNews\nSport\nWeather\nContact us\nImprint\n" + IT_PARAGRAPH;
        ScoringResult scraped = score(SourceKind.SCRAPED, menu);
        assertThat(scraped.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(scraped)).containsExactly("fineweb_short_line_ratio");
        assertThat(scraped.reasons().get(0).getDetail()).startsWith("FineWeb rule (short_line_ratio): "
                + "fineweb.short_line_ratio=0.8571 > 0.67");
        assertThat(score(SourceKind.SYNTHETIC, menu).route()).isEqualTo(Route.ACCEPTED);
    }

    @Test
    void judgesThaiLinesWithoutFullStopsAndChineseListsByTheirWords() {
        // Thai ends sentences with a space, not a mark: FineWeb's line punctuation rule is off for it.
        String thai = "เมืองนี้ตั้งอยู่ริมแม่น้ำกว้าง ซึ่งในฤดูใบไม้ผลิมักจะล้นตลิ่ง\n"
                + "ตั้งแต่ยุคกลางผู้คนที่นี่ประกอบอาชีพค้าขายไม้และเกลือ และโกดังเก่าริมท่าเรือยังคงทำให้นึกถึงช่วงเวลานั้น\n"
                + "ในฤดูร้อนมีนักท่องเที่ยวจำนวนมากมาเดินเล่นในตรอกแคบ ๆ ของเมืองเก่า";
        ScoringResult th = scorer.score(new ScoringInput("id", thai, SourceKind.SCRAPED, NOW, null, null, null));
        assertThat(th.slice()).isEqualTo("scraped/th/general");
        assertThat(th.signals().get("fineweb.line_punct_ratio")).isEqualTo(0.0);
        assertThat(th.route()).isEqualTo(Route.ACCEPTED);
        // Vietnamese writes full stops, so the same lines without them still fail there.
        String vietnamese = "Thành phố nằm bên một con sông rộng thường tràn bờ vào mùa xuân\n"
                + "Từ thời trung cổ người dân ở đây sống bằng nghề buôn gỗ và muối\n"
                + "Vào mùa hè có rất nhiều du khách đến dạo chơi trong những con phố hẹp";
        assertThat(codes(scorer.score(new ScoringInput("id", vietnamese, SourceKind.SCRAPED, NOW, null, null, null))))
                .contains("fineweb_line_punct_ratio");
        // Chinese words are counted, so a page that is a list of one-word lines is caught as in any language.
        String links = "首页\n新闻\n体育\n财经\n科技\n娱乐\n汽车\n房产\n旅游\n教育\n健康\n联系我们。";
        ScoringResult list = scorer.score(new ScoringInput("id", links, SourceKind.SCRAPED, NOW, "zh", null, null));
        assertThat(codes(list)).contains("fineweb_list_ratio");
    }

    @Test
    void doesNotTreatShortChineseLinesAsMenuEntries() {
        String poem = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。";
        ScoringResult zh = scorer.score(new ScoringInput("id", poem, SourceKind.SCRAPED, NOW, "zh", null, null));
        assertThat(codes(zh)).doesNotContain("fineweb_short_line_ratio");
        // Without a declared language the identifier recognises it, so the zh exemption still applies.
        ScoringResult und = scorer.score(new ScoringInput("id", poem, SourceKind.SCRAPED, NOW, null, null, null));
        assertThat(und.language().code()).isEqualTo("zh");
        assertThat(codes(und)).doesNotContain("fineweb_short_line_ratio");
    }
}
