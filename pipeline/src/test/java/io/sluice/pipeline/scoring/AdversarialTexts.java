package io.sluice.pipeline.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Texts shaped to hit each scanner's worst case: one long token, one char repeated, the same line
 * over and over, long runs of what a rule counts (dots, newlines, digits, colons, brackets, at-signs,
 * cue words), unspaced scripts and combining marks. A record as large as the job admits is scored
 * on the stream's one thread, so a rule that is quadratic in any of these stalls the whole job.
 */
final class AdversarialTexts {

    private AdversarialTexts() {
    }

    /** Each shape by name, as a function from a target length in chars to a text of about that length. */
    static Map<String, IntFunction<String>> shapes() {
        Map<String, IntFunction<String>> s = new LinkedHashMap<>();
        s.put("one long token", n -> "a".repeat(n));
        s.put("one-letter words", n -> "a ".repeat(n / 2));
        s.put("same line", n -> repeat("The same line again, word for word.\n", n));
        s.put("same paragraph", n -> repeat("One paragraph.\nIts second line.\n\n", n));
        s.put("newlines", n -> "\n".repeat(n));
        s.put("blank lines with a word", n -> repeat("x\n\n\n", n));
        s.put("dots", n -> ".".repeat(n));
        s.put("dotted words", n -> repeat("Mr. A. B. etc. ", n));
        s.put("ellipses", n -> repeat("wait... ", n));
        s.put("one sentence, no period", n -> words(n, 7, false));
        s.put("distinct words", n -> words(n, 11, true));
        s.put("digits", n -> "7".repeat(n));
        s.put("spaced digits", n -> "1 ".repeat(n / 2));
        s.put("digit pairs", n -> repeat("12 ", n));
        s.put("phone-like groups", n -> repeat("+49 30 1234 5678 ", n));
        s.put("cued numbers", n -> repeat("Tel. 0561 940 83-14 ", n));
        s.put("cue words alone", n -> repeat("Tel. Fax Telefon ", n));
        s.put("private dotted quads", n -> repeat("10.20.30.40 ", n));
        s.put("public dotted quads", n -> repeat("20.30.40.50 ", n));
        s.put("section numbers", n -> repeat("1.2.3 1.2.3.4 ", n));
        s.put("colons", n -> ":".repeat(n));
        s.put("hex colon run", n -> repeat("ab:", n));
        s.put("at-signs", n -> "@".repeat(n));
        s.put("address chain", n -> repeat("a@b.", n));
        s.put("obfuscated at", n -> repeat("info (at) ", n));
        s.put("obfuscated addresses", n -> repeat("info(at)zdh(dot)de ", n));
        s.put("spelled-out addresses", n -> repeat("<osamu at debian dot org> ", n));
        s.put("spelled-out domain chain", n -> "(a at " + repeat("b dot ", n - 6));
        s.put("package versions", n -> repeat("1.2.7.2-1 ", n));
        s.put("double colons", n -> repeat("a::b::", n));
        s.put("four-digit column", n -> repeat("4111 ", n));
        s.put("digit sequences", n -> repeat("0123456789 ", n));
        s.put("brackets", n -> "{".repeat(n));
        s.put("parentheses", n -> repeat("(", n));
        s.put("urls", n -> repeat("http://a.example.com/x ", n));
        s.put("slashes", n -> "/".repeat(n));
        s.put("iban-like", n -> repeat("DE89 3704 0044 0532 0130 00 ", n));
        s.put("card-like digits", n -> repeat("4111 1111 1111 1111 ", n));
        s.put("key-like", n -> repeat("AKIA", n));
        s.put("base64 run", n -> repeat("eyJhbGciOiJIUzI1NiJ9.", n));
        s.put("private key markers", n -> repeat("-----BEGIN ", n));
        s.put("refusal phrases", n -> repeat("As an AI language model, I cannot help with that. ", n));
        s.put("lorem ipsum", n -> repeat("lorem ipsum dolor sit amet ", n));
        s.put("han", n -> repeat("中文文本的重复测试", n));
        s.put("katakana", n -> "セ".repeat(n));
        s.put("combining marks", n -> "e\u0301".repeat(n / 2));
        s.put("lone surrogates", n -> "\uD800".repeat(n));
        s.put("emoji", n -> "\uD83D\uDE00".repeat(n / 2));
        s.put("mixed scripts", n -> repeat("мир world ", n));
        s.put("control chars", n -> repeat("\u001B[1;36m\u0000\u0007", n));
        s.put("random printable", n -> random(n));
        // The third session of 2026-11-28's readers: each is bounded, and these hold them to it.
        s.put("no-break spaced digits", n -> repeat("01\u00a042\u00a068\u00a053\u00a0", n));
        s.put("numbers against han", n -> repeat("电话010-12345678号", n));
        s.put("cjk cue chain", n -> repeat("联系电话：", n));
        s.put("trunk 8 pairs", n -> repeat("8 (495) 12-34-56 ", n));
        s.put("capital at and dot", n -> repeat("a AT b DOT ", n));
        s.put("url credentials", n -> repeat("x://u:p4ssword@", n));
        s.put("token prefixes", n -> repeat("glpat-npm_hf_pypi-AgEIcHlwaS5vcmc ", n));
        s.put("slack hook paths", n -> repeat("hooks.slack.com/services/T0ABCDEF1/B", n));
        s.put("named key values", n -> repeat("aws_secret_access_key=", n));
        s.put("ssn labels", n -> repeat("SSN: 123 45 ", n));
        s.put("fullwidth at-signs", n -> repeat("a\uff20", n));
        // 2026-11-28, fourth session: phrase cues, extensions, parenthesized prefixes, CJK number words
        s.put("call phrases", n -> repeat("call me at 612 345 ", n));
        s.put("glued extensions", n -> repeat("212-555-0123x1", n));
        s.put("parenthesized prefixes", n -> repeat("(+358) (0561) +44(0)", n));
        s.put("cjk number words", n -> repeat("手机号码是号", n));
        // 2026-11-29, thirteenth session: runs of scripts written without spaces, cut into words by
        // ICU's dictionaries (the JDK's Thai iterator, used before, took over 100 s on 2M Thai chars).
        s.put("thai run", n -> repeat("เมืองนี้ตั้งอยู่ริมแม่น้ำกว้างซึ่งในฤดูใบไม้ผลิมักจะล้นตลิ่ง", n));
        s.put("thai one letter", n -> "ก".repeat(n));
        s.put("khmer run", n -> repeat("បានបរាជ័យក្នុងការអានឯកសារកំណត់រចនាសម្ព័ន្ធ", n));
        s.put("lao run", n -> repeat("ເມືອງນີ້ຕັ້ງຢູ່ແຄມແມ່ນ້ຳກວ້າງ", n));
        s.put("burmese run", n -> repeat("ဖိုင်အားရှာမတွေ့ပါတည်နေရာအားစစ်ဆေးပြီး", n));
        s.put("japanese run", n -> repeat("東京は日本の首都です人口はとても多いです", n));
        s.put("han one character", n -> "中".repeat(n));
        return s;
    }

    private static String repeat(String unit, int n) {
        return unit.repeat(Math.max(1, n / unit.length()));
    }

    /** Words of {@code len} letters, all distinct when {@code distinct}, else a 100-word vocabulary. */
    private static String words(int n, int len, boolean distinct) {
        StringBuilder b = new StringBuilder(n + len);
        SplittableRandom r = new SplittableRandom(7);
        int[] vocab = new int[100];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = r.nextInt();
        }
        int k = 0;
        while (b.length() < n) {
            long x = distinct ? k++ * 0x9E3779B97F4A7C15L : vocab[r.nextInt(vocab.length)];
            for (int i = 0; i < len; i++) {
                b.append((char) ('a' + (int) Math.floorMod(x >>> (i * 4), 26L)));
            }
            b.append(' ');
        }
        return b.toString();
    }

    private static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        SplittableRandom r = new SplittableRandom(11);
        while (b.length() < n) {
            b.append((char) (0x20 + r.nextInt(0x5F)));
        }
        return b.toString();
    }
}
