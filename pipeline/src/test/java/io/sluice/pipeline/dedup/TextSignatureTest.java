package io.sluice.pipeline.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextSignatureTest {
    static final String TEXT = "The committee met on Tuesday to discuss the proposal for a new directive on the protection "
            + "of workers. Several members argued that the text should be strengthened, while others warned that the "
            + "costs for small businesses would be too high. After a long debate the committee agreed to ask the "
            + "Commission for an impact assessment before the vote in plenary next month.";

    private final TextSignature signatures = new TextSignature();

    @Test
    void reflowedTextIsTheSameExactKeyAndAnyOtherChangeIsNot() {
        long key = signatures.of(TEXT).exactKey();
        assertThat(signatures.of("  " + TEXT.replace(". ", ".\n\n").replace(" the ", "  the\t") + "\n").exactKey()).isEqualTo(key);
        assertThat(signatures.of(TEXT.replace("Tuesday", "Monday")).exactKey()).isNotEqualTo(key);
        assertThat(signatures.of(TEXT.toUpperCase()).exactKey()).isNotEqualTo(key);
    }

    @Test
    void caseAndPunctuationDoNotChangeTheBands() {
        long[] bands = signatures.of(TEXT).bandKeys();
        assertThat(bands).hasSize(TextSignature.BANDS);
        assertThat(signatures.of(TEXT.toUpperCase().replace(",", "").replace(".", " !")).bandKeys()).containsExactly(bands);
    }

    @Test
    void oneChangedWordKeepsSomeBandsAndAnUnrelatedTextSharesNone() {
        long[] bands = signatures.of(TEXT).bandKeys();
        long[] edited = signatures.of(TEXT.replace("Tuesday", "Monday")).bandKeys();
        // ~57 shingles, 5 changed: Jaccard 0.84, so each band matches with probability 0.84^8 = 0.25.
        assertThat(shared(bands, edited)).isBetween(1, TextSignature.BANDS - 1);
        long[] other = signatures.of("Rain is expected over the northern hills tonight, with snow above eight hundred "
                + "metres and strong winds along the coast until the morning.").bandKeys();
        assertThat(shared(bands, other)).isZero();
    }

    /**
     * Chinese and Japanese have no spaces: each Han or kana character is a word, so a page of them
     * has band keys (it used to be a handful of "words", too few for any) and a near copy shares some.
     */
    @Test
    void chineseAndJapaneseTextsGetBandsAndNearCopiesShareThem() {
        String zh = "委员会星期二开会讨论了关于保护工人的新指令提案。几位委员认为文本应当加强，而另一些委员则警告说"
                + "小企业的成本将会过高。经过长时间的辩论，委员会同意在下个月全体会议表决之前请委员会进行影响评估。";
        long[] bands = signatures.of(zh).bandKeys();
        assertThat(bands).hasSize(TextSignature.BANDS);
        // One character changed in ~100 shingles: Jaccard ~0.9, each band matches with probability ~0.43.
        assertThat(shared(bands, signatures.of(zh.replace("星期二", "星期一")).bandKeys())).isBetween(1, TextSignature.BANDS);
        assertThat(shared(bands, signatures.of("今晚北部山区预计有雨，海拔八百米以上有雪，沿海地区直到早晨都将有强风。"
                + "明天白天天气转晴，气温回升，适合户外活动，但早晚温差较大，请注意保暖。").bandKeys())).isZero();
        String ja = "委員会は火曜日に会合を開き、労働者の保護に関する新しい指令の提案について議論した。何人かの委員は"
                + "文案を強化すべきだと主張し、他の委員は中小企業の負担が大きすぎると警告した。長い議論の末、委員会は"
                + "来月の本会議での採決の前に影響評価を求めることで合意した。";
        assertThat(signatures.of(ja).bandKeys()).hasSize(TextSignature.BANDS);
        assertThat(shared(signatures.of(ja).bandKeys(), signatures.of(ja.replace("火曜日", "水曜日")).bandKeys()))
                .isPositive();
    }

    /**
     * A page of English with a translated heading (Debian Reference chapters in the dev corpus) stays
     * a near copy of its English original: its few Han and kana chars are not split into words.
     */
    @Test
    void englishWithATranslatedHeadingStaysANearCopyOfTheOriginal() {
        long[] bands = signatures.of("7.6. Sandbox\n" + TEXT).bandKeys();
        // One word of ~60 differs: Jaccard ~0.9, so most bands still match.
        assertThat(shared(bands, signatures.of("7.6. サンドボックス\n" + TEXT).bandKeys())).isGreaterThan(TextSignature.BANDS / 2);
    }

    @Test
    void shortAndBlankTextsHaveOnlyAnExactKey() {
        assertThat(signatures.of("Far too short.").bandKeys()).isEmpty();
        assertThat(signatures.of("Far too short.").blank()).isFalse();
        assertThat(signatures.of(" \n\t ").blank()).isTrue();
        assertThat(signatures.of("").blank()).isTrue();
    }

    /**
     * The property LSH rests on: each MinHash value of two texts agrees with probability equal to the
     * Jaccard similarity of their shingle sets. Checked over pairs of random-word documents of 40 to
     * 400 words whose shared share varies, against the exact Jaccard computed here.
     */
    @Test
    void eachMinHashAgreesAsOftenAsTheJaccardSimilaritySays() {
        SplittableRandom random = new SplittableRandom(7);
        double sumJaccard = 0;
        double sumAgreement = 0;
        double worst = 0;
        int pairs = 300;
        for (int p = 0; p < pairs; p++) {
            int length = 40 + random.nextInt(360);
            List<String> a = words(random, length);
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(length / 4 + 1);
            for (int e = 0; e < edits; e++) {
                b.set(random.nextInt(length), word(random));
            }
            double jaccard = jaccard(shingles(a), shingles(b));
            long[] x = signatures.minHashes(String.join(" ", a));
            long[] y = signatures.minHashes(String.join(" ", b));
            int agree = 0;
            for (int i = 0; i < x.length; i++) {
                agree += x[i] == y[i] ? 1 : 0;
            }
            double agreement = agree / (double) x.length;
            sumJaccard += jaccard;
            sumAgreement += agreement;
            worst = Math.max(worst, Math.abs(agreement - jaccard));
        }
        // Unbiased on average; one pair's 112 values are a small sample, so single pairs stray more.
        assertThat(Math.abs(sumAgreement - sumJaccard) / pairs).isLessThan(0.02);
        assertThat(worst).isLessThan(0.25);
    }

    /** Twelve Thai lines, each a run of words without spaces, as Thai is written. */
    static final String THAI = String.join("\n",
            "เมืองนี้ตั้งอยู่ริมแม่น้ำกว้างซึ่งในฤดูใบไม้ผลิมักจะล้นตลิ่ง",
            "ตั้งแต่ยุคกลางผู้คนที่นี่ประกอบอาชีพค้าขายไม้และเกลือ",
            "โกดังเก่าริมท่าเรือยังคงทำให้นึกถึงช่วงเวลานั้น",
            "ในฤดูร้อนมีนักท่องเที่ยวจำนวนมากมาเดินเล่นในตรอกแคบของเมืองเก่า",
            "ตลาดเช้าขายผักผลไม้และปลาสดจากหมู่บ้านรอบเมือง",
            "โรงเรียนประถมตั้งอยู่ใกล้วัดเก่าที่สร้างเมื่อสองร้อยปีก่อน",
            "ชาวบ้านมักพบปะกันที่ร้านกาแฟเล็กๆหน้าที่ว่าการอำเภอ",
            "ทุกปีมีงานประเพณีลอยกระทงที่ริมแม่น้ำในคืนวันเพ็ญ",
            "รถไฟสายเหนือผ่านเมืองนี้วันละสองเที่ยวทั้งขาขึ้นและขาล่อง",
            "โรงพยาบาลประจำจังหวัดเพิ่งเปิดอาคารใหม่สำหรับผู้ป่วยนอก",
            "นักเรียนจำนวนมากเดินทางไปเรียนต่อในกรุงเทพมหานคร",
            "ในฤดูฝนถนนบางสายถูกน้ำท่วมจนต้องปิดการจราจรชั่วคราว");

    /**
     * Signals version 24: a text mainly in Thai (Lao, Khmer, Burmese) is shingled by ICU's dictionary
     * words. Before, each line here was one "word", so the text had 8 shingles and a copy with one
     * word changed or one line dropped shared too few of them to share a band key.
     */
    @Test
    void findsNearCopiesOfThaiTextByItsWords() {
        long[] original = signatures.of(THAI).bandKeys();
        assertThat(original).hasSize(TextSignature.BANDS);
        String oneWordChanged = THAI.replace("ผักผลไม้", "ข้าวสาร");
        String lineDropped = THAI.replace("ชาวบ้านมักพบปะกันที่ร้านกาแฟเล็กๆหน้าที่ว่าการอำเภอ\n", "");
        assertThat(shared(original, signatures.of(oneWordChanged).bandKeys())).isPositive();
        assertThat(shared(original, signatures.of(lineDropped).bandKeys())).isPositive();
        // Different Thai texts (its first and last six lines) share none.
        String[] lines = THAI.split("\n");
        String firstHalf = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, 6));
        String secondHalf = String.join("\n", java.util.Arrays.copyOfRange(lines, 6, 12));
        assertThat(shared(signatures.of(firstHalf).bandKeys(), signatures.of(secondHalf).bandKeys())).isZero();
    }

    private static List<String> words(SplittableRandom random, int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(word(random));
        }
        return words;
    }

    /** A random lowercase word (letters only: digits are folded to 0 before shingling). */
    private static String word(SplittableRandom random) {
        char[] c = new char[3 + random.nextInt(6)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    private static Set<List<String>> shingles(List<String> words) {
        Set<List<String>> set = new HashSet<>();
        for (int i = 0; i + TextSignature.SHINGLE_WORDS <= words.size(); i++) {
            set.add(words.subList(i, i + TextSignature.SHINGLE_WORDS));
        }
        return set;
    }

    private static double jaccard(Set<List<String>> a, Set<List<String>> b) {
        Set<List<String>> union = new HashSet<>(a);
        union.addAll(b);
        Set<List<String>> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size() / (double) union.size();
    }

    private static int shared(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] == b[i] ? 1 : 0;
        }
        return n;
    }
}
