package io.sluice.pipeline.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import org.apache.lucene.analysis.util.CharArrayIterator;

/**
 * The words of text in a script written without spaces between words (Chinese, Japanese, Thai, Lao,
 * Khmer, Burmese; see {@link UnspacedScript#isUnspaced}), by ICU's word break iterator, which cuts
 * these scripts with its dictionaries (one for Chinese and Japanese, one per Southeast Asian script)
 * and everything else by the Unicode word-boundary rules (UAX #29). The JDK's own word iterator has
 * a dictionary for Thai only and returns a whole Chinese clause as one word.
 *
 * <p>Used as a cursor over a range of a char array: {@link #reset}, then {@link #next} until it
 * returns false, reading {@link #start}, {@link #end} and {@link #isWord} for each segment. Segments
 * cover the range; whitespace and punctuation come as segments that are not words. Allocation-free
 * once created (ICU loads a dictionary on its first use, ~0.1 s for Chinese and Japanese). Not
 * thread-safe: one per thread, like the families that hold it.
 */
public final class UnspacedWords {

    /** ICU rule statuses below this are spaces and punctuation; numbers, letters, kana and ideographs are above. */
    private static final int WORD_STATUS_FROM = BreakIterator.WORD_NONE_LIMIT;

    private final BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);
    private final CharArrayIterator range = CharArrayIterator.newWordInstance();
    private int offset;
    private int start;
    private int end;

    /** Starts reading the segments of {@code chars[from, to)}. */
    public void reset(char[] chars, int from, int to) {
        range.setText(chars, from, to - from);
        words.setText(range);
        offset = from;
        end = words.first();
        start = end;
    }

    /** Moves to the next segment; false when the range has no more. */
    public boolean next() {
        int next = words.next();
        if (next == BreakIterator.DONE) {
            return false;
        }
        start = end;
        end = next;
        return true;
    }

    /** Start of the current segment, an index of the array given to {@link #reset}. */
    public int start() {
        return offset + start;
    }

    /** End (exclusive) of the current segment, an index of the array given to {@link #reset}. */
    public int end() {
        return offset + end;
    }

    /** True when the current segment is a word (letters, kana, ideographs or a number), not spaces or punctuation. */
    public boolean isWord() {
        return words.getRuleStatus() >= WORD_STATUS_FROM;
    }
}
