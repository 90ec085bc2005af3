package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenBuffer#splitUnspaced} cuts the tokenizer's tokens at the segments the whole text was
 * cut into once ({@link UnspacedSegments}), shared with the text statistics. These tests hold it to
 * the plain reading: each token holding a char of an unspaced script segmented on its own by ICU,
 * every other token left whole.
 */
class UnspacedSplitTest {

    private static List<String> split(String text) {
        TokenBuffer tokens = new TokenBuffer();
        NltkEnglishTokenizer.instance().words(text, tokens);
        tokens.splitUnspaced(new UnspacedSegments(), text);
        return tokens.toList();
    }

    /** Each tokenizer token with a char of an unspaced script cut on its own by ICU's word breaks. */
    private static List<String> reference(String text) {
        List<String> out = new ArrayList<>();
        for (String token : NltkEnglishTokenizer.instance().words(text)) {
            if (token.chars().noneMatch(c -> UnspacedScript.isUnspaced((char) c))) {
                out.add(token);
                continue;
            }
            BreakIterator breaks = BreakIterator.getWordInstance(ULocale.ROOT);
            breaks.setText(token);
            for (int from = breaks.first(), to = breaks.next(); to != BreakIterator.DONE; from = to, to = breaks.next()) {
                out.add(token.substring(from, to));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "委员会周二开会审议了在河上修建一座新人行桥的提案。工程师们说，这座桥将在明年春天完工。",
        "Linux 内核(kernel)是操作系统的核心, 它管理\"硬件\"和软件。Then English: it's fine.",
        "東京は日本の首都です。「人口」はとても多い！ 毎日 3,000 人が来ます... 本当？",
        "ผมชอบกินข้าว และเธอชอบกินก๋วยเตี๋ยว (noodles) ทุกวัน",
        "မြန်မာစာ ဖိုင်အားရှာမတွေ့ပါ။ ភាសាខ្មែរ មិនអាចរកឃើញឯកសារបានទេ",
        "``引号''和'单引号' can't won't 中文—英文 a.b.c 中文.",
        "no unspaced script here at all, just English."})
    void cutsEachTokenAsSegmentingItAloneWould(String text) {
        assertThat(split(text)).isEqualTo(reference(text));
    }

    @Test
    void cutsChineseIntoWordsAndKeepsItsPunctuationAsTokens() {
        assertThat(split("你好，世界。")).containsExactly("你好", "，", "世界", "。");
        assertThat(split("Linux 操作系统")).containsExactly("Linux", "操作", "系统");
    }

    /** Random mixtures of scripts, spaces, ASCII punctuation and quotes (which the tokenizer rewrites). */
    @Test
    void randomMixturesCutAsTheReference() {
        String[] pieces = {"中文", "文本", "测试", "的", "。", "，", "日本語", "です", "ね", "カタカナ", "ไทย", "ภาษา",
            " ", " ", "\n", "abc", "it's", "\"", "'", "(", ")", ".", ",", "...", "-", "12", "３"};
        Random random = new Random(20261129);
        for (int doc = 0; doc < 2000; doc++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            assertThat(split(text)).as(text).isEqualTo(reference(text));
        }
    }
}
