package io.sluice.pipeline.signals.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PiiScannerTest {

    private final PiiScanner scanner = new PiiScanner();

    /** The matched substrings of one kind; tests only, where the values are made up. */
    private List<String> found(String text, PiiKind kind) {
        PiiMatches m = scanner.scan(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            if (m.kind(i) == kind) {
                out.add(text.substring(m.start(i), m.end(i)));
            }
        }
        return out;
    }

    private int total(String text) {
        return scanner.scan(text).size();
    }

    @Test
    void findsEmailsAndTrimsTrailingPunctuation() {
        assertThat(found("Write to jane.doe+news@example.co.uk. Or bob@mail.example.org!", PiiKind.EMAIL))
                .containsExactly("jane.doe+news@example.co.uk", "bob@mail.example.org");
    }

    /** Addresses hidden from harvesters, as imprint and contact pages write them: the whole span is the match. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Tel. 030 24344 121 info(at)ekbo.de EKBO folgen | info(at)ekbo.de",
        "M info(at)zdh(dot)de [Der ZDH | info(at)zdh(dot)de",
        "per E-Mail: buergerservice [at] uba [dot] de Telefonisch | buergerservice [at] uba [dot] de",
        "E-Mail: wkpromotion (at) web.de Akkreditierung | wkpromotion (at) web.de",
        "Kontakt: d.toelle[at]rechtambild.de – Mehr | d.toelle[at]rechtambild.de",
        "schreiben Sie an hallo(at)mixed.de. /Abo | hallo(at)mixed.de",
        "DW 13 office @ feuerwehr.or.at Kategorie | office @ feuerwehr.or.at",
        "Mail: info[at]deutscheweine(dot)de www | info[at]deutscheweine(dot)de",
        "Mail: INFO(AT)EXAMPLE.COM now | INFO(AT)EXAMPLE.COM",
        "an presse{at}verein[punkt]de senden | presse{at}verein[punkt]de",
        "mail jbragg [at] allenai.org About | jbragg [at] allenai.org"})
    void findsObfuscatedEmails(String text, String email) {
        assertThat(found(text, PiiKind.EMAIL)).containsExactly(email);
    }

    @Test
    void findsObfuscatedEmailsBrokenOverLines() {
        assertThat(found("per E-Mail:\nbuergerservice\n[at]\nuba [dot] de\nTelefonisch", PiiKind.EMAIL))
                .containsExactly("buergerservice\n[at]\nuba [dot] de");
        assertThat(found("fair.\nsupport\n[at]\nfairkom.eu\nwww.fairkom.eu", PiiKind.EMAIL))
                .containsExactly("support\n[at]\nfairkom.eu");
    }

    /** Spelled out in words, alone in angle brackets or parentheses, as credits write it (dev corpus). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Osamu Aoki <osamu at debian dot org>, as a | osamu at debian dot org",
        "tradotto da Davide Di Lazzaro (mc0315 at mclink dot it). Il | mc0315 at mclink dot it",
        "Vittore Luccio (vluccio at gmail dot com). | vluccio at gmail dot com",
        "J. Doe <j.doe AT example DOT co DOT uk> | j.doe AT example DOT co DOT uk",
        "list <dev at lists.example dot org> | dev at lists.example dot org"})
    void findsEmailsSpelledOutInBrackets(String text, String email) {
        assertThat(found(text, PiiKind.EMAIL)).containsExactly(email);
    }

    @Test
    void findsSpelledOutEmailsBrokenOverLines() {
        assertThat(found("Osamu Aoki <osamu at debian\ndot org> en tant", PiiKind.EMAIL))
                .containsExactly("osamu at debian\ndot org");
    }

    /** Spelled-out words in running text, or in brackets holding more than an address, are not addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"stores at some point in the past", "at the dot com bubble", "(sold at any point in time)",
        "(osamu at debian.org)", "<osamu at debian dot notatld>", "(we met at noon dot com)",
        "(osamu at debian dot org and more)", "<Osamu at debian dot org", "(a at b dot)"})
    void rejectsSpelledOutWordsThatAreNotAnAddress(String text) {
        assertThat(found(text, PiiKind.EMAIL)).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"E-Mobilität @ EFAHRER.com CHIP", "changes the final print(a) outcome", "Stand (at) 12.03.2024",
        "look (at) this.thing", "foo(at)bar", "meet me @ 5pm.", "info at example dot com", "x(at)example.notatld",
        "Frage(n) an uns", "Mobilität(at)example.de", "PLD Traffic @ 7thguard.net : W", "#mtfn @ irc.megatokyo.com",
        "# Marcin Bohosiewicz @ pld-users.pl Ja"})
    void rejectsTextThatOnlyLooksLikeAnObfuscatedEmail(String text) {
        assertThat(found(text, PiiKind.EMAIL)).as(text).isEmpty();
    }

    @Test
    void plainAndObfuscatedEmailsComeOutInTextOrder() {
        PiiMatches m = scanner.scan("a(at)example.org then b@example.org then c [at] example [dot] org, call +44 20 7946 0958");
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.kind(0)).isEqualTo(PiiKind.EMAIL);
        assertThat(m.start(1)).isGreaterThan(m.end(0));
        assertThat(m.start(2)).isGreaterThan(m.end(1));
        assertThat(m.kind(3)).isEqualTo(PiiKind.PHONE);
    }

    /** After a word that announces a phone number, any grouping of 6-15 digits is one (contact blocks, dev corpus). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Telefon: 0561 940 83-14 (Montag | 0561 940 83-14",
        "Kontakt Telefon +49 (0)40 / 49 07 11 06 jan | +49 (0)40 / 49 07 11 06",
        "Stuttgart Fon: 0711-28077-500 Fax | 0711-28077-500",
        "Warszawa, tel.: (+48) 22 525 80 00, faks | (+48) 22 525 80 00",
        "Tower, Tel. 6396 6350, Mo-Fr 9.00 | 6396 6350",
        "Tel.: (03 40) 51 89 01 10 Fax | (03 40) 51 89 01 10",
        "Contacto Teléfono: 22669086 Fax | 22669086",
        "Graz, Tel: 0043(0) 316/82 16 36, Fax | 0043(0) 316/82 16 36",
        "Wien Telefon: +43 – (0)1 – 361 88 98 Telefax | +43 – (0)1 – 361 88 98",
        "Tel.-Nr.: 030 123 456 oder | 030 123 456",
        "PHONE 555-0123 ext | 555-0123",
        "Fax.: 0711 123456 | 0711 123456",
        "Cell: 555 123 4567 | 555 123 4567"})
    void findsNumbersAnnouncedByACueWordInAnyGrouping(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    @Test
    void findsAnIbanBrokenAfterItsCheckDigitsAndNoPhoneInItsTail() {
        PiiMatches m = scanner.scan("Spenden\nIBAN: CH47\n0900 0000 6000 2316 1\nPostkonto:");
        assertThat(found("Spenden\nIBAN: CH47\n0900 0000 6000 2316 1\nPostkonto:", PiiKind.IBAN))
                .containsExactly("CH47\n0900 0000 6000 2316 1");
        assertThat(m.count(PiiKind.PHONE)).isZero();
        // A line break elsewhere ends the candidate, and the checksum still decides.
        assertThat(found("IBAN: CH47 0900\n0000 6000 2316 1", PiiKind.IBAN)).isEmpty();
        assertThat(found("IBAN: CH48\n0900 0000 6000 2316 1", PiiKind.IBAN)).isEmpty();
        // 00 then a country code is still an international number; 00 then 0 is not.
        assertThat(found("Ref 0000 6000 2316 1", PiiKind.PHONE)).isEmpty();
        assertThat(found("bozo 4775 0.0 0.0 92200 884 pts/8 S+ 00:18", PiiKind.PHONE)).isEmpty();
        assertThat(found("call 0044 20 7946 0958", PiiKind.PHONE)).containsExactly("0044 20 7946 0958");
    }

    @Test
    void findsANumberOnTheLineAfterItsLabel() {
        assertThat(found("45127 Essen\nTelefon:\n0201-2402-0\nKundenhotline:", PiiKind.PHONE)).containsExactly("0201-2402-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hotel 1234567 rooms", "Fax 2003", "Tel Aviv 1234567", "phone numbers such as 1234567",
        "Telefon: 12345", "Tel. 030 12 Uhr", "Telefonie 1234567", "Tel.\n\n\n\n030 123456"})
    void cueWordsOnlyCountRightBeforeEnoughDigits(String text) {
        assertThat(found(text, PiiKind.PHONE)).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@localhost", "@handle", "a@b.c", "x@-bad.com", "price @ 5.00", "a@b..com",
        "<img src=logo@2x.png>", "icon@3x.WEBP and style@v2.css"})
    void rejectsNonEmails(String text) {
        assertThat(found(text, PiiKind.EMAIL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+1 (212) 555-0123", "(212) 555-0123", "212-555-0123",
        "212.555.0123", "1-212-555-0123", "020 7946 0958", "06 12 34 56 78", "0044 20 7946 0958", "+33612345678",
        "030 12345678", "+49-89-1234567", "212 555 0123", "1 212 555 0123", "030/1234567", "089/99529727",
        "0341/696290", "069 / 920 77 00"})
    void findsPhoneNumbers(String phone) {
        assertThat(found("Call " + phone + " today.", PiiKind.PHONE)).containsExactly(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"report A5-0123/2003 was adopted", "on 12.05.2003 in Brussels", "in 1999 and 2000",
        "pi is 3.14159", "EUR 1 000 000 000", "on 2003-05-12", "COM(2003) 0123", "(2003/0123(COD))", "at 14:30",
        "1.2 million", "paragraphs 12, 13 and 14", "ISBN 978-3-16-148410-0", "from 1 January 2004 to 31 December 2006",
        "votes: 312 for, 215 against, 12 abstentions", "Regulation (EC) No 1049/2001", "version 2.0.1",
        "B5-0123/1999", "0.5%", "12 345 678 901 234", "case 0123/2003 was closed", "dossier 2003/0123",
        "lines 212 555 0123 4567", "EUR 212 555 000", "<Buffer 01 02 03 04 05 06 07 08>", "00000020 00 05 64 69 66 66 09 0a", "tables 01/2004 and 02/2004", "a+030/1234567", "pages 0123 / 2003", "ratio 10 / 2000000000",
        "cell.  2021-01-10  Theppitak", "one cell.  20040508 \t+ replace", "Telefon. 20040508 war", "chars 0123456789 %",
        "Buffer.from('0123456789', 'hex')", "9876543210 countdown", "bug for 0.9999999999...", "version 0.1.20200714 (Closes",
        "Reinhold, 1993, ISBN 0-442-01272-1. Price", "ISBN-10: 0596002890 y", "<ISBN:0-201-89685-0>", "ISSN 0317-847X",
        "documentation: cell  463907 'Recent", "2004-09-26 19:17:05.000000000 +0200", "reqNonce: 3843061514398340071 x",
        "in the range [0-4294967295].", "values 0-2147483647 allowed",
        "un totale di 1.000.000.000 euro", "15.000.000.000 Avanti Cristo", "EUR 2.000.000.000,00", "rund 1.050.000.000 Euro"})
    void ignoresNumbersThatAreNotPii(String text) {
        assertThat(total(text)).as(text).isZero();
    }

    @Test
    void separatesPublicAndPrivateIps() {
        PiiMatches m = scanner.scan("dns 8.8.8.8, router 192.168.1.10, lan 10.0.0.7, v6 2606:4700:4700::1111, "
                + "link fe80::1, loop ::1, full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.");
        assertThat(m.count(PiiKind.IPV4)).isEqualTo(3);
        assertThat(m.count(PiiKind.IPV6)).isEqualTo(4);
        // private: 192.168.1.10, 10.0.0.7, fe80::1, ::1, 2001:db8 (documentation)
        assertThat(m.privateIps()).isEqualTo(5);
        assertThat(m.publicCount(PiiKind.IPV4)).isEqualTo(1);
        assertThat(m.publicCount(PiiKind.IPV6)).isEqualTo(1);
        List<Boolean> privateFlags = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            privateFlags.add(m.isPrivateIp(i));
        }
        assertThat(privateFlags).containsExactly(false, true, true, false, true, true, true);
        // A /24's network and broadcast addresses name no host either, but are still counted.
        PiiMatches networks = scanner.scan("route add -net 192.56.76.0 netmask 255.255.255.0; hosts 130.225.16.0 "
                + "- 130.225.16.255, gateway 130.225.16.1");
        assertThat(networks.count(PiiKind.IPV4)).isEqualTo(4);
        assertThat(networks.publicCount(PiiKind.IPV4)).isEqualTo(1);
        // Multicast names a group, not a host, in IPv6 as in IPv4 (224.0.0.0/4).
        PiiMatches multicast = scanner.scan("send to ff02:0:0:0:0:0:0:a and 224.0.0.114 now");
        assertThat(multicast.size()).isEqualTo(2);
        assertThat(multicast.privateIps()).isEqualTo(2);
    }

    /** Subnet masks and numbers named as versions or sections are not addresses; the address after them is. */
    @ParameterizedTest
    @ValueSource(strings = {"netmask 255.255.255.0", "mask 255.255.240.0 ok", "255.0.0.0 /8", "bcast 255.255.255.255",
        "Firefox version 2.0.0.16 is out", "Version: 1.2.3.4", "see Section 6.2.4.3, below", "(section 4.2.2.13)",
        "Abschnitt 6.2.4.3", "im Kapitel 1.2.3.4", "à l'article 12.3.4.1", "sección 1.2.3.4", "§ 1.2.3.4",
        "§1.2.3.4", "或者像第 6.2.4.3 节", "以 SSH 認證碼精確連結 (見 節 9.2.1.1, “金鑰認證” )", "见 节 9.2.1.4", "图 1.2.3.4", "انظر قسم 12.2.2.2, “إعداد الشبكة”", "Смотри Раздел 11.7.3.1, «Configuring NSS»", "viz kapitola 12.2.2.2",
        "se avsnitt 11.7.3.1", "βλ. ενότητα 12.2.2.2", "ver. 1.0.0.1", "Nr. 1.2.3.4", "No. 1.2.3.4", "n° 1.2.3.4", "OID 1.3.101.110",
        "release 1.7.5.1 notes", "paragraph 1.10.2.3", "12.6.2. Autotools\n12.6.2.1. Compile and install",
        "6.2.4. 邮件传输代理 (MTA) 6.2.4.1. exim4 的配置 6.2.4.2. 带有 SASL", "see 1.2.3.4 and 1.2.3 above",
        "alsa-ucm-conf (1.2.7.2-1) unstable", "binutils (2.10.0.27-0.cvs20001011.2)", "4.1.4.2+svn3283",
        "v8: '12.4.254.14-node.11'", "hal 0.5.7.1-1 (closes", "1.0.0.1~rc2", "81.2.69.160-beta build"})
    void numbersNamedAsVersionsOrSectionsAndMasksAreNotAddresses(String text) {
        assertThat(total(text)).as(text).isZero();
    }

    /**
     * Release notes list hundreds of four-part versions, each under its three-part parent; every one
     * is a section-like number, however many the text holds (a search budget of 256 per text let the
     * later ones count as addresses). A parent farther than the window does not count.
     */
    @Test
    void everySubsectionOfALongListIsNoAddress() {
        StringBuilder notes = new StringBuilder();
        for (int n = 0; n < 400; n++) {
            notes.append("Git 1.").append(n / 10).append('.').append(n % 10).append("\n  fixes in Git 1.")
                    .append(n / 10).append('.').append(n % 10).append(".1 and Git 1.").append(n / 10).append('.')
                    .append(n % 10).append(".2\n");
        }
        assertThat(scanner.scan(notes.toString()).count(PiiKind.IPV4)).isZero();
        String far = "see 21.42.17 first. " + "x".repeat(VersionOrSectionCue.Parents.WINDOW + 10) + " host 21.42.17.9";
        assertThat(scanner.scan(far).count(PiiKind.IPV4)).isEqualTo(1);
        assertThat(scanner.scan("see 21.42.17 first, then host 21.42.17.9").count(PiiKind.IPV4)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"host 8.8.8.8", "version of 8.8.8.8", "server at 4.4.4.4", "IP: 81.2.69.160",
        "Portion 81.2.69.160", "255.255.0.255 odd", "od leta 1994 v 192.168.83.26", "de carreteras no 81.2.69.160",
        "medidas para 156.100.42.153", "ver 81.2.69.160 ahora",
        "128.0.0.0 net", "subsection8 81.2.69.160", "Parte81 81.2.69.160", "1.1.1.1 then 1.1.1.1.2",
        "8.8.8.8 or 18.8.8", "4.4.4.4 (rule 4.4.4.5.1)", "9.9.9.9 v4.9.9.9", "scan 81.2.69.160-200 now",
        "padded 081.002.069.160 in a log",
        "81.2.69.160- next"})
    void addressesAfterOtherWordsAndMaskLikeAddressesAreStillFound(String text) {
        assertThat(scanner.scan(text).count(PiiKind.IPV4)).as(text).isEqualTo(1);
    }

    /**
     * The scanner looks for the next colon once and remembers it as the scan moves on (an IPv6
     * address needs one within its first five chars): addresses after other colons, after words
     * that could open an address, and a scanner reused on a second text must all still be found.
     */
    @Test
    void findsEveryIpv6AddressWhateverColonsComeBefore() {
        String text = "Note: add fe80::1 and face 2001:db8::2, ratio 3:4, cafe dead:beef::1; deed. ab:cd "
                + "then ::1 at 12:30 and beef 2606:4700:4700::1111";
        assertThat(found(text, PiiKind.IPV6)).containsExactly("fe80::1", "2001:db8::2", "dead:beef::1", "::1",
                "2606:4700:4700::1111");
        // The same scanner on a text whose colon comes before the previous text's last position.
        assertThat(found("a::1 b", PiiKind.IPV6)).containsExactly("a::1");
        assertThat(found("bead cafe face 1:2::3", PiiKind.IPV6)).containsExactly("1:2::3");
        // A prefix of two or more groups still counts; so does an address after a single colon.
        assertThat(found("route 2001:db8:: via", PiiKind.IPV6)).containsExactly("2001:db8::");
        assertThat(found("listen=[::1]:80 host:2606:4700::1111", PiiKind.IPV6)).containsExactly("::1", "2606:4700::1111");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "at 10:30:45", "std::vector", "v1.2.3.4a",
        "=DE EA:8D:99:DD:36:AA:2D:07:1A:3C:7B:69:00:9E:51:B9:4A:2E:E7:60 S #Serial",
        "user1:$1$H9$IfxyQwBe9b8t/:13262:0:99999:7::: user2", "option description was \"-B::\", not",
        "nested structures (e.g. a::b::c).", "in global scope, e.g., ``::A::B``.", "2.2.6: Oct 25 2000::    - Added",
        "alias root::0:0::/root/bin/bash", "the prefix 2000::/3 is global", "link-local fe80:: addresses"})
    void rejectsNonAddresses(String text) {
        assertThat(scanner.scan(text).count(PiiKind.IPV4) + scanner.scan(text).count(PiiKind.IPV6)).as(text).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "5555555555554444", "3782 822463 10005", "4012-8888-8888-1881",
        "6011111111111117", "2223003122003222"})
    void findsLuhnValidCards(String card) {
        assertThat(found("card " + card + " exp", PiiKind.CARD)).containsExactly(card);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "1234 5678 9012 3456", "9111111111111111"})
    void rejectsCardsFailingLuhnOrIssuer(String card) {
        assertThat(found("card " + card + " exp", PiiKind.CARD)).isEmpty();
    }

    /**
     * Sixteen digits inside a longer run of same-length groups are a column or a sequence, not a card
     * (a changelog's table; one 16-digit window in ten passes Luhn). Cards listed with commas or on
     * their own lines are still found.
     */
    @Test
    void aCardFollowedByItsSecurityCodeIsStillFound() {
        assertThat(found("card 4111 1111 1111 1111 123 exp", PiiKind.CARD)).containsExactly("4111 1111 1111 1111");
        assertThat(found("amex 3782 822463 10005 1234", PiiKind.CARD)).containsExactly("3782 822463 10005");
    }

    @Test
    void aLuhnValidWindowOfALongerRunOfGroupsIsNoCard() {
        assertThat(found("LONG (4) 896<8 648 1288 1928 2568 3208 3848 4488 5128 5768 6408 7048 7688 8328", PiiKind.CARD))
                .isEmpty();
        assertThat(found("cards 4111 1111 1111 1111, 5555 5555 5555 4444", PiiKind.CARD))
                .containsExactly("4111 1111 1111 1111", "5555 5555 5555 4444");
        assertThat(found("cards\n4111 1111 1111 1111\n5555 5555 5555 4444\n", PiiKind.CARD))
                .containsExactly("4111 1111 1111 1111", "5555 5555 5555 4444");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432",
        "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00"})
    void findsIbansWithValidChecksum(String iban) {
        assertThat(found("pay to " + iban + " now", PiiKind.IBAN)).containsExactly(iban);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 01", "GB82 WEST 1234 5698 7654 3", "ZZ89 3704 0044 0532 0130 00"})
    void rejectsIbansWithBadChecksumLengthOrCountry(String iban) {
        assertThat(found("pay to " + iban + " now", PiiKind.IBAN)).isEmpty();
    }

    @Test
    void findsSsnsOutsideInvalidRanges() {
        assertThat(found("ssn 123-45-6789", PiiKind.SSN)).containsExactly("123-45-6789");
        for (String bad : List.of("000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000")) {
            assertThat(found("ssn " + bad, PiiKind.SSN)).as(bad).isEmpty();
        }
    }

    @Test
    void findsEachSecretFormat() {
        String google = "AIza" + "SyA1234567890abcdefghijklmnopqrst_-";
        String github = "ghp_" + "a".repeat(20) + "B".repeat(16);
        List<String> secrets = List.of("AKIAIOSFODNN7EXAMPLE", github, "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
                "xoxb-123456789012-abcdefghijkl", google,
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "sk-proj-" + "abcDEF123456ghiJKL789012mnoPQR345678");
        for (String s : secrets) {
            assertThat(found("key = " + s + " ;", PiiKind.SECRET)).as(s.substring(0, 4)).containsExactly(s);
        }
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertThat(found("x\n" + pem + "\ny", PiiKind.SECRET)).containsExactly(pem);
        assertThat(found("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", PiiKind.SECRET)).isEmpty();
        assertThat(found("AKIA is a prefix; AKIAIOSFODNN7EXAMPL is too short", PiiKind.SECRET)).isEmpty();
    }

    /** Vendor tokens with documented prefixes and lengths, and values under the names configuration files give them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "token glpat-xYz12AbCdEfGhIjKlMnO here | glpat-xYz12AbCdEfGhIjKlMnO",
        "token npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 here | npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        "token pypi-AgEIcHlwaS5vcmcCJDU3OTM5ZjA1LTk0MTktNDk2Ny1hMjBiLWE4ZTM4ZTc2NmM4NgACKlszLCJkYzA2 here"
            + " | pypi-AgEIcHlwaS5vcmcCJDU3OTM5ZjA1LTk0MTktNDk2Ny1hMjBiLWE4ZTM4ZTc2NmM4NgACKlszLCJkYzA2",
        "token hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHi here | hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHi",
        "key SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFg here"
            + " | SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFg",
        "post to https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aBcDeFgHiJkLmNoPqRsTuVwX now"
            + " | hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aBcDeFgHiJkLmNoPqRsTuVwX",
        "token shpat_0123456789abcdef0123456789abcdef here | shpat_0123456789abcdef0123456789abcdef",
        "token dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef here"
            + " | dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0 here | 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\" | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\" | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AccountName=foo;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + " | Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "mongodb://admin:s3cr3tP4ss@db.example.com:27017/prod | admin:s3cr3tP4ss",
        "DATABASE_URL=postgres://app:hunter2pass@10.0.0.5:5432/app | app:hunter2pass"})
    void findsServiceTokensAndNamedKeys(String text, String secret) {
        assertThat(found(text, PiiKind.SECRET)).containsExactly(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glpat-short", "npm_install is a command", "npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678",
        "pypi-package-name", "hf_hub_download(repo_id)", "SG.short.token", "shpat_0123456789abcdef", "dop_v1_0123",
        "12345678:AAshort", "aws_secret_access_key = YOUR_SECRET_KEY_HERE", "aws_secret_access_key = <secret>",
        "https://hooks.slack.com/services/", "AccountKey=mykey;", "http://user:pass@sub.example.com:8080/",
        "new URL('https://abc:xyz@example.com')", "http://Benutzer:Passwort@Server:Port/", "mailto:anna@example.org x"})
    void rejectsTokenLookalikesAndPlaceholders(String text) {
        assertThat(found(text, PiiKind.SECRET)).as(text).isEmpty();
    }

    /** "AT" and "DOT" in capitals between lower-case parts spell an address in running text too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write to john AT example DOT com please. | john AT example DOT com",
        "mail jane.doe AT mail DOT example DOT co DOT uk now | jane.doe AT mail DOT example DOT co DOT uk",
        "contact: info AT firma DOT de | info AT firma DOT de"})
    void findsAddressesSpelledWithCapitalAtAndDot(String text, String email) {
        assertThat(found(text, PiiKind.EMAIL)).containsExactly(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MEET AT EXAMPLE DOT COM tonight", "look AT this DOT thing", "I work AT&T since 2001",
        "stores at some point dot com", "bob at example dot com wrote", "x AT example DOT notatld"})
    void capitalsInHeadlinesAndLowerCaseWordsSpellNoAddress(String text) {
        assertThat(found(text, PiiKind.EMAIL)).as(text).isEmpty();
    }

    @Test
    void findsAddressesWrittenWithAFullWidthAtSign() {
        assertThat(found("お問い合わせ：info＠example.co.jp まで", PiiKind.EMAIL)).containsExactly("info＠example.co.jp");
        assertThat(found("邮箱：zhang.san＠example.com。", PiiKind.EMAIL)).containsExactly("zhang.san＠example.com");
        assertThat(found("a@b.com and c＠d.org", PiiKind.EMAIL)).containsExactly("a@b.com", "c＠d.org");
    }

    @Test
    void aUrlsUserInformationIsNoEmailAddress() {
        assertThat(found("see https://user:pass@sub.example.com:8080/p and http://abc:xyz@example.com", PiiKind.EMAIL)).isEmpty();
        assertThat(found("mailto:anna@example.org", PiiKind.EMAIL)).containsExactly("anna@example.org");
    }

    /** EAN-13 product numbers of German goods start with a Visa prefix; their GS1 check digit tells them apart. */
    @ParameterizedTest
    @ValueSource(strings = {"4006669725106", "4002734646864", "4009906958480", "4013318123428", "4018860750023"})
    void productBarcodesAreNotCards(String gtin) {
        assertThat(Checksums.gs1(gtin, 0, gtin.length())).isTrue();
        assertThat(found("EAN: " + gtin + " Artikel", PiiKind.CARD)).isEmpty();
    }

    @Test
    void gs1CheckDigitOfAGtin14() {
        assertThat(Checksums.gs1("14006669725103", 0, 14)).isTrue();
        assertThat(Checksums.gs1("14006669725104", 0, 14)).isFalse();
    }

    @Test
    void thirteenAndFourteenDigitCardsAreStillCards() {
        assertThat(found("visa 4222222222222 and diners 30569309025904.", PiiKind.CARD))
                .containsExactly("4222222222222", "30569309025904");
        // Grouped, a number that also checks as a barcode is a card all the same.
        assertThat(found("card 4006 6697 2510 6", PiiKind.CARD)).containsExactly("4006 6697 2510 6");
    }

    @Test
    void eightBytesWithColonsAreNoAddress() {
        assertThat(total("WWN 50:06:01:60:3b:a0:2b:8f and EUI-64 00:1a:2b:3c:4d:5e:6f:70 here")).isZero();
        assertThat(found("host 2001:db8:85a3:8d3:1319:8a2e:370:7348 up", PiiKind.IPV6))
                .containsExactly("2001:db8:85a3:8d3:1319:8a2e:370:7348");
    }

    @Test
    void emailDigitsAreNotPhones() {
        PiiMatches m = scanner.scan("mail 0201234567890@example.com or +44 20 7946 0958");
        assertThat(m.count(PiiKind.EMAIL)).isEqualTo(1);
        assertThat(m.count(PiiKind.PHONE)).isEqualTo(1);
        assertThat(m.start(0)).isLessThan(m.start(1));
    }

    /** Countries that dial no trunk 0 write their national numbers after a cue in their own language. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "звоните: тел. 123-45-67 днём | 123-45-67", "Телефон: 495 123 45 67 | 495 123 45 67",
        "Моб.: 912 345 67 89 | 912 345 67 89", "στο τηλ. 210 1234567 και | 210 1234567",
        "Τηλέφωνο: 2101234567 | 2101234567", "Móvil: 612 345 678 | 612 345 678",
        "Telemóvel: 912 345 678 | 912 345 678", "Celular: 11 91234-5678 | 11 91234-5678",
        "Cellulare: 347 123 4567 | 347 123 4567", "tel. kom. 601 234 567 | 601 234 567",
        "Komórka: 601 234 567 | 601 234 567", "Telefonszám: 1 234 5678 | 1 234 5678",
        "WhatsApp: 612 345 678 | 612 345 678"})
    void findsNumbersAfterCuesOfCountriesWithoutATrunkPrefix(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kom. 601 234 567 osób", "Kom 2003 hade vi 123 456 789 kronor", "телефон 2003 года"})
    void newCueWordsNeedTheirOwnContext(String text) {
        assertThat(found(text, PiiKind.PHONE)).as(text).isEmpty();
    }

    @Test
    void findsIndianMobilesWrittenInTwoGroupsOfFive() {
        assertThat(found("Call 98451 23760 now.", PiiKind.PHONE)).containsExactly("98451 23760");
        assertThat(found("Call 98765 43210 now.", PiiKind.PHONE)).as("a run of digits, a placeholder").isEmpty();
        assertThat(found("मोबाइल: 70123 45678", PiiKind.PHONE)).containsExactly("70123 45678");
        // A row of numbers, a range and a group of three are not.
        assertThat(found("1010  5003  2.1  3.6  93660 37528  ?  S+", PiiKind.PHONE)).isEmpty();
        assertThat(found("uids 64010-64016 for qmail", PiiKind.PHONE)).isEmpty();
        assertThat(found("totals 98451 23760 12345", PiiKind.PHONE)).isEmpty();
        assertThat(found("EUR 98765 432", PiiKind.PHONE)).isEmpty();
    }

    /** Order, customer, invoice and model numbers that start with 0 have a national phone's shape. */
    @ParameterizedTest
    @ValueSource(strings = {"Bestellnummer: 0123987654 vom 12.03.2023", "Kunden-Nr. 0301234567 bitte angeben",
        "Order No. 030 1234567 shipped", "Modell 0815-4711-23", "réf. 01 42 68 53 17 en stock",
        "Rechnungs-Nr.: 0221 4711 0815", "invoice number 0201234567"})
    void numbersLabelledAsAnotherKindAreNotPhones(String text) {
        assertThat(found(text, PiiKind.PHONE)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Customer service: 0800 123 4567 | 0800 123 4567", "order 0044 20 7946 0958 | 0044 20 7946 0958",
        "Account manager +44 20 7946 0958 | +44 20 7946 0958", "Telefon: 0301234567 | 0301234567",
        "under this policy 020 7946 0958 is the line | 020 7946 0958", "in that case 030 1234567 answers | 030 1234567"})
    void labelsOfOtherNumbersLeaveContactNumbersAlone(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    /** Russia's trunk 8 with the closing pairs, and Brazil's area code in parentheses. */
    @ParameterizedTest
    @ValueSource(strings = {"8 (495) 123-45-67", "8 800 555-35-35", "8-495-123-45-67", "8 (3812) 12-34-56",
        "8 912 345 67 89", "(11) 91234-5678", "(21) 3456-7890"})
    void findsNationalFormsWithoutATrunkZero(String phone) {
        assertThat(found("Звоните " + phone + " сейчас.", PiiKind.PHONE)).containsExactly(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 495 123 456 7", "8 (495) 123-45-67-89", "8 (123) 456-78-90", "8 2003 2004 20 05",
        "(12) 2001-2005", "(10) 91234-5678", "(11) 6123-4567", "(21) 3456-7890-1234", "8 495 123 45 67 12"})
    void rejectsShapesNearTheNationalForms(String text) {
        assertThat(found("see " + text + " here", PiiKind.PHONE)).as(text).isEmpty();
    }

    /** Chinese and Japanese write numbers against the words around them; Korean glues particles on. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "请拨打010-12345678咨询 | 010-12345678",
        "お電話は03-1234-5678まで | 03-1234-5678",
        "전화번호: 010-1234-5678로 연락 | 010-1234-5678",
        "联系电话：13800138000 | 13800138000",
        "联系电话13800138000，谢谢 | 13800138000",
        "手机 138 0013 8000 | 138 0013 8000",
        "携帯電話：090-1234-5678 | 090-1234-5678",
        "연락처 010 1234 5678 | 010 1234 5678",
        "客服电话：400-851-5558 编辑 | 400-851-5558",
        "我的手机号是13800138000，谢谢 | 13800138000",
        "手机号码：138 0013 8000 | 138 0013 8000",
        "电话为010-12345678 | 010-12345678",
        "お電話番号は03-1234-5678です | 03-1234-5678",
        "携帯は090-1234-5678 | 090-1234-5678",
        "軽々03-1234-5678まで | 03-1234-5678",
        "扩138 0225 9313展 | 138 0225 9313",
        "mobile 139-1234-5678 | 139-1234-5678"})
    void findsNumbersWrittenAgainstCjkText(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023年1月15日发布，第12345678号文件", "共计13800138000元", "号码13800138000", "型号：138001380",
        "订单号是13800138000", "总数为13800138000", "共 120 1234 5678 项", "138 0225 9313 4455"})
    void cjkTextWithoutACueHasNoPhone(String text) {
        assertThat(total(text)).as(text).isZero();
    }

    @Test
    void findsAddressesAndKeysWrittenAgainstCjkText() {
        assertThat(found("IP地址为203.0.113.9的服务器", PiiKind.IPV4)).containsExactly("203.0.113.9");
        assertThat(found("密钥AKIAIOSFODNN7EXAMPLE已泄露", PiiKind.SECRET)).containsExactly("AKIAIOSFODNN7EXAMPLE");
    }

    /** A URL's or a share's host is an address; the slashes do not glue it to a token. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Visit http://93.184.216.34/index.html now | 93.184.216.34",
        "Visit https://10.0.0.1:8443/admin now | 10.0.0.1",
        "ftp://203.0.113.7/pub | 203.0.113.7",
        "mount //192.0.2.5/share | 192.0.2.5"})
    void findsAddressesInUrls(String text, String address) {
        assertThat(found(text, PiiKind.IPV4)).containsExactly(address);
    }

    @Test
    void aUrlHostIsNeverAPhone() {
        assertThat(total("see http://0201234567/ and //2125550123")).isZero();
    }

    /** With a label a social security number may be written with blanks or unbroken; without one it is not claimed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SSN 123 45 6789 on file | 123 45 6789",
        "SSN: 123456789 on file | 123456789",
        "SSN# 123 45 6789 | 123 45 6789",
        "Social Security No. 512689222 was | 512689222",
        "Social Security Number: 078 05 1120. | 078 05 1120"})
    void findsLabelledSocialSecurityNumbers(String text, String ssn) {
        assertThat(found(text, PiiKind.SSN)).containsExactly(ssn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 123 45 6789 shipped", "id 123456789 shipped", "SSN 000 12 3456", "SSN 123 00 4567",
        "SSN 923456789", "SSN 123 45 6789 1234", "BSSN 123456789", "SSN 1234567890"})
    void unlabelledOrInvalidSocialSecurityNumbersAreNotClaimed(String text) {
        assertThat(found(text, PiiKind.SSN)).as(text).isEmpty();
    }

    /** People write numbers into sentences, announced by a phrase rather than a label. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "You can call me at 5551234567 after six. | 5551234567",
        "My number is 612 345 678, text me. | 612 345 678",
        "Reach us on 78 40 97 31 or by mail. | 78 40 97 31",
        "Contact: 736 392 489 | 736 392 489",
        "Please contact 0471 12 34 56 for details. | 0471 12 34 56",
        "Call 1800 1200 004 (toll free) | 1800 1200 004",
        "Appelez-nous au 05 84 09 73 17 demain. | 05 84 09 73 17",
        "Llámenos al 912 345 678 hoy. | 912 345 678",
        "Wir sind erreichbar unter 0711 123456. | 0711 123456",
        "Bel ons op 020-1234567. | 020-1234567",
        "Zadzwoń pod numer 601 234 567. | 601 234 567",
        "Rufen Sie uns an: 05507 / 91 99 488 | 05507 / 91 99 488",
        "Soita numeroon 40 123 4567 arkisin. | 40 123 4567",
        "Hívja a 1 234 5678 számot. | 1 234 5678",
        "Καλέστε στο 210 1234567 σήμερα. | 210 1234567",
        "Nazovite 01 234 5678 danas. | 01 234 5678",
        "Bizi arayın 212 555 01 23 | 212 555 01 23"})
    void findsNumbersAnnouncedByAPhrase(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    /** A phrase's verbs have other trades, and dates follow them too. */
    @ParameterizedTest
    @ValueSource(strings = {
        "e8 4b fe ff ff  call 401030 <puts@plt>", "Call us on 12.05.2024 to confirm.",
        "contact 2019-2020 season tickets", "ring 123456 is the outer one", "Call 98765 43210 now."})
    void phrasesNeedANumberWrittenAsOne(String text) {
        assertThat(found(text, PiiKind.PHONE)).as(text).isEmpty();
    }

    /** An extension belongs to the number, glued or after "x", "ext." or "poste". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Phone: (212) 555-0123x737 | (212) 555-0123x737",
        "Call 212-555-0123 x 4 today | 212-555-0123 x 4",
        "office 212.555.0123 ext. 12, | 212.555.0123 ext. 12",
        "+1-212-555-0123x69670 | +1-212-555-0123x69670",
        "Tél. : 514 555-0123, poste 728 | 514 555-0123, poste 728"})
    void extensionsBelongToTheNumber(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    /** Shapes that are a phone's whatever the digits: an international prefix with parentheses, a parenthesized trunk area code. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UK office +44(0)20 7946 0958 | +44(0)20 7946 0958",
        "Istanbul +90(212)555-0123 | +90(212)555-0123",
        "Vilnius +(370) 61234567 | +(370) 61234567",
        "Helsinki (+358) 40 123 4567 | (+358) 40 123 4567",
        "Kassel (0561) 68380667 | (0561) 68380667",
        "Sydney (02).4125.2495 | (02).4125.2495",
        "Den Haag (077)-6261043 | (077)-6261043",
        "Moskau (495) 123-45-67 | (495) 123-45-67",
        "Stockholm 08-123 456 78 | 08-123 456 78",
        "Quebec 514 555-0123 | 514 555-0123",
        "Kontakt 0221 1642 1411 F | 0221 1642 1411",
        "Hotline: 0621 / 18190-333 | 0621 / 18190-333",
        "Jakarta 0812 3456 7890 | 0812 3456 7890",
        "Tel Aviv 03-684-0973 | 03-684-0973",
        "Haifa 04-4184085 | 04-4184085",
        "test data (106)658-0351 | (106)658-0351",
        "test data 106-658-0351 | 106-658-0351"})
    void findsNumbersWhoseShapeIsAPhones(String text, String phone) {
        assertThat(found(text, PiiKind.PHONE)).containsExactly(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0 0 Td [1 0 0 -1 0 644.330017] Tm", "change \"(123) 456-7890\" into", "dotted 106.658.0351 here",
        "spaced 106 658 0351", "placeholder 000-000-0000", "id 012345678912 ok", "range 08-2019 to 09-2020",
        "cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0", "0 10 65 51 155 17  98",
        "header: ff ff 00 30 da 03 46 28 08 06 >", "<Buffer a0 8b 28 3f 01 00 00 00 50 32>"})
    void shapesThatAreNoNumbersStayUnmatched(String text) {
        assertThat(found(text, PiiKind.PHONE)).as(text).isEmpty();
    }

    /** Issuers the card check knew too few of: Maestro (12-19 digits), JCB's 15-digit range, UnionPay's 81. */
    @ParameterizedTest
    @ValueSource(strings = {"5018 0000 0009", "6759649826438453", "213100707245065", "180005711130915",
            "8171999927660000"})
    void findsMaestroJcbAndUnionPayCards(String card) {
        assertThat(Checksums.luhn(card.replace(" ", ""))).isTrue();
        assertThat(found("card " + card + " exp", PiiKind.CARD)).containsExactly(card);
    }

    @Test
    void twelveDigitsNeedAMaestroPrefix() {
        // Luhn-valid, 12 digits, prefixes of no issuer that issues 12-digit cards
        assertThat(found("ref 411111111117 ok", PiiKind.CARD)).isEmpty();
        assertThat(found("ref 123456789015 ok", PiiKind.CARD)).isEmpty();
    }

    @Test
    void cjkLettersOutsideTheIdeographBlocksEndAnAddressToo() {
        assertThat(found("メール：k_nowak@uni-heidelberg.de々に使う", PiiKind.EMAIL)).containsExactly("k_nowak@uni-heidelberg.de");
        assertThat(found("〇〇市info@example.jp〆", PiiKind.EMAIL)).containsExactly("info@example.jp");
    }

    @Test
    void findsAddressesUnderInternationalizedDomainNames() {
        assertThat(found("пишіть: oksana82@shvachko.укр або", PiiKind.EMAIL)).containsExactly("oksana82@shvachko.укр");
        assertThat(found("почта: ivan@почта.рф.", PiiKind.EMAIL)).containsExactly("ivan@почта.рф");
        assertThat(found("mail info@example.com联系我们", PiiKind.EMAIL)).containsExactly("info@example.com");
        assertThat(found("not a@b.cд here", PiiKind.EMAIL)).as("a top-level name of mixed scripts").isEmpty();
    }

    @Test
    void findsIbansOfCountriesOutsideTheRegistry() {
        assertThat(found("شبا IR062960000000100324200001 بانک", PiiKind.IBAN)).containsExactly("IR062960000000100324200001");
        assertThat(found("Sheba IR06 2960 0000 0010 0324 2000 01.", PiiKind.IBAN))
                .containsExactly("IR06 2960 0000 0010 0324 2000 01");
        assertThat(found("IR072960000000100324200001", PiiKind.IBAN)).as("checksum off by one").isEmpty();
    }

    /** Versions of four small parts after a product's name or a version verb's "to" are no addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"Firefox 2.0.0.16 - SeaMonkey", "XFree86 4.3.0.1 commit", "Bump Standards-Version to 4.6.0.1.",
        "Bump to 1.2.99.2.", "updated to 3.6.2.1", "Java 1.8.0.60 runtime", "Update from 1.2.99.2 to 1.2.99.4"})
    void versionsAfterProductNamesAreNoAddresses(String text) {
        assertThat(found(text, PiiKind.IPV4)).as(text).isEmpty();
    }

    /**
     * A quad of small parts is a version or a section unless something says address: the Debian
     * changelogs' and manuals' versions without a cue word (each of these was counted as an address).
     */
    @ParameterizedTest
    @ValueSource(strings = {"fixed in 1.6.0.1", "Work around gcc 2.7.2.3 i386 register handling bug",
        "Requires libX11 1.2.99.1", "need zlib >= 1.2.2.3.", "Release libX11 1.1 RC1 (1.0.99.1).",
        "ISO/IEC 9899:1999 (E), 6.7.2.1 Structure and union specifiers", "software-properties (0.99.28.1) kinetic",
        "According to SP800-38D 5.2.1.1, input data", "certificatePolicies = 1.2.4.5, 1.1.3.4",
        "Test JVMs 5.4.3.6 with respect to", "a DNS fix.\nRequires xextproto 7.0.99.1"})
    void smallQuadsWithoutASignOfAnAddressAreVersions(String text) {
        assertThat(found(text, PiiKind.IPV4)).as(text).isEmpty();
    }

    /** Small quads still count with a port, a prefix length, a URL, a word of networking near them, or when famous. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "listen on 5.5.5.7 | 5.5.5.7", "nat src addr 5.5.5.7 pipe | 5.5.5.7", "bound to 2.3.4.5:7777 | 2.3.4.5",
        "block 1.2.3.0/24 now | 1.2.3.0", "see http://3.14.15.92/ | 3.14.15.92", "root@7.1.2.3 here | 7.1.2.3",
        "7.1.2.3 is the DNS server | 7.1.2.3", "IP地址7.1.2.3 | 7.1.2.3", "IPv4: 3.4.5.6 | 3.4.5.6",
        "fixed in 1.1.1.1 | 1.1.1.1", "try 9.9.9.10 | 9.9.9.10", "try 8.8.4.4 | 8.8.4.4", "or 4.2.2.2 | 4.2.2.2",
        "then 1.0.0.1 | 1.0.0.1", "lookup 0.0.0.0 | 0.0.0.0", "the Adresse 3.4.5.6 | 3.4.5.6"})
    void smallQuadsWithASignOfAnAddressStillCount(String text, String address) {
        assertThat(found(text, PiiKind.IPV4)).as(text).containsExactly(address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Server 10.0.0.1 is up | 10.0.0.1", "Google DNS 8.8.8.8 | 8.8.8.8", "IPs 1.2.3.4/24 | 1.2.3.4",
        "connect to 5.6.7.8 now | 5.6.7.8", "Resolver 8.8.8.8 answers | 8.8.8.8", "Gateway 1.2.3.4 | 1.2.3.4", "Firefox 2.0.0.160 | 2.0.0.160", "Host 93.184.216.34 | 93.184.216.34"})
    void addressesAfterOtherWordsStillCount(String text, String address) {
        assertThat(found(text, PiiKind.IPV4)).containsExactly(address);
    }

    /**
     * Text made of the fragments every reader looks at (digits, separators, brackets, cue words and
     * phrases, extensions, CJK number words, at-signs, product names): whatever their order, the scan
     * never fails and its spans are non-empty, inside the text, in order and disjoint.
     */
    @Test
    void randomFragmentsNeverBreakTheScan() {
        String[] fragments = {"0", "1", "2", "5", "9", "00", "12", "123", "0561", "+", "(", ")", "(+", "+(", "-", ".",
            "/", " ", "  ", "\u00a0", ":", "\uff1a", "x", "X", "ext", "ext.", "poste", ",", "call", "Call me at",
            "contact", "Contact:", "ring", "to", "Bump", "Firefox", "Resolver", "IPs", "from", "手机", "号码", "是", "は",
            "電話", "番号", "@", "a", "é", "\n", "Tel.", "IR", "DE", "GB", "3f", "a0", "ä.de", "укр", "\t", "#", "%",
            // whole values, so that the readers after a match (extensions, rows, versions) are reached
            "212-555-0123", "(0561) 940 83", "+44 20 7946 0958", "x12", " ext. 3", ", poste 7", "13800138000",
            "1.2.99.2", "8.8.8.8", "4111 1111 1111 1111", "IR062960000000100324200001", "a@b.de"};
        java.util.Random random = new java.util.Random(20261128);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int k = 0; k < length; k++) {
                text.append(fragments[random.nextInt(fragments.length)]);
            }
            String t = text.toString();
            PiiMatches m = scanner.scan(t);
            for (int k = 0; k < m.size(); k++) {
                assertThat(m.start(k)).as(t).isGreaterThanOrEqualTo(k == 0 ? 0 : m.end(k - 1));
                assertThat(m.end(k)).as(t).isGreaterThan(m.start(k)).isLessThanOrEqualTo(t.length());
            }
        }
    }

    /** Made-up tokens in the documented shapes of ten more services. */
    @ParameterizedTest
    @ValueSource(strings = {"dapi8b0e7153bf7c3706d85c524e44006655", "dapi9a6656c90bd5482a90a29b9fa5ff5180-2",
        "dp.pt.8Vw2zbJYAxyL1aCcTlN99mhWp708DwGw5HqXDgLVXZx", "glsa_3scB8fnvGNx6jvr7SIftRutlZfOjUStE_512c17b8",
        "pul-ed411fa644d35db41d94e5efaf89fc43c5fa52f8",
        "hvs.UiTeNUJ_HLRwb8GPJ7KTSJS0Sw5UQsvzU9Kk1v1MIdzu4xCxf8CvgroOx9ye17SWjAEVaSZJ0oVeMmLRLTq10V7suW9zrlS",
        "sq0atp-aWnPsPW23C-L9WXuHM-G1c", "sq0csp-ON_Ks9dp4FLfrYb9JF8eF_ItKL-8pcqMKRLd7SUqeaG",
        "AGE-SECRET-KEY-193G8MA114Y4ZMS3ETA1S4TJK495V8J18DEORFEBV1EZ5DHHOHIS2JLL0KE",
        "ATATT3BfnWjJhpZrb3lO__TVhrLtLCHiEGKrEV6XwqcRkelp6EX79PndXgt2Cok_BrWTELQSXWrTL3UeBxYimeexzzf_9Sa28M2P77mytujVX8"
            + "tGoJuKEe9eSVOhc68tpPL6EuezdDkZUNx7UKi7uEwAf3Ia7h50vfeSmjE_l8gFg-YhgG05NgeywZ=672A3252",
        "PMAK-60ebfdc409e7349f28ca442f-72d781f7169b32dac0940e401d83c4a295", "SK48fa91200314bd807d4b6ab0553854ed"})
    void findsTokensOfMoreServices(String token) {
        assertThat(found("export TOKEN=" + token + " # rotate", PiiKind.SECRET)).containsExactly(token);
        assertThat(found("token: " + token + " (rotate)", PiiKind.SECRET)).containsExactly(token);
        assertThat(found("token: x" + token + " (rotate)", PiiKind.SECRET)).as("inside a word").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dapi8b0e7153bf7c3706d85c524e4400", "pul-request", "hvs.short", "sq0atp-tooShort",
        "SKU 48fa91200314bd807d4b6ab0553854ed", "SK48fa91200314bd807d4b6ab0553854edff", "PMAK-notakey",
        "AGE-SECRET-KEY-1 is the prefix", "ATATT3 alone", "glsa_x", "dp.pt.short"})
    void wordsThatStartLikeTheseTokensAreNone(String text) {
        assertThat(found(text, PiiKind.SECRET)).as(text).isEmpty();
    }

    @Test
    void findsIbansGroupedWithHyphensOrWithTheCountryApart() {
        assertThat(found("IBAN DE89-3704-0044-0532-0130-00 ok", PiiKind.IBAN)).containsExactly("DE89-3704-0044-0532-0130-00");
        assertThat(found("IBAN: DE 89 3704 0044 0532 0130 00", PiiKind.IBAN)).containsExactly("DE 89 3704 0044 0532 0130 00");
        assertThat(found("IBAN: DE 89 3704 0044 0532 0130 00", PiiKind.PHONE)).as("its tail is no phone").isEmpty();
        assertThat(found("IBAN DE89-3704-0044-0532-0130-01 ok", PiiKind.IBAN)).as("checksum").isEmpty();
        assertThat(found("DE 89 and AT 61 are codes", PiiKind.IBAN)).isEmpty();
    }

    @Test
    void toStringNeverShowsValues() {
        assertThat(scanner.scan("mail jane@example.com").toString()).doesNotContain("jane").contains("email@5-21");
    }
}
