package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.signals.SignalRegistry;
import io.sluice.pipeline.signals.quality.C4Quality;
import io.sluice.pipeline.signals.quality.GopherQuality;
import io.sluice.pipeline.signals.quality.GopherRepetition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In the stream (the scorer over the standard registry) Gopher's stop words follow the record's
 * language, and a policy routes on the Gopher families per slice.
 */
class LanguageAwareQualityTest {

    private static final long NOW = 1_780_000_000_000L;

    /** About 70 words of German prose: none of datatrove's eight English stop words occurs in it. */
    private static final String GERMAN = """
            Die Stadt liegt an einem breiten Fluss, der im Frühjahr oft über die Ufer tritt. Seit dem \
            Mittelalter leben die Menschen hier vom Handel mit Holz und Salz, und noch heute erinnern \
            die alten Speicher am Hafen an diese Zeit. Im Sommer kommen viele Besucher, die durch die \
            engen Gassen der Altstadt gehen und in den kleinen Gasthäusern am Markt essen. Wer mehr über \
            die Geschichte der Region wissen möchte, findet im Museum neben der Kirche eine Ausstellung, \
            die auch für Kinder gut verständlich ist.""";

    /** About 60 words of English prose with several of datatrove's stop words. */
    private static final String ENGLISH = """
            The town lies on a wide river that often floods in spring. Since the Middle Ages people here \
            have lived from the trade in timber and salt, and the old warehouses at the harbour still recall \
            that time. In summer many visitors come to walk through the narrow lanes of the old town and to \
            eat in the small inns by the market, and the museum next to the church tells the story of the region.""";

    private final Policy policy = new PolicyLoader().parse("""
            version: "gopher-1"
            rules: []
            quality:
              gopher:
                route: quarantine
              repetition:
                route: quarantine
                checks:
                  top_2_gram: off
            slices:
              "*/fr/*": { quality: { gopher: { enough_stop_words: 40 } } }
              "*/nl/*": { quality: { gopher: off } }
            """, "test");
    private final DocumentScorer scorer = new DocumentScorer(policy, SignalRegistry.standard(), () -> NOW);

    private ScoringResult score(String text, String declaredLanguage) {
        return scorer.score(new ScoringInput("id", text, SourceKind.SCRAPED, NOW, declaredLanguage, "example.org", null));
    }

    private static List<String> codes(ScoringResult r) {
        return r.reasons().stream().map(ReasonCode::getCode).toList();
    }

    @Test
    void countsTheStopWordsOfTheIdentifiedLanguage() {
        ScoringResult r = score(GERMAN, null);
        assertThat(r.slice()).isEqualTo("scraped/de/example.org");
        // der, die, und, im, an, in, den, ...: German function words, not English ones.
        assertThat(r.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(10.0);
        assertThat(r.route()).isEqualTo(Route.ACCEPTED);
        assertThat(codes(r)).isEmpty();
    }

    @Test
    void aDeclaredLanguageWinsOverTheIdentifiedOne() {
        ScoringResult r = score(GERMAN, "EN");
        assertThat(r.slice()).isEqualTo("scraped/en/example.org");
        assertThat(r.signals().get(GopherQuality.STOP_WORD_COUNT)).isLessThan(2.0);
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(codes(r)).containsExactly("gopher_enough_stop_words");
    }

    @Test
    void aRegionalDeclarationCountsAsItsLanguage() {
        ScoringResult r = score(GERMAN, "de-AT");
        assertThat(r.slice()).isEqualTo("scraped/de-at/example.org");
        assertThat(r.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(10.0);
        assertThat(score("東京は日本の首都です。人口はとても多いです。", "ja_JP").signals().get(C4Quality.SENTENCE_COUNT))
                .isEqualTo(2.0);
    }

    @Test
    void sentencesAreSplitByNltksModelForTheRecordsLanguage() {
        // NLTK's German model knows "z.B.", "d.h.", "Vgl.", "Abs." and that a number before "Oktober" is
        // an ordinal (a collocation); its English model ends a sentence at each (NLTK 3.8 with both
        // models: 6 sentences against 10).
        String german = """
                Die Mauer fiel im Jahr 1989. Am 3. Oktober 1990 wurde Deutschland wiedervereinigt. Das war z.B. \
                für viele Familien ein Grund zur Freude.
                Der Zug fährt um 8 Uhr ab, d.h. wir müssen früh aufstehen. Vgl. dazu Abs. 2 der Verordnung. \
                Prof. Müller hält den Vortrag.""";
        assertThat(score(german, null).slice()).isEqualTo("scraped/de/example.org");
        assertThat(score(german, null).signals().get(C4Quality.SENTENCE_COUNT)).isEqualTo(6.0);
        assertThat(score(german, "en").signals().get(C4Quality.SENTENCE_COUNT)).isEqualTo(10.0);
        // The tokens follow the same sentences: "z.B." and "3." keep their periods inside a German
        // sentence, where the English split makes each period a token of its own.
        assertThat(score(german, null).signals().get(GopherQuality.TOKEN_COUNT))
                .isEqualTo(score(german, "en").signals().get(GopherQuality.TOKEN_COUNT) - 4);
    }

    @Test
    void finnishIdentifiedAsSuchIsSplitByTheFinnishModel() {
        // NLTK's Finnish model knows "esim." and "jne." and "milj."; its English model ends a sentence
        // at each, but knows "n." where the Finnish model does not (NLTK 3.8 with both models: 7
        // sentences and 67 tokens against 9 and 69).
        String finnish = """
                Kaupunki sijaitsee leveän joen rannalla, ja joki tulvii usein keväällä. Keskiajalta asti täällä \
                on eletty puun ja suolan kaupalla, esim. Tallinnan ja Lyypekin kanssa. Satamassa on vanhoja \
                varastoja, aittoja jne. jotka muistuttavat siitä ajasta. Kaupungin budjetti on n. 40 milj. euroa \
                vuodessa.
                Museossa on näyttely alueen historiasta. Dr. Virtanen pitää esitelmän, ja sen jälkeen on \
                kahvitarjoilu.""";
        assertIdentifiedAndSplit(finnish, "scraped/fi/example.org", 7, 67);
        assertSplit(score(finnish, "en"), 9, 69);
    }

    /** Scored without a declared language, {@code text} is sliced as {@code slice} and split as NLTK splits it. */
    private void assertIdentifiedAndSplit(String text, String slice, int sentences, int tokens) {
        ScoringResult identified = score(text, null);
        assertThat(identified.slice()).isEqualTo(slice);
        assertSplit(identified, sentences, tokens);
    }

    /** C4's sentence count and Gopher's token count, as NLTK 3.8 counts them with the same model. */
    private static void assertSplit(ScoringResult r, int sentences, int tokens) {
        assertThat(r.signals().get(C4Quality.SENTENCE_COUNT)).isEqualTo((double) sentences);
        assertThat(r.signals().get(GopherQuality.TOKEN_COUNT)).isEqualTo((double) tokens);
    }

    @Test
    void norwegianTaggedOrIdentifiedGetsNorwegianSentencesAndStopWords() {
        // NLTK's Norwegian model knows "bl.a.", "kl.", "ca.", "dvs.", "f.eks.", "jfr." and the date
        // "17. mai" (a collocation); its English model ends a sentence at each (NLTK 3.8 with both
        // models: 7 sentences and 88 tokens against 13 and 94).
        String norwegian = """
                Byen ligger ved en bred elv som ofte går over sine bredder om våren. Fra middelalderen har folk \
                her levd av handel med tømmer og salt, bl.a. med Tyskland. Den 17. mai samles mange i sentrum, og \
                kl. 10 starter toget. Det kom ca. 3000 mennesker i fjor, dvs. flere enn året før.
                Museet ved kirken har f.eks. en utstilling om regionens historie. Dr. Hansen holder foredraget, \
                jfr. programmet. Hun sier at det er viktig for byen.""";
        for (String bokmaalOrNynorsk : List.of("nb", "nn", "no", "nb-NO")) {
            ScoringResult r = score(norwegian, bokmaalOrNynorsk);
            assertThat(r.signals().get(C4Quality.SENTENCE_COUNT)).as(bokmaalOrNynorsk).isEqualTo(7.0);
            assertThat(r.signals().get(GopherQuality.TOKEN_COUNT)).as(bokmaalOrNynorsk).isEqualTo(88.0);
            // ved, en, som, over, om, fra, har, her, av, med, og, i, ...: Lucene's Norwegian list.
            assertThat(r.signals().get(GopherQuality.STOP_WORD_COUNT)).as(bokmaalOrNynorsk).isGreaterThanOrEqualTo(10.0);
        }
        // Undeclared, it is identified as Norwegian (signals version 19; Danish before) and split the same way.
        assertIdentifiedAndSplit(norwegian, "scraped/no/example.org", 7, 88);
        ScoringResult english = score(norwegian, "en");
        assertSplit(english, 13, 94);
        assertThat(english.signals().get(GopherQuality.STOP_WORD_COUNT)).isLessThan(4.0);
    }

    /**
     * A Cyrillic Serbian record is identified as Serbian (signals version 20; Russian, Bulgarian or
     * Ukrainian before), and gets Serbian stop words in both alphabets, so the Latin spelling of the
     * same text counts as many: Lucene's list (auxiliaries and conjunctions, in both alphabets) and,
     * since signals version 23, spaCy's function words, in Cyrillic and transliterated to Latin.
     */
    @Test
    void serbianIsIdentifiedAndItsStopWordsCountInBothAlphabets() {
        String cyrillic = """
                Град лежи на широкој реци која се у пролеће често излива из корита. Још од средњег века људи овде                 живе од трговине дрветом и сољу, а старе магацине у луци и данас подсећају на то време. Лети долази                 много посетилаца који шетају уским улицама старог града и једу у малим крчмама на тргу, јер је                 храна добра и није скупа.""";
        String latin = """
                Grad leži na širokoj reci koja se u proleće često izliva iz korita. Još od srednjeg veka ljudi ovde                 žive od trgovine drvetom i solju, a stare magacine u luci i danas podsećaju na to vreme. Leti dolazi                 mnogo posetilaca koji šetaju uskim ulicama starog grada i jedu u malim krčmama na trgu, jer je                 hrana dobra i nije skupa.""";
        ScoringResult identified = score(cyrillic, null);
        assertThat(identified.slice()).isEqualTo("scraped/sr/example.org");
        // и, а, је, није from Lucene's list; на, се, у, од, из, овде, то, много, јер, … from spaCy's
        // (version 22 counted the first four only).
        assertThat(identified.signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(15.0);
        assertThat(score(latin, "sr").signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(15.0);
    }

    /**
     * Ukrainian, Vietnamese and Esperanto records count their own language's stop words (Lucene's
     * Ukrainian list from lucene-analysis-morfologik, stopwords-iso's others; signals version 20), and
     * so do Polish, Croatian, Slovak, Slovenian and Hebrew ones (version 21), where they counted
     * datatrove's English eight and so failed Gopher's stop-word check whatever their text.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "uk|Місто лежить на широкій річці, яка навесні часто виходить з берегів. Ще з середньовіччя люди тут"
            + " живуть з торгівлі деревом і сіллю, а старі склади біля порту й досі нагадують про той час. Влітку"
            + " приїздить багато відвідувачів, які гуляють вузькими вулицями старого міста і обідають у малих"
            + " корчмах на ринку.",
        "vi|Thành phố nằm bên một con sông rộng, mùa xuân nước thường tràn bờ. Từ thời trung cổ, người dân ở"
            + " đây sống bằng nghề buôn gỗ và muối, và những kho hàng cũ bên cảng vẫn còn gợi nhớ thời ấy. Vào mùa"
            + " hè có rất nhiều du khách đến dạo chơi trên những con phố hẹp của khu phố cổ và ăn trong các quán"
            + " nhỏ bên chợ.",
        "eo|La urbo kuŝas ĉe larĝa rivero, kiu printempe ofte superbordiĝas. Ekde la mezepoko la homoj ĉi tie"
            + " vivas de la komerco de ligno kaj salo, kaj la malnovaj stokejoj ĉe la haveno ankoraŭ memorigas pri"
            + " tiu tempo. Somere venas multaj vizitantoj, kiuj promenas tra la mallarĝaj stratoj de la malnova"
            + " urbo kaj manĝas en la malgrandaj gastejoj ĉe la placo.",
        // Polish, Croatian, Slovak, Slovenian and Hebrew since signals version 21 (stopwords-iso's lists).
        "pl|Miasto leży nad szeroką rzeką, która wiosną często wylewa. Od średniowiecza ludzie żyją tu z handlu"
            + " drewnem i solą, a stare magazyny przy porcie wciąż przypominają o tamtych czasach. Latem przyjeżdża"
            + " wielu gości, którzy spacerują wąskimi uliczkami starego miasta i jedzą w małych gospodach na rynku.",
        "hr|Grad leži na širokoj rijeci koja se u proljeće često izlijeva. Još od srednjeg vijeka ljudi ovdje žive"
            + " od trgovine drvom i solju, a stara skladišta kod luke i danas podsjećaju na to vrijeme. Ljeti dolazi"
            + " mnogo posjetitelja koji šeću uskim ulicama staroga grada i jedu u malim gostionicama na trgu.",
        "sk|Mesto leží na širokej rieke, ktorá sa na jar často vylieva z brehov. Už od stredoveku tu ľudia žijú z"
            + " obchodu s drevom a soľou a staré sklady pri prístave dodnes pripomínajú tie časy. V lete sem"
            + " prichádza veľa návštevníkov, ktorí sa prechádzajú úzkymi uličkami starého mesta a jedia v malých"
            + " hostincoch na námestí.",
        "sl|Mesto leži ob široki reki, ki spomladi pogosto prestopi bregove. Že od srednjega veka ljudje tukaj"
            + " živijo od trgovine z lesom in soljo, stara skladišča ob pristanišču pa še danes spominjajo na tiste"
            + " čase. Poleti pride veliko obiskovalcev, ki se sprehajajo po ozkih ulicah starega mesta in jedo v"
            + " majhnih gostilnah na trgu.",
        "he|העיר שוכנת על נהר רחב, שבאביב עולה לעתים קרובות על גדותיו. כבר מימי הביניים האנשים כאן מתפרנסים"
            + " ממסחר בעץ ובמלח, והמחסנים הישנים ליד הנמל עדיין מזכירים את הימים ההם. בקיץ מגיעים הרבה מבקרים"
            + " שמטיילים ברחובות הצרים של העיר העתיקה ואוכלים במסעדות הקטנות שליד השוק."})
    void recordsCountTheStopWordsOfTheirLanguageWhereLuceneHasNone(String language, String text) {
        ScoringResult identified = score(text, null);
        assertThat(identified.slice()).isEqualTo("scraped/" + language + "/example.org");
        // Hebrew writes "and", "the", "in" and "to" as prefixes of the next word, so fewer stand alone.
        double atLeast = language.equals("he") ? 4.0 : 8.0;
        assertThat(identified.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(atLeast);
        // Declared English, they count datatrove's eight: below Gopher's two, at most a stray "to"
        // ("na to vrijeme").
        assertThat(score(text, "en").signals().get(GopherQuality.STOP_WORD_COUNT)).isLessThanOrEqualTo(1.0);
    }

    /**
     * Signals version 23: Kazakh (NLTK's list), Macedonian, Kannada, Malayalam, Sinhala and Tamil
     * (spaCy's) and Gujarati, Korean and Urdu (stopwords-iso's) records count their own language's
     * stop words; they counted datatrove's English eight, so Gopher's stop-word check failed every one
     * of them. So did Thai, whose list never matched a run of words written without spaces. The
     * minimum is what the shipped list finds in the text (Malayalam's list is 9 words).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kk|4|Қала кең өзеннің жағасында орналасқан, көктемде ол жиі арнасынан асып кетеді. Орта ғасырлардан "
            + "бері мұндағы адамдар ағаш пен тұз саудасымен күн көреді, ал порттағы ескі қоймалар әлі күнге "
            + "дейін сол уақытты еске салады. Жазда қаланың тар көшелерімен серуендейтін және базардағы шағын "
            + "асханаларда тамақтанатын көптеген қонақтар келеді.",
        "mk|8|Градот лежи на широка река која напролет често се излева. Уште од средниот век луѓето овде "
            + "живеат од трговија со дрво и сол, а старите магацини кај пристаништето и денес потсетуваат на "
            + "тоа време. Летото доаѓаат многу посетители кои шетаат по тесните улици на стариот град и јадат "
            + "во малите кафеани на плоштадот.",
        "ur|8|شہر ایک چوڑے دریا کے کنارے واقع ہے جو بہار میں اکثر کناروں سے باہر بہہ جاتا ہے۔ قرون وسطیٰ سے "
            + "یہاں کے لوگ لکڑی اور نمک کی تجارت سے روزی کماتے ہیں، اور بندرگاہ کے پاس پرانے گودام آج بھی اس "
            + "زمانے کی یاد دلاتے ہیں۔ گرمیوں میں بہت سے سیاح آتے ہیں جو پرانے شہر کی تنگ گلیوں میں گھومتے ہیں "
            + "اور بازار کے چھوٹے ہوٹلوں میں کھانا کھاتے ہیں۔",
        "ko|4|이 도시는 넓은 강가에 자리 잡고 있으며, 봄이 되면 강물이 자주 넘친다. 중세 시대부터 이곳 사람들은 나무와 소금을 사고팔며 살아왔고, 항구 옆의 오래된 창고들은 지금도 "
            + "그 시절을 떠올리게 한다. 그리고 여름에는 많은 관광객이 찾아와 옛 시가지의 좁은 골목을 걷고 시장의 작은 식당에서 밥을 먹는다.",
        "ta|8|இந்த நகரம் ஒரு பெரிய ஆற்றின் கரையில் உள்ளது, வசந்த காலத்தில் அது அடிக்கடி கரை புரண்டு ஓடும். "
            + "இடைக்காலம் முதல் இங்குள்ள மக்கள் மரம் மற்றும் உப்பு வணிகம் செய்து வாழ்கின்றனர், மேலும் "
            + "துறைமுகத்தின் அருகே உள்ள பழைய கிடங்குகள் இன்றும் அந்த காலத்தை நினைவூட்டுகின்றன. கோடையில் பல "
            + "பயணிகள் வருகின்றனர்.",
        "kn|4|ಈ ನಗರವು ಒಂದು ದೊಡ್ಡ ನದಿಯ ದಡದಲ್ಲಿದೆ ಮತ್ತು ವಸಂತಕಾಲದಲ್ಲಿ ಅದು ಆಗಾಗ ಉಕ್ಕಿ ಹರಿಯುತ್ತದೆ. ಮಧ್ಯಯುಗದಿಂದಲೂ "
            + "ಇಲ್ಲಿನ ಜನರು ಮರ ಮತ್ತು ಉಪ್ಪಿನ ವ್ಯಾಪಾರದಿಂದ ಬದುಕುತ್ತಿದ್ದಾರೆ, ಮತ್ತು ಬಂದರಿನ ಬಳಿ ಇರುವ ಹಳೆಯ ಗೋದಾಮುಗಳು "
            + "ಇಂದಿಗೂ ಆ ಕಾಲವನ್ನು ನೆನಪಿಸುತ್ತವೆ.",
        "si|8|මෙම නගරය විශාල ගඟක් අසල පිහිටා ඇති අතර වසන්ත කාලයේදී එය බොහෝ විට පිටාර ගලයි. මධ්‍යකාලීන යුගයේ "
            + "සිට මෙහි මිනිසුන් දැව සහ ලුණු වෙළඳාමෙන් ජීවත් වන අතර වරාය අසල ඇති පැරණි ගබඩා අදටත් එම කාලය "
            + "සිහිපත් කරයි.",
        "gu|4|આ શહેર એક પહોળી નદીના કિનારે આવેલું છે, અને વસંતમાં તે ઘણી વાર છલકાઈ જાય છે. મધ્યયુગથી અહીંના "
            + "લોકો લાકડા અને મીઠાના વેપારથી જીવે છે, અને બંદર પાસેના જૂના ગોદામો આજે પણ તે સમયની યાદ અપાવે "
            + "છે.",
        "ml|2|ഇത് ഒരു പഴയ നഗരമാണ്. മധ്യകാലം മുതൽ ഇന്ന് വരെ ആളുകൾ ഇവിടെ മരവും ഉപ്പും വ്യാപാരം ചെയ്യുന്നു, "
            + "തുറമുഖത്തിനടുത്തുള്ള പഴയ സംഭരണശാലകൾ ആ കാലത്തെ ഓർമ്മിപ്പിക്കുന്നു.",
        // Signals version 24, the npm package stopword's lists: Punjabi (Gurmukhi), and Burmese, whose
        // runs are cut into words by ICU; its list is mostly compounds, so few match.
        "pa|12|ਇਹ ਸ਼ਹਿਰ ਇੱਕ ਚੌੜੀ ਨਦੀ ਦੇ ਕੰਢੇ ਵਸਿਆ ਹੋਇਆ ਹੈ, ਜੋ ਬਸੰਤ ਵਿੱਚ ਅਕਸਰ ਕੰਢਿਆਂ ਤੋਂ ਬਾਹਰ ਵਹਿ ਜਾਂਦੀ ਹੈ। ਮੱਧ ਯੁੱਗ ਤੋਂ "
            + "ਇੱਥੋਂ ਦੇ ਲੋਕ ਲੱਕੜ ਅਤੇ ਲੂਣ ਦੇ ਵਪਾਰ ਨਾਲ ਗੁਜ਼ਾਰਾ ਕਰਦੇ ਹਨ, ਅਤੇ ਬੰਦਰਗਾਹ ਦੇ ਨੇੜੇ ਪੁਰਾਣੇ ਗੋਦਾਮ ਅੱਜ ਵੀ ਉਸ ਸਮੇਂ ਦੀ "
            + "ਯਾਦ ਦਿਵਾਉਂਦੇ ਹਨ।",
        "my|2|ဤမြို့သည် မြစ်ကြီးတစ်စင်း၏ ကမ်းပေါ်တွင် တည်ရှိပြီး နွေဦးရာသီတွင် မကြာခဏ ရေလျှံတတ်သည်။ "
            + "အလယ်ခေတ်ကတည်းက ဤနေရာရှိ လူများသည် သစ်နှင့် ဆား ကုန်သွယ်ခြင်းဖြင့် အသက်မွေးကြပြီး "
            + "ဆိပ်ကမ်းအနီးရှိ ဟောင်းနွမ်းသော ဂိုဒေါင်များက ထိုခေတ်ကို ယနေ့တိုင် သတိရစေသည်။",
        // Thai is written without spaces: its runs are cut into words before the lookup (Lucene's list).
        "th|12|เมืองนี้ตั้งอยู่ริมแม่น้ำกว้าง ซึ่งในฤดูใบไม้ผลิมักจะล้นตลิ่ง ตั้งแต่ยุคกลางผู้คนที่นี่ประกอบอาชีพค้าขายไม้และเกลือ "
            + "และโกดังเก่าริมท่าเรือยังคงทำให้นึกถึงช่วงเวลานั้น ในฤดูร้อนมีนักท่องเที่ยวจำนวนมากมาเดินเล่นในตรอกแคบ ๆ ของเมืองเก่า"})
    void recordsCountTheStopWordsOfTheirLanguageFromSpacyNltkAndStopwordsIso(String language, double atLeast, String text) {
        ScoringResult identified = score(text, null);
        assertThat(identified.slice()).isEqualTo("scraped/" + language + "/example.org");
        assertThat(identified.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(atLeast);
        assertThat(score(text, "en").signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(0.0);
    }

    /**
     * Signals version 24: Chinese and Japanese records' runs are cut into words by ICU's dictionaries
     * (Thai, Lao, Khmer and Burmese ones too), as FineWeb-2's word tokenizers cut them, so Gopher
     * counts words, their stop words (stopwords-iso's lists) and repetition n-grams of words. Before,
     * a run up to the next space was one "word": the Chinese paragraph below was one, and no stop word could match.
     */
    @Test
    void chineseAndJapaneseRecordsCountWordsAndTheirStopWords() {
        String chinese = "委员会周二开会审议了在河上修建一座新人行桥的提案。工程师们说，这座桥将在明年春天完工，"
                + "费用由市政府和省政府共同承担。居民们对此表示欢迎，因为他们每天都要绕远路去市场。";
        ScoringResult zh = score(chinese, null);
        assertThat(zh.slice()).isEqualTo("scraped/zh/example.org");
        assertThat(zh.signals().get(GopherQuality.WORD_COUNT)).isBetween(40.0, 60.0);
        assertThat(zh.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(5.0); // 了 在 的 和 对 因为 他们 ...
        assertThat(zh.signals().get(GopherQuality.MEAN_WORD_LENGTH)).isBetween(1.2, 2.5);
        // The reference setup (and a record declared English) keeps the English tokenizer's clauses.
        ScoringResult asEnglish = score(chinese, "en");
        assertThat(asEnglish.signals().get(GopherQuality.WORD_COUNT)).isLessThan(10.0);
        assertThat(asEnglish.signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(0.0);

        String japanese = "東京は日本の首都です。人口はとても多く、毎日たくさんの人が電車で会社に通っています。"
                + "春には公園で桜を見る人が多く、夏には川の近くで花火大会があります。";
        ScoringResult ja = score(japanese, null);
        assertThat(ja.slice()).isEqualTo("scraped/ja/example.org");
        assertThat(ja.signals().get(GopherQuality.WORD_COUNT)).isGreaterThan(30.0);
        assertThat(ja.signals().get(GopherQuality.STOP_WORD_COUNT)).isGreaterThanOrEqualTo(3.0); // あり こと から ...
        assertThat(score(japanese, "en").signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(0.0);

        // Repetition's n-grams are n-grams of words: one phrase repeated is found as a top 2-gram.
        String repeated = "我们今天去北京大学看看。".repeat(6) + chinese;
        ScoringResult rep = score(repeated, "zh");
        assertThat(rep.signals().get(GopherRepetition.topNGramCharFrac(2))).isGreaterThan(0.15);
        assertThat(score(repeated, "en").signals().get(GopherRepetition.topNGramCharFrac(2)))
                .isLessThan(0.05);
    }

    /**
     * Signals version 24: Armenian writes its full stop ։ as a colon more often than not, so in an
     * Armenian record a line ending in ':' ends a sentence for FineWeb's line punctuation rule.
     */
    @Test
    void armenianLinesEndingInAColonEndSentences() {
        String armenian = "Քաղաքը գտնվում է լայն գետի ափին, որը գարնանը հաճախ դուրս է գալիս ափերից:\n"
                + "Միջնադարից ի վեր այստեղի մարդիկ ապրում են փայտի և աղի առևտրով:\n"
                + "Ամռանը շատ զբոսաշրջիկներ են գալիս հին քաղաքի նեղ փողոցներով զբոսնելու:";
        ScoringResult hy = score(armenian, null);
        assertThat(hy.slice()).isEqualTo("scraped/hy/example.org");
        assertThat(hy.signals().get("fineweb.line_punct_ratio")).isEqualTo(1.0);
        assertThat(hy.signals().get("fineweb.keep")).isEqualTo(1.0);
        // Declared another language, the colon is a colon, as datatrove reads it.
        ScoringResult declaredRu = score(armenian, "ru");
        assertThat(declaredRu.signals().get("fineweb.line_punct_ratio")).isEqualTo(0.0);
        assertThat(declaredRu.signals().get("fineweb.keep")).isEqualTo(0.0);
        // The Armenian full stop itself counts everywhere (datatrove's set has it).
        assertThat(score(armenian.replace(':', '\u0589'), "ru").signals().get("fineweb.line_punct_ratio")).isEqualTo(1.0);
    }

    /**
     * Greek questions end in the Greek question mark, which NFC turns into ';', and Bengali keyboards
     * type '৷' for the danda: in a Greek or Bengali record those end a line's sentence too.
     */
    @Test
    void greekQuestionsAndBengaliStopsEndSentences() {
        endsEverySentence("el", "Ποιος αποφασίζει για τη νέα γέφυρα πάνω από τον ποταμό\u037E\nΠότε θα ξεκινήσουν οι "
                + "εργασίες στο παλιό λιμάνι της πόλης\u037E\nΠόσο θα κοστίσει το έργο στους κατοίκους της περιοχής\u037E");
        endsEverySentence("bn", "শহরটি একটি চওড়া নদীর তীরে অবস্থিত এবং বসন্তে প্রায়ই বন্যা হয়৷\nমধ্যযুগ থেকে এখানকার "
                + "মানুষ কাঠ ও লবণের ব্যবসা করে জীবিকা নির্বাহ করে৷\nগ্রীষ্মে অনেক পর্যটক পুরনো শহরের সরু গলিতে ঘুরে বেড়ায়৷");
    }

    private void endsEverySentence(String language, String text) {
        ScoringResult identified = score(text, null);
        assertThat(identified.slice()).isEqualTo("scraped/" + language + "/example.org");
        assertThat(identified.signals().get("fineweb.line_punct_ratio")).isEqualTo(1.0);
        assertThat(score(text, "ru").signals().get("fineweb.line_punct_ratio")).isEqualTo(0.0);
    }

    @Test
    void englishRecordsGetTheReferenceValues() {
        ScoringResult r = score(ENGLISH, null);
        double reference = new GopherQuality().verdict(ENGLISH).keep() ? 1.0 : 0.0;
        assertThat(r.signals().get(GopherQuality.KEEP)).isEqualTo(reference);
        // the, of, and, that, to (case-sensitive, as datatrove counts them): "have" too.
        assertThat(r.signals().get(GopherQuality.STOP_WORD_COUNT)).isEqualTo(6.0);
        assertThat(codes(r)).isEmpty();
    }

    @Test
    void aSliceTunesOrSwitchesOffTheGopherChecks() {
        ScoringResult strict = score(GERMAN, "fr"); // French stop words in a German text: few
        assertThat(codes(strict)).containsExactly("gopher_enough_stop_words");
        assertThat(strict.reasons().get(0).getThreshold()).isEqualTo(40.0);
        String tenWords = "one two three four five six seven eight nine ten";
        // Datatrove's top n-gram rules fail any text this short (its first 3-gram is 30% of it).
        assertThat(codes(score(tenWords, "nl"))).containsExactly("repetition_top_3_gram", "repetition_top_4_gram");
        assertThat(codes(score(tenWords, "de"))).startsWith("gopher_short_doc");
    }

    @Test
    void chineseAndJapaneseSentencesEndAtTheirOwnFullStopsAndEachCharacterIsAWord() {
        String chinese = "今天天气很好。我们去公园散步吧！你觉得怎么样？？\n这是第一句。Then two English ones. Here.";
        ScoringResult zh = score(chinese, "zh");
        assertThat(zh.signals().get(C4Quality.SENTENCE_COUNT)).isEqualTo(6.0);
        assertThat(zh.signals().get(C4Quality.LINES_TOO_FEW_WORDS)).isEqualTo(0.0);
        assertThat(score("東京は日本の首都です。人口はとても多いです。", "ja").signals().get(C4Quality.SENTENCE_COUNT))
                .isEqualTo(2.0);
        // Elsewhere C4 counts as the reference does: the first line has one whitespace word (removed),
        // the second is one sentence for Punkt up to "ones." and then "Here.".
        ScoringResult en = score(chinese, "en");
        assertThat(en.signals().get(C4Quality.LINES_TOO_FEW_WORDS)).isEqualTo(1.0);
        assertThat(en.signals().get(C4Quality.SENTENCE_COUNT)).isEqualTo(referenceSentences(chinese)).isEqualTo(2.0);
    }

    private static double referenceSentences(String text) {
        double[] count = new double[1];
        new C4Quality().evaluate(text, (name, value) -> {
            if (name.equals(C4Quality.SENTENCE_COUNT)) {
                count[0] = value;
            }
        });
        return count[0];
    }

    @Test
    void routesOnRepetitionWithDatatroveReasonNames() {
        String repeated = (ENGLISH + "\n").repeat(2) + "A last line that is different from the others.";
        ScoringResult r = score(repeated, null);
        assertThat(codes(r)).contains("repetition_dup_line_frac", "repetition_dup_line_char_frac")
                .doesNotContain("repetition_top_2_gram");
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
    }
}
