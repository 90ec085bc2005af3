package io.sluice.pipeline.lang;

/**
 * Hashes the character 1- to 4-grams of a text prefix into buckets of a fixed-size table: the
 * features of the language model, shared by the identifier and the trainer so that both see exactly
 * the same features.
 *
 * <p>Letters are lower-cased; every run of non-letters (digits, punctuation, white space) becomes one
 * space, which marks word boundaries, so {@code " th"} and {@code "he "} are features but numbers and
 * markup are not. Hashing instead of a vocabulary keeps the model a flat byte array with no lookup
 * structure: one multiply-and-shift per n-gram, at the price of collisions, which naive Bayes over
 * thousands of features tolerates.
 */
final class NgramHasher {

    /** The longest n-gram. */
    static final int MAX_N = 4;

    private NgramHasher() {
    }

    /** Receives the bucket of every n-gram, in text order. */
    interface BucketSink {
        /** Takes one bucket; returns false to stop hashing (the caller has seen enough). */
        boolean accept(int bucket);
    }

    /**
     * Hashes the n-grams of the first {@code maxChars} chars of {@code text} into buckets in
     * {@code [0, 2^bits)}.
     *
     * @return the number of n-grams emitted (up to and including the one the sink stopped at)
     */
    static int forEach(CharSequence text, int maxChars, int bits, BucketSink sink) {
        return forEach(text, 0, Math.min(text.length(), maxChars), bits, false, sink);
    }

    /**
     * Hashes the n-grams of {@code text[from, end)}; {@code from} is taken to start a word. Terminal
     * escape sequences and code-like tokens ({@link #codeLikeTokenEnd}) count as non-letters.
     */
    static int forEach(CharSequence text, int from, int end, int bits, BucketSink sink) {
        return forEach(text, from, end, bits, false, sink);
    }

    /**
     * As {@link #forEach(CharSequence, int, int, int, BucketSink)}; with {@code skipNames}, a word that
     * starts with a capital letter inside a sentence (after a letter or digit, with no {@code . ! ? :}
     * or line break since) counts as non-letters too. Proper names are in whatever language they come
     * from: "Ieke van den Burg" at the start of a Slovenian window, "Women on Waves" in French, and the
     * early stop made up its mind on them. Sentence-initial capitals and lower-case words remain,
     * which in German still leaves the function words, verbs and adjectives.
     */
    static int forEach(CharSequence text, int from, int end, int bits, boolean skipNames, BucketSink sink) {
        return forEach(text, from, end, bits, skipNames, 0, Character.MAX_CODE_POINT + 1, sink);
    }

    /**
     * Devanagari's vowel signs, virama and nasal marks (U+0900–U+097F, combining): they are half of a
     * Hindi, Marathi or Nepali word's code points, and read as non-letters they would cut every word
     * into its bare consonants ("हिन्दी" → ह न द).
     */
    static boolean isDevanagariMark(int cp) {
        if (cp < 0x0900 || cp >= 0x0980) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Latin Extended Additional (U+1E00–U+1EFF): Vietnamese's letters with two diacritics, ạ ấ ề ổ ự. */
    static final int LATIN_EXTENDED_ADDITIONAL = 0x1E00;
    static final int GREEK_EXTENDED = 0x1F00;

    /**
     * As {@link #forEach(CharSequence, int, int, int, boolean, BucketSink)}, with the letters outside
     * {@code [firstLetter, endLetter)} read as non-letters (see {@code LanguageIdentifier.lettersEnd}),
     * except Latin Extended Additional's, which are always letters: the Latin model reads Latin up to
     * Latin Extended-B, and Vietnamese writes most of its words with letters of that block.
     */
    static int forEach(CharSequence text, int from, int end, int bits, boolean skipNames, int firstLetter, int endLetter,
            BucketSink sink) {
        int shift = 64 - bits;
        // The last three code points before the current one, most recent first; space at the start.
        int c1 = ' ';
        int c2 = ' ';
        int c3 = ' ';
        int emitted = 0;
        boolean lastWasSpace = true;
        boolean tokenStart = true;
        boolean sentenceStart = true;
        for (int i = from; i <= end; ) {
            int c;
            if (i == end) {
                c = ' '; // close the last word so its final n-grams carry the boundary
                i++;
            } else {
                int cp = Character.codePointAt(text, i);
                // The char that decides whether a sentence starts next: a skipped token's last one.
                int last = cp;
                int skipTo;
                if (cp == ESC) {
                    i = skipEscapeSequence(text, i, end);
                    c = ' ';
                } else if (tokenStart && (skipTo = codeLikeTokenEnd(text, i, end)) > i) {
                    i = skipTo;
                    c = ' ';
                    last = text.charAt(i - 1);
                } else if (skipNames && tokenStart && !sentenceStart && Character.isUpperCase(cp)) {
                    i = tokenEnd(text, i, end);
                    c = ' ';
                    last = text.charAt(i - 1);
                } else {
                    i += Character.charCount(cp);
                    c = (cp >= firstLetter && cp < endLetter || cp >= LATIN_EXTENDED_ADDITIONAL && cp < GREEK_EXTENDED)
                            && (Character.isLetter(cp) || isDevanagariMark(cp)) ? Character.toLowerCase(cp) : ' ';
                }
                tokenStart = cp <= ' ' || cp >= 0x80 && Character.isWhitespace(cp);
                if (last == '.' || last == '!' || last == '?' || last == ':' || last == '\n') {
                    sentenceStart = true;
                } else if (last < 0x80 ? ASCII_CLASS[last] == LETTER || ASCII_CLASS[last] == DIGIT
                        : Character.isLetterOrDigit(last)) {
                    sentenceStart = false;
                }
            }
            if (c == ' ') {
                if (lastWasSpace) {
                    continue;
                }
                lastWasSpace = true;
            } else {
                lastWasSpace = false;
                emitted++;
                if (!sink.accept(bucket(c, shift))) {
                    return emitted;
                }
            }
            // n-grams ending at c; each longer gram extends the previous hash by one earlier char.
            long h = c;
            h = h * 0x9E3779B97F4A7C15L + c1;
            boolean more = sink.accept(bucket(h + 2, shift));
            h = h * 0x9E3779B97F4A7C15L + c2;
            more &= sink.accept(bucket(h + 3, shift));
            h = h * 0x9E3779B97F4A7C15L + c3;
            more &= sink.accept(bucket(h + 4, shift));
            emitted += 3;
            if (!more) {
                return emitted;
            }
            c3 = c2;
            c2 = c1;
            c1 = c;
        }
        return emitted;
    }

    static final char ESC = '\u001B';

    /** The end of the white-space-delimited token starting at {@code i}. */
    private static int tokenEnd(CharSequence text, int i, int end) {
        int j = i;
        while (j < end) {
            char ch = text.charAt(j);
            if (ch <= ' ' || ch >= 0x80 && Character.isWhitespace(ch)) {
                break;
            }
            j++;
        }
        return j;
    }

    /**
     * Where the white-space-delimited token starting at {@code i} ends if it is code rather than
     * language: a URL, e-mail address, host or file name, path, markup, nickname or identifier. Such
     * tokens hold letters ({@code bart@zer0cool.eu.org}, {@code /usr/share/doc}, {@code <Kaplan^>})
     * whose n-grams say nothing about the language of the text around them and are mostly English.
     * Code-like: an ASCII-only token with one of {@code @ / \ _ = < > { } [ ] $ # | ~ ^ * +}, a digit
     * next to a letter, a dot between two letters, or {@code ::} ({@code std::vector},
     * {@code works-with::video}: scope operators and Debtags facets). Returns -1 for any other token;
     * tokens with non-ASCII letters are always language.
     */
    static int codeLikeTokenEnd(CharSequence text, int i, int end) {
        boolean code = false;
        int prev = OTHER;
        int prevPrev = OTHER;
        int j = i;
        for (; j < end; j++) {
            char c = text.charAt(j);
            int cls;
            if (c < 0x80) {
                cls = ASCII_CLASS[c];
                if (cls == SPACE) {
                    break;
                }
            } else if (Character.isWhitespace(c)) {
                break;
            } else if (Character.isLetter(c) || Character.isSurrogate(c)) {
                return -1;
            } else {
                cls = OTHER;
            }
            code |= cls == CODE
                    || cls == COLON && prev == COLON
                    || cls == LETTER && (prev == DIGIT || prev == DOT && prevPrev == LETTER)
                    || cls == DIGIT && prev == LETTER;
            prevPrev = prev;
            prev = cls;
        }
        return code ? j : -1;
    }

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte DOT = 3;
    private static final byte CODE = 4;
    private static final byte SPACE = 5;
    private static final byte COLON = 6;
    /** Classes of ASCII chars for {@link #codeLikeTokenEnd}: one load per char on the common path. */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_CLASS[c] = c <= ' ' || c == 0x7F ? SPACE
                    : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? LETTER
                    : c >= '0' && c <= '9' ? DIGIT
                    : c == '.' ? DOT
                    : c == ':' ? COLON
                    : "@/\\_=<>{}[]$#|~^*+".indexOf(c) >= 0 ? CODE
                    : OTHER;
        }
    }

    /**
     * Where the terminal escape sequence that starts at {@code text[i] == ESC} ends: a CSI sequence
     * ({@code ESC [ params final}, e.g. the colour codes {@code ESC[1;36m} that terminal-formatted
     * text is full of) up to and including its final byte, any other escape with the char after it.
     * Their letters ({@code m}, {@code H}, {@code K}) are control, not language.
     */
    static int skipEscapeSequence(CharSequence text, int i, int end) {
        i++;
        if (i < end && text.charAt(i) == '[') {
            i++;
            while (i < end) {
                char c = text.charAt(i++);
                if (c >= 0x40 && c <= 0x7E) {
                    break;
                }
            }
            return i;
        }
        return Math.min(i + 1, end);
    }

    private static int bucket(long h, int shift) {
        // Murmur3's 64-bit finalizer: every input bit affects the top bits taken as the bucket.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> shift);
    }
}
