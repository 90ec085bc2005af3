package io.sluice.pipeline.signals.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.lang.LanguageIdentifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageMismatchTest {

    private static final LanguageIdentifier IDENTIFIER = LanguageIdentifier.standard();
    private static final LanguageMismatch CHECK = new LanguageMismatch(IDENTIFIER.supportedLanguages());

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("en", "The committee met on Tuesday to discuss the report on regional funds and agreed to publish its "
                    + "conclusions next month after a further round of consultation with members."),
            Map.entry("pl", "Komisja spotkała się we wtorek, aby omówić sprawozdanie w sprawie funduszy regionalnych, i "
                    + "postanowiła opublikować swoje wnioski w przyszłym miesiącu po kolejnej rundzie konsultacji."),
            Map.entry("cs", "Výbor se sešel v úterý, aby projednal zprávu o regionálních fondech, a dohodl se, že své závěry "
                    + "zveřejní příští měsíc po dalším kole konzultací se členy a s vládami členských států."),
            Map.entry("sk", "Výbor sa stretol v utorok, aby prerokoval správu o regionálnych fondoch, a dohodol sa, že svoje "
                    + "závery zverejní budúci mesiac po ďalšom kole konzultácií s členmi a s vládami členských štátov."),
            Map.entry("da", "Udvalget mødtes tirsdag for at drøfte betænkningen om regionalfondene og besluttede at offentliggøre "
                    + "sine konklusioner i næste måned efter endnu en høringsrunde med medlemmerne."),
            Map.entry("ru", "Комитет собрался во вторник, чтобы обсудить доклад о региональных фондах, и решил опубликовать "
                    + "свои выводы в следующем месяце после ещё одного раунда консультаций с членами."),
            Map.entry("el", "Η επιτροπή συνεδρίασε την Τρίτη για να συζητήσει την έκθεση σχετικά με τα περιφερειακά ταμεία, "
                    + "όπως ανέφερε ο κ. Brok και ο κ. Salafranca, και αποφάσισε να δημοσιεύσει τα συμπεράσματά της."),
            Map.entry("ko", "위원회는 화요일에 지역 기금에 관한 보고서를 논의하기 위해 모였으며 회원들과 한 차례 더 협의한 후 다음 달에 결론을 발표하기로 합의했습니다."),
            Map.entry("ja", "委員会は火曜日に地域基金に関する報告書を討議するために会合を開き、加盟国とのさらなる協議の後、来月に結論を公表することに合意した。"),
            Map.entry("zh", "委员会星期二开会讨论关于地区基金的报告，并同意在与成员进一步协商之后于下个月公布其结论。"),
            Map.entry("no", "Komiteen møttes tirsdag for å drøfte rapporten om regionalfondene og bestemte seg for å "
                    + "offentliggjøre konklusjonene sine neste måned etter enda en høringsrunde med medlemmene."),
            Map.entry("nn", "Komitéen kom saman tysdag for å drøfte rapporten om regionalfonda og vedtok å offentleggjere "
                    + "konklusjonane sine neste månad etter endå ein høyringsrunde med medlemene."),
            Map.entry("uk", "Комітет зібрався у вівторок, щоб обговорити доповідь про регіональні фонди, і вирішив "
                    + "оприлюднити свої висновки наступного місяця після ще одного раунду консультацій з членами."),
            Map.entry("sr", "Одбор се састао у уторак да би размотрио извештај о регионалним фондовима и одлучио да своје "
                    + "закључке објави следећег месеца после још једног круга консултација са члановима."));

    private static boolean mismatch(String requested, String text) {
        return CHECK.mismatch(requested, text, IDENTIFIER.identify(text));
    }

    @Test
    void textInTheRequestedLanguageIsNoMismatch() {
        TEXTS.forEach((lang, text) -> assertThat(mismatch(lang, text)).as(lang).isFalse());
    }

    @Test
    void anotherLanguageTheIdentifierKnowsIsAMismatch() {
        assertThat(mismatch("pl", TEXTS.get("en"))).isTrue(); // the old function-word check knew no Polish
        assertThat(mismatch("en", TEXTS.get("pl"))).isTrue();
        assertThat(mismatch("de", TEXTS.get("da"))).isTrue();
        assertThat(mismatch("ja", TEXTS.get("zh"))).isTrue();
        assertThat(mismatch("zh", TEXTS.get("ja"))).isTrue();
        assertThat(mismatch("bg", TEXTS.get("ru"))).isTrue();
    }

    @Test
    void closeNeighboursAreToldApartInProse() {
        assertThat(mismatch("sk", TEXTS.get("cs"))).isTrue();
        assertThat(mismatch("cs", TEXTS.get("sk"))).isTrue();
        assertThat(mismatch("sv", TEXTS.get("da"))).isTrue();
    }

    @Test
    void anotherScriptIsAMismatchWhateverTheLanguage() {
        assertThat(mismatch("uk", TEXTS.get("en"))).isTrue();  // Ukrainian is written in Cyrillic
        assertThat(mismatch("ko", TEXTS.get("ru"))).isTrue();
        assertThat(mismatch("he", TEXTS.get("en"))).isTrue();
        assertThat(mismatch("de", TEXTS.get("ko"))).isTrue();  // Korean: a script the identifier does not cover
        assertThat(mismatch("ja", TEXTS.get("ko"))).isTrue();
        assertThat(mismatch("bg", TEXTS.get("el"))).isTrue();  // Greek with Latin names (a share of 0.85)
    }

    @Test
    void languagesTheIdentifierDoesNotKnowAreJudgedByScriptOnly() {
        // Latin text passes for Galician and Malay, and Cyrillic for Tatar: the identifier names some
        // other language it knows, which says nothing about the request.
        assertThat(mismatch("gl", TEXTS.get("pl"))).isFalse();
        assertThat(mismatch("ms", TEXTS.get("en"))).isFalse();
        assertThat(mismatch("tt", TEXTS.get("ru"))).isFalse();
        assertThat(mismatch("tt", TEXTS.get("el"))).isTrue(); // but not another script
    }

    /**
     * Languages judged by script alone until the identifier learnt them: Norwegian, Ukrainian and
     * Turkish in signals version 19; Basque, Belarusian, Indonesian, Macedonian and Serbian in 20.
     */
    @ParameterizedTest
    @CsvSource({
        "no, da, true", "nb-NO, da, true", "uk, ru, true", "tr, en, true", "ru, uk, true",
        "nn, no, false", "nb, no, false", "uk, uk, false",
        "eu, pl, true", "mk, ru, true", "be, ru, true", "id, en, true", "ru, sr, true", "sr, sr, false",
        // Cyrillic Serbian is not Croatian, which is written in Latin script only.
        "hr, sr, true"})
    void languagesTheIdentifierLearntAreJudgedByLanguage(String requested, String writtenIn, boolean expected) {
        assertThat(mismatch(requested, TEXTS.get(writtenIn))).isEqualTo(expected);
    }

    /**
     * Serbian and Croatian in Latin script are one language written alike: the identifier calls such
     * text Croatian, or Serbian when its ekavian forms show, and either answer matches a request for
     * any standard of the language. Serbian in Cyrillic still does not match a Croatian request.
     */
    @Test
    void serbianAndCroatianInLatinScriptMatchEachOthersRequests() {
        String serbianLatin = "Odbor se sastao u utorak da bi razmotrio izveštaj o regionalnim fondovima i odlučio da "
                + "svoje zaključke objavi sledećeg meseca posle još jednog kruga konsultacija sa članovima.";
        String croatian = "Odbor se sastao u utorak kako bi razmotrio izvješće o regionalnim fondovima i odlučio "
                + "svoje zaključke objaviti sljedećeg mjeseca nakon još jednog kruga savjetovanja s članovima.";
        assertThat(IDENTIFIER.identify(serbianLatin).code()).isEqualTo("sr");
        assertThat(IDENTIFIER.identify(croatian).code()).isEqualTo("hr");
        for (String text : List.of(serbianLatin, croatian)) {
            assertThat(mismatch("sr-Latn", text)).isFalse();
            assertThat(mismatch("sr", text)).isFalse();
            assertThat(mismatch("hr", text)).isFalse();
            assertThat(mismatch("bs", text)).isFalse();
            assertThat(mismatch("sl", text)).isTrue();
        }
        assertThat(mismatch("hr", TEXTS.get("sr"))).isTrue();
    }

    @Test
    void tagsAreReducedToTheirLanguage() {
        assertThat(mismatch("pl-PL", TEXTS.get("pl"))).isFalse();
        assertThat(mismatch("zh_Hans", TEXTS.get("zh"))).isFalse();
        assertThat(mismatch(" EN-gb ", TEXTS.get("en"))).isFalse();
        assertThat(mismatch("PT-br", TEXTS.get("en"))).isTrue();
        assertThat(LanguageMismatch.subtag("-x")).isNull();
    }

    @Test
    void nothingToSayNeverFlags() {
        assertThat(mismatch(null, TEXTS.get("en"))).isFalse();
        assertThat(mismatch("  ", TEXTS.get("en"))).isFalse();
        assertThat(mismatch("xx", TEXTS.get("en"))).isFalse();   // unknown code
        assertThat(mismatch("ru", "")).isFalse();
        assertThat(mismatch("ru", "OK.")).isFalse();             // too short to identify
        assertThat(mismatch("ru", "https://example.org/a/b?c=d /usr/share/doc")).isFalse();
        assertThat(mismatch("de", "한국어")).isFalse();            // too few letters to count
    }

    @Test
    void aDoubtfulGuessIsNoEvidence() {
        LanguageGuess doubtful = new LanguageGuess("sk", LanguageMismatch.MIN_CONFIDENCE - 0.01, "cs", 0.1);
        LanguageGuess sure = new LanguageGuess("sk", LanguageMismatch.MIN_CONFIDENCE, "cs", 0.1);
        assertThat(CHECK.mismatch("cs", "Rozprava je ukončena.", doubtful)).isFalse();
        assertThat(CHECK.mismatch("cs", "Rozprava je ukončena.", sure)).isTrue();
    }

    @Test
    void everyIdentifiableLanguageHasAScript() {
        assertThatThrownBy(() -> new LanguageMismatch(List.of("en", "qq")))
                .hasMessageContaining("'qq'");
    }
}
