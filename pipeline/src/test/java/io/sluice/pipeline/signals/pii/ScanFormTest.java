package io.sluice.pipeline.signals.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values written in another script's digits or in full-width ASCII are found as their ASCII forms
 * are (signals version 24; before, none of these was found), at the same spans of the text.
 */
class ScanFormTest {

    /** Each line: the text with ASCII digits | the same text as its writers also write it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "شماره تلفن من 09123456789 است، لطفا عصر تماس بگیرید.|شماره تلفن من ۰۹۱۲۳۴۵۶۷۸۹ است، لطفا عصر تماس بگیرید.",
        "رقم هاتفي 0501234567 يرجى الاتصال مساء.|رقم هاتفي ٠٥٠١٢٣٤٥٦٧ يرجى الاتصال مساء.",
        "मेरा फोन नंबर +91 98765 43210 है।|मेरा फोन नंबर +९१ ९८७६५ ४३२१० है।",
        "আমার ফোন নম্বর 01712345678, সন্ধ্যায় ফোন করুন।|আমার ফোন নম্বর ০১৭১২৩৪৫৬৭৮, সন্ধ্যায় ফোন করুন।",
        "เบอร์โทรของผมคือ 0812345678 โทรหาได้ตอนเย็น|เบอร์โทรของผมคือ ๐๘๑๒๓๔๕๖๗๘ โทรหาได้ตอนเย็น",
        "お問い合わせは090-1234-5678までお電話ください。|お問い合わせは０９０－１２３４－５６７８までお電話ください。",
        "تلفن: 021-88776655|تلفن: ۰۲۱-۸۸۷۷۶۶۵۵",
        "お問い合わせは03-1234-5678まで|お問い合わせは03ー1234ー5678まで",
        "電話：03-1234-5678|電話：０３ー１２３４ー５６７８"})
    void findsAPhoneNumberInAnyDigitsAtTheSameSpan(String ascii, String written) {
        PiiMatches expected = new PiiScanner().scan(ascii);
        assertThat(expected.count(PiiKind.PHONE)).as(ascii).isEqualTo(1);
        PiiMatches found = new PiiScanner().scan(written);
        assertThat(found.count(PiiKind.PHONE)).as(written).isEqualTo(1);
        assertThat(found.start(0)).isEqualTo(expected.start(0));
        assertThat(found.end(0)).isEqualTo(expected.end(0));
        // Redaction replaces the number as written, and nothing else.
        String redacted = PiiRedactor.redact(written, found, EnumSet.of(PiiKind.PHONE));
        assertThat(redacted).contains("<PHONE>")
                .isEqualTo(written.substring(0, found.start(0)) + "<PHONE>" + written.substring(found.end(0)));
    }

    /** Indian mobile numbers have no trunk 0: the Hindi words before them are what announce them. */
    @ParameterizedTest
    @ValueSource(strings = {"मेरा फोन नंबर 9845031276 है।", "मेरा फोन नंबर ९८४५०३१२७६ है।",
        "मेरा फ\u093Cोन नंबर ९८४५० ३१२७६ है।", "मोबाइल नंबर: 98450-31276", "अधिक जानकारी के लिए संपर्क नंबर 9845031276"})
    void findsHindiMobileNumbersAfterTheirWords(String text) {
        assertThat(new PiiScanner().scan(text).count(PiiKind.PHONE)).as(text).isEqualTo(1);
    }

    @Test
    void leavesHindiAmountsWithoutThoseWordsAlone() {
        assertThat(new PiiScanner().scan("इस साल 9845031276 रुपये खर्च हुए।").size()).isZero();
    }

    @Test
    void checksCardsAndIbansWrittenInOtherDigitsAsInAscii() {
        // 4111 1111 1111 1111 passes Luhn; 4111 1111 1111 1112 does not.
        assertThat(new PiiScanner().scan("شماره کارت ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱ است").count(PiiKind.CARD)).isEqualTo(1);
        assertThat(new PiiScanner().scan("शुल्क कार्ड ४१११ ११११ ११११ १११२ से").count(PiiKind.CARD)).isZero();
        assertThat(new PiiScanner().scan("IBAN: ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００").count(PiiKind.IBAN)).isEqualTo(1);
        assertThat(new PiiScanner().scan("連絡先：ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ まで").count(PiiKind.EMAIL)).isEqualTo(1);
    }

    /** Dates, years and counts in other digits are no more PII than in ASCII ones. */
    @ParameterizedTest
    @ValueSource(strings = {"تاریخ ۱۴۰۳/۰۵/۱۲ بود.", "वर्ष २०२४ में १२ लोग आए।", "จำนวน ๑๒๓ คน ในปี ๒๕๖๗",
        "２０２４年１１月２９日に開催", "সালে ১৯৭১ স্বাধীনতা"})
    void leavesDatesAndCountsInOtherDigitsAlone(String text) {
        assertThat(new PiiScanner().scan(text).size()).as(text).isZero();
    }

    @Test
    void foldsCharForCharAndLeavesOtherTextAsItIs() {
        String plain = "Call 0561 940 83-14, или позвоните, 电话。";
        assertThat(ScanForm.of(plain)).isSameAs(plain);
        assertThat(ScanForm.of("۰۹۱۲ ９ ๕ ५ ＡＢ＠")).isEqualTo("0912 9 5 5 AB@");
        // Superscripts and circled numbers are not decimal digits.
        assertThat(ScanForm.of("x² ①")).isEqualTo("x² ①");
        // The long-vowel mark is a hyphen between digits only: katakana words keep it.
        assertThat(ScanForm.of("コーヒー 3ー4")).isEqualTo("コーヒー 3-4");
    }
}
