package io.sluice.pipeline.text;

/**
 * NLTK's {@code NLTKWordTokenizer} (the improved Treebank tokenizer behind {@code word_tokenize}),
 * for one sentence.
 *
 * <p>NLTK applies some twenty regex substitutions to the whole sentence in a fixed order, then
 * splits on whitespace. Several of them look at their neighbours, including spaces that earlier
 * substitutions inserted (a quote after a space opens, {@code n't} splits only before a literal
 * space, the final period is split only at the very end), so the order matters. Each substitution
 * is therefore reproduced as its own pass, a plain char loop with the regex's leftmost,
 * non-overlapping scan, between two reusable buffers; passes whose trigger characters do not occur
 * in the sentence are skipped ({@link #tokenizeByPasses}).
 *
 * <p>In most sentences the passes only cut the text into more tokens, rewrite double quotes and
 * split clitics off inside words: {@link #scan} does that in one pass and copies the tokens
 * straight into the buffer, falling back to the passes where it meets a doubled apostrophe, a
 * backtick or another rare shape (under 2% of the text of the dev corpus).
 * TreebankWordsEquivalenceTest holds the two to the same output.
 */
final class TreebankWords {

    private TreebankWords() {
    }

    private static final int F_OPEN_QUOTE = 1;
    private static final int F_BACKTICK = 1 << 1;
    private static final int F_DQUOTE = 1 << 2;
    private static final int F_APOS = 1 << 3;
    private static final int F_PERIOD = 1 << 4;
    private static final int F_COLON_COMMA = 1 << 5;
    private static final int F_SYMBOL = 1 << 6;
    private static final int F_QM = 1 << 7;
    private static final int F_STAR = 1 << 8;
    private static final int F_BRACKET = 1 << 9;
    private static final int F_DASH = 1 << 10;
    private static final int F_CLOSE_QUOTE = 1 << 11;
    /** Two periods in a row: the only input the {@code \.{2,}} pass changes. */
    private static final int F_PERIOD_RUN = 1 << 12;
    /** Two apostrophes in a row: the only input the {@code ''} padding pass changes (no earlier pass creates one). */
    private static final int F_DOUBLE_APOS = 1 << 13;

    private static final int[] ASCII_FLAGS = new int[128];

    static {
        ASCII_FLAGS['`'] = F_BACKTICK;
        ASCII_FLAGS['"'] = F_DQUOTE;
        ASCII_FLAGS['\''] = F_APOS;
        ASCII_FLAGS['.'] = F_PERIOD;
        ASCII_FLAGS[':'] = F_COLON_COMMA;
        ASCII_FLAGS[','] = F_COLON_COMMA;
        for (char c : ";@#$%&".toCharArray()) {
            ASCII_FLAGS[c] = F_SYMBOL;
        }
        ASCII_FLAGS['?'] = F_QM;
        ASCII_FLAGS['!'] = F_QM;
        ASCII_FLAGS['*'] = F_STAR;
        for (char c : "[](){}<>".toCharArray()) {
            ASCII_FLAGS[c] = F_BRACKET;
        }
        ASCII_FLAGS['-'] = F_DASH;
    }

    private static int flag(char c) {
        if (c < 128) {
            return ASCII_FLAGS[c];
        }
        switch (c) {
            case '\u00AB': case '\u201C': case '\u2018': case '\u201E':
                return F_OPEN_QUOTE;
            case '\u00BB': case '\u201D': case '\u2019':
                return F_CLOSE_QUOTE;
            default:
                return 0;
        }
    }

    /** Work state of one call: the current text {@code s[0..n)} and the next pass's output buffer. */
    static final class Work {
        char[] s;
        char[] d;
        int n;

        /** The output buffer, large enough for a pass that at most triples the text. */
        char[] dst() {
            int need = 3 * n + 16;
            if (d.length < need) {
                d = new char[Math.max(need, d.length * 2)];
            }
            return d;
        }

        void swap(int newLength) {
            char[] t = s;
            s = d;
            d = t;
            n = newLength;
        }
    }

    /** Tokenizes {@code text[from..to)} (one sentence) and appends its tokens to {@code out}. */
    static void tokenize(char[] text, int from, int to, TokenBuffer out) {
        if (to <= from) {
            return;
        }
        final int count = out.count;
        final int charCount = out.charCount;
        if (scan(text, from, to, out)) {
            return;
        }
        // A backtick, a doubled apostrophe or another rare shape that the scan does not reproduce:
        // drop what it emitted and run NLTK's substitutions one by one.
        out.count = count;
        out.charCount = charCount;
        tokenizeByPasses(text, from, to, out);
    }

    // Char classes of the single scan (see scan), by table up to U+3000; all chars above are plain.
    /** ASCII word char ({@code [A-Za-z0-9_]}) that starts no contraction. */
    private static final byte K_WORD = 0;
    /** First letter of a contraction: {@code c d g l m w}, either case. */
    private static final byte K_CONTRACTION = 1;
    /** Any other char that stays inside its token. */
    private static final byte K_PLAIN = 2;
    /** Whitespace; 4 rather than 3, so that the scan's hot path needs fewer operations. */
    private static final byte K_SPACE = 4;
    /** Always a token of its own: {@code ;@#$%&}, {@code ?!}, {@code *}, {@code [](){}<>}, and {@code «“‘„»”’}. */
    private static final byte K_PAD = 5;
    private static final byte K_COMMA_COLON = 6;
    private static final byte K_PERIOD = 7;
    private static final byte K_DASH = 8;
    /** The ASCII double quote. */
    private static final byte K_DOUBLE_QUOTE = 9;
    /** The ASCII apostrophe (single quote). */
    private static final byte K_APOSTROPHE = 10;
    /** The backtick, left to the passes. */
    private static final byte K_QUOTE = 11;

    private static final int KIND_TABLE_END = 0x3001;
    private static final byte[] KIND = new byte[KIND_TABLE_END];

    static {
        for (int c = 0; c < KIND_TABLE_END; c++) {
            KIND[c] = PyChars.isSpace(c) ? K_SPACE
                    : c < 128 && PyChars.isWord(c) ? K_WORD : K_PLAIN;
        }
        for (char c : "cdglmwCDGLMW".toCharArray()) {
            KIND[c] = K_CONTRACTION;
        }
        for (char c : ";@#$%&?!*[](){}<>\u00AB\u201C\u2018\u201E\u00BB\u201D\u2019".toCharArray()) {
            KIND[c] = K_PAD;
        }
        KIND[','] = K_COMMA_COLON;
        KIND[':'] = K_COMMA_COLON;
        KIND['.'] = K_PERIOD;
        KIND['-'] = K_DASH;
        KIND['"'] = K_DOUBLE_QUOTE;
        KIND['\''] = K_APOSTROPHE;
        KIND['`'] = K_QUOTE;
    }

    private static int kind(char c) {
        return c < KIND_TABLE_END ? KIND[c] : K_PLAIN;
    }

    /**
     * The substitutions' combined effect on a sentence without backticks, in one scan that writes
     * the tokens straight into {@code out}; false (with nothing added) where it would have to
     * guess, i.e. on a backtick, a doubled apostrophe, or one of the rare shapes noted below.
     *
     * <p>Apart from the apostrophe rules, each substitution only pads: it inserts spaces around a
     * char or run it leaves in place (or, for {@code "}, rewrites it as {@code ``} or {@code ''}).
     * Inserted spaces sit next to non-word chars only, so they move no {@code \b}, and a char that
     * one substitution pads stays in the text for the later ones to see. So the tokens are the
     * whitespace-separated runs of the sentence with these cut out as tokens of their own:
     * <ul>
     * <li>{@code ;@#$%&}, {@code ?!}, {@code *}, {@code [](){}<>}, and {@code «“‘„} (STARTING_QUOTES)
     * and {@code »”’} (ENDING_QUOTES): every occurrence;
     * <li>{@code "}: as {@code ``} where it opens (see {@link #opensQuote}), else as {@code ''};
     * <li>{@code ([:,])([^\d])} and {@code ([:,])$}: a comma or colon not followed by a digit. The
     * first regex consumes the following char, so a second comma or colon right after one is not
     * split but only has a space before it;
     * <li>{@code \.{2,}}: runs of periods; {@code --}: dashes in non-overlapping pairs;
     * <li>the sentence-final period (see {@link #finalPeriodIndex}); the second, narrower final-period
     * rule can only match after the first one did, and then only moves spaces;
     * <li>an apostrophe: inside a word see {@link #apostropheRule}; before a word see
     * {@link #apostropheBeforeWord}; after a token char and not before a word char a token of its
     * own where a literal space follows by the time the clitic rules run ({@code ([^'])' } and
     * {@code ([^' ])(') }, see {@link #spaceBefore}); else part of the token that follows;
     * <li>CONTRACTIONS2 ({@code can|not}, {@code d|'ye}, {@code gim|me}, {@code gon|na},
     * {@code got|ta}, {@code lem|me}, {@code more|'n}, {@code wan|na}) at word boundaries;
     * {@code wanna}'s {@code (?=\s)} is decided here only before whitespace, the sentence end or a
     * word char.
     * </ul>
     *
     * <p>The tokens together are then the sentence's non-whitespace chars in order (but for the
     * double quotes): the scan copies each such char once and records where tokens start and end,
     * in local variables that go back to {@code out} only when the whole sentence has been scanned.
     */
    private static boolean scan(char[] t, int from, int to, TokenBuffer out) {
        // At most two chars per char (" becomes `` or ''), and at most one token per char.
        out.reserve(2 * (to - from), to - from);
        final char[] oc = out.chars;
        final int[] os = out.starts;
        final int[] oe = out.ends;
        int o = out.charCount;
        int cnt = out.count;
        final int finalPeriod = finalPeriodIndex(t, from, to);
        // The pending token: open is 1 while one is open, started at output offset tok.
        int open = 0;
        int tok = o;
        // 1 if the previous char is not an ASCII word char (or there is none): only then can a
        // contraction start.
        int nonWordBefore = 1;
        // A comma or colon right after a comma or colon that is a token of its own.
        int consumed = -1;
        for (int i = from; i < to; i++) {
            final char c = t[i];
            final int k = kind(c);
            if (k <= K_SPACE) {
                // Word chars, other token chars and whitespace, most of the text: without branches
                // on the kind, which follow the text too irregularly to be predicted.
                if ((nonWordBefore & k) != 0 && i + 3 < to && maybeContraction(c, t[i + 1], t[i + 2])) {
                    // k == K_CONTRACTION after a non-word char: a word start.
                    final int m = contractionFor(t, from, i, to, open == 0);
                    if (m == GUESS) {
                        return false;
                    }
                    if (m >= 0) {
                        cnt = emitContraction(t, i, m, open, tok, o, cnt, out);
                        o = out.charCount;
                        i += CONTRACTION_LENGTH[m] - 1;
                        open = 0;
                        nonWordBefore = 0;
                        continue;
                    }
                }
                final int space = k >>> 2; // 1 for K_SPACE, else 0
                final int in = space ^ 1;
                // Record the pending token as ended here; it counts only if this char is a space.
                os[cnt] = tok;
                oe[cnt] = o;
                cnt += open & space;
                // A token char after none starts a token here.
                tok += (o - tok) & (open - 1);
                oc[o] = c;
                o += in;
                open = in;
                nonWordBefore = (k + 2) >>> 2; // 1 for K_PLAIN and K_SPACE
                if (k <= K_CONTRACTION) {
                    // Now inside a token, after an ASCII word char: more ASCII word chars only extend
                    // it (no contraction starts, nothing is recorded), so they are copied by a loop
                    // that decides nothing else. Most chars of prose go this way.
                    int r = i + 1;
                    while (r < to) {
                        final char d = t[r];
                        if (d >= KIND_TABLE_END || KIND[d] > K_CONTRACTION) {
                            break;
                        }
                        oc[o++] = d;
                        r++;
                    }
                    i = r - 1;
                }
                continue;
            }
            nonWordBefore = 1;
            // The other chars: j is the end of the token of its own that starts here, or i if
            // the char stays in the pending token.
            final int j;
            switch (k) {
                case K_PAD:
                case K_DOUBLE_QUOTE:
                    j = i + 1;
                    break;
                case K_COMMA_COLON:
                    if (i == consumed) {
                        // The char that ([:,])([^\d]) consumed after the previous comma or colon:
                        // a space before it, and no match of its own. Where ([:,])$ matches it,
                        // at the end, it is a token of its own anyway.
                        j = i;
                        break;
                    }
                    j = commaColonEnd(t, i, to);
                    if (j > i && j < to && (t[j] == ',' || t[j] == ':')) {
                        consumed = j;
                    }
                    break;
                case K_PERIOD:
                    j = i == finalPeriod ? i + 1 : periodRunEnd(t, i, to);
                    break;
                case K_DASH:
                    j = i + 1 < to && t[i + 1] == '-' ? i + 2 : i;
                    break;
                case K_APOSTROPHE: {
                    // Doubled apostrophes ('' rules) and backticks are left to the passes.
                    if ((i > from && t[i - 1] == '\'') || (i + 1 < to && (t[i + 1] == '\'' || t[i + 1] == '`'))) {
                        return false;
                    }
                    final int e = wordRunEnd(t, i + 1, to);
                    if (open != 0 && e > i + 1) {
                        // Inside a token, before a word char.
                        final long r = apostrophe(t, i, e, to, finalPeriod, tok, o, cnt, out);
                        if (r < 0) {
                            return false;
                        }
                        // r: the index of the apostrophe's last char, the token count, and whether
                        // the pending token goes on.
                        i = (int) (r >>> 32);
                        o = out.charCount;
                        open = (int) r & 1;
                        cnt = (int) r >>> 1;
                        continue;
                    }
                    if (open != 0) {
                        // Closing a token: ([^'])' and ([^' ])(') split it off where a literal
                        // space follows by then.
                        j = spaceBefore(t, i + 1, to, finalPeriod) ? i + 1 : i;
                    } else if (e == i + 1) {
                        // Alone or before a non-word char: no rule touches it.
                        j = i;
                    } else {
                        // Opening a word.
                        final int a = apostropheBeforeWord(t, from, i, e, to);
                        if (a < 0) {
                            return false;
                        }
                        if (a == AS_TIS) {
                            // " 't is " / " 't was ": 't, then the rest of the word.
                            os[cnt] = o;
                            oc[o++] = t[i++];
                            oc[o++] = t[i++];
                            oe[cnt++] = o;
                            j = e;
                        } else {
                            j = a == AS_ALONE ? i + 1 : i;
                        }
                    }
                    break;
                }
                default: // K_QUOTE
                    return false;
            }
            if (j == i) {
                if (open == 0) {
                    tok = o;
                    open = 1;
                }
                oc[o++] = c;
                continue;
            }
            // A token of its own: ends the pending token.
            if (open != 0) {
                os[cnt] = tok;
                oe[cnt++] = o;
                open = 0;
            }
            os[cnt] = o;
            if (k == K_DOUBLE_QUOTE) {
                // `` where it opens, else ''.
                final char q = opensQuote(t, from, i) ? '`' : '\'';
                oc[o++] = q;
                oc[o++] = q;
            } else {
                for (int m = i; m < j; m++) {
                    oc[o++] = t[m];
                }
                i = j - 1;
            }
            oe[cnt++] = o;
        }
        if (open != 0) {
            os[cnt] = tok;
            oe[cnt++] = o;
        }
        out.charCount = o;
        out.count = cnt;
        return true;
    }

    /**
     * For {@link #scan}: commits the pending token (if {@code open}) and the two parts of contraction
     * {@code m} at {@code t[i..)}; returns the token count, and leaves the char count in
     * {@code out.charCount}. Out of the scan's loop, which it runs too rarely to belong to.
     */
    private static int emitContraction(char[] t, int i, int m, int open, int tok, int o, int cnt, TokenBuffer out) {
        final char[] oc = out.chars;
        final int[] os = out.starts;
        final int[] oe = out.ends;
        if (open != 0) {
            os[cnt] = tok;
            oe[cnt++] = o;
        }
        final int split = i + CONTRACTIONS[m][0].length();
        final int end = i + CONTRACTION_LENGTH[m];
        os[cnt] = o;
        for (; i < split; i++) {
            oc[o++] = t[i];
        }
        oe[cnt++] = o;
        os[cnt] = o;
        for (; i < end; i++) {
            oc[o++] = t[i];
        }
        oe[cnt++] = o;
        out.charCount = o;
        return cnt;
    }

    /**
     * For {@link #scan}: applies {@link #apostropheRule} to the apostrophe at {@code i} inside the
     * pending token (from {@code tok}) and before the word chars {@code t[i+1..e)}, writing tokens
     * as the scan does. Returns -1 where the scan
     * cannot tell, else (index of the last char consumed) << 32 | (token count) << 1 | (1 if the
     * pending token goes on), with the char count left in {@code out.charCount}.
     */
    private static long apostrophe(char[] t, int i, int e, int to, int finalPeriod, int tok, int o, int cnt, TokenBuffer out) {
        if (e < to && (t[e] == '\'' || t[e] == '`')) {
            return -1;
        }
        final char[] oc = out.chars;
        final int[] os = out.starts;
        final int[] oe = out.ends;
        int last = i;
        int open = 0;
        switch (apostropheRule(t, i, e, to, finalPeriod)) {
            case A_SPLIT:
                // "X' Y", then "X ' Y": the apostrophe is a token of its own.
                os[cnt] = tok;
                oe[cnt++] = o;
                os[cnt] = o;
                oc[o++] = '\'';
                oe[cnt++] = o;
                break;
            case A_CLITIC:
                // "X 'Y " or "X 'YZ ": the clitic is a token of its own.
                os[cnt] = tok;
                oe[cnt++] = o;
                os[cnt] = o;
                for (int k = i; k < e; k++) {
                    oc[o++] = t[k];
                }
                oe[cnt++] = o;
                last = e - 1;
                break;
            case A_NT:
                // "n't " after a char of the same token: "do n't ".
                if (o - 1 > tok && oc[o - 2] != '\'') {
                    os[cnt] = tok;
                    oe[cnt++] = o - 1;
                    os[cnt] = o - 1;
                    oc[o++] = '\'';
                    oc[o++] = t[i + 1];
                    oe[cnt++] = o;
                    last = i + 1;
                    break;
                }
                oc[o++] = '\'';
                open = 1;
                break;
            default:
                // No rule splits it: part of the token.
                oc[o++] = '\'';
                open = 1;
                break;
        }
        out.charCount = o;
        return (long) last << 32 | (long) cnt << 1 | open;
    }

    /**
     * For {@link #scan}, at a comma or colon: {@code i + 1} where {@code ([:,])([^\d])} or
     * {@code ([:,])$} makes it a token of its own, {@code i} where it stays in its token (before a
     * digit).
     */
    private static int commaColonEnd(char[] t, int i, int to) {
        if (i + 1 == to) {
            return to;
        }
        final char next = t[i + 1];
        return (next < 128 ? next >= '0' && next <= '9' : PyChars.isDigit(PyChars.codePointAt(t, i + 1, to))) ? i : i + 1;
    }

    /** For {@link #scan}, at a period other than the final one: the end of its run if two or more long ({@code \.{2,}}), else {@code i}. */
    private static int periodRunEnd(char[] t, int i, int to) {
        int j = i + 1;
        while (j < to && t[j] == '.') {
            j++;
        }
        return j == i + 1 ? i : j;
    }

    // What the substitutions do to an apostrophe that opens a word (see apostropheBeforeWord).
    private static final int AS_PLAIN = 0;
    private static final int AS_ALONE = 1;
    private static final int AS_TIS = 2;

    /**
     * For {@link #scan}: the rule that applies to the apostrophe at {@code i}, which starts a token
     * and precedes the word chars {@code t[i+1..e)}; -1 where the scan cannot tell (a word char
     * precedes it, or a quote follows the word):
     * <ul>
     * <li>{@link #AS_ALONE}: one word char other than {@code mtsdn} (any case):
     * {@code (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b} puts a space after it;
     * <li>{@link #AS_TIS}: after a literal space, {@code (?i) ('t)(is)\b} and
     * {@code (?i) ('t)(was)\b} split the word after {@code 't};
     * <li>{@link #AS_PLAIN}: anything else: no clitic rule matches after a space, so it stays with
     * the word.
     * </ul>
     */
    private static int apostropheBeforeWord(char[] t, int from, int i, int e, int to) {
        if (e < to && (t[e] == '\'' || t[e] == '`')) {
            return -1;
        }
        boolean afterSpace = true;
        if (i > from) {
            final char b = t[i - 1];
            final int kb = kind(b);
            if (kb <= K_PLAIN) {
                // After a contraction or clitic split off just before: rare, left to the passes.
                return -1;
            }
            // Whitespace, or a char that was a token of its own (padded, a double quote, a
            // comma or colon, a final period or run of periods, a --) and has a space after it by
            // the time 't is matched; other whitespace than a space does not count.
            afterSpace = b == ' ' || kb != K_SPACE;
        }
        final int cp = PyChars.codePointAt(t, i + 1, to);
        if (e == i + 1 + Character.charCount(cp) && "mtsdnMTSDN".indexOf(cp) < 0) {
            return AS_ALONE;
        }
        if (afterSpace && (t[i + 1] == 't' || t[i + 1] == 'T')
                && ((e == i + 4 && regionMatchesIgnoreCase(t, i + 2, "is"))
                        || (e == i + 5 && regionMatchesIgnoreCase(t, i + 2, "was")))) {
            return AS_TIS;
        }
        return AS_PLAIN;
    }

    /** End of the run of word chars ({@code \w}, by code point) starting at {@code i}. */
    private static int wordRunEnd(char[] t, int i, int to) {
        while (i < to) {
            final char c = t[i];
            if (c < 128) {
                if (KIND[c] > K_CONTRACTION) {
                    break;
                }
                i++;
            } else {
                final int cp = PyChars.codePointAt(t, i, to);
                if (!PyChars.isWord(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
        }
        return i;
    }

    // What the substitutions do to an apostrophe inside a token (see apostropheRule).
    private static final int A_KEEP = 0;
    private static final int A_SPLIT = 1;
    private static final int A_CLITIC = 2;
    private static final int A_NT = 3;

    /**
     * For {@link #scan}: the rule that applies to the apostrophe at {@code i}, which follows a
     * non-apostrophe char X of the pending token and precedes the word chars {@code t[i+1..e)},
     * after which comes the sentence end or a non-word char other than a quote:
     * <ul>
     * <li>{@link #A_SPLIT}: one word char Y other than {@code mtsdn} (any case):
     * {@code (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b} gives "X' Y", then {@code ([^'])' } gives
     * "X ' Y";
     * <li>{@link #A_CLITIC}: {@code 's 'm 'd} (either case; {@code ([^' ])('[sS]|'[mM]|'[dD]|') }) or
     * {@code 'll 'LL 're 'RE 've 'VE} ({@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) }), each
     * only before a literal space in the text as ENDING_QUOTES sees it (see {@link #spaceBefore});
     * <li>{@link #A_NT}: {@code n't} or {@code N'T} there (X is the n), which splits only if a
     * char of the same token precedes the n;
     * <li>{@link #A_KEEP}: anything else, which no rule touches ({@code d'ye} and {@code more'n},
     * which no earlier rule changes, were split as contractions before the scan got here).
     * </ul>
     */
    private static int apostropheRule(char[] t, int i, int e, int to, int finalPeriod) {
        final char y = t[i + 1];
        if (y >= 128) {
            // No clitic starts with a non-ASCII char, and none lower-cases to m t s d n.
            return e == i + 1 + Character.charCount(PyChars.codePointAt(t, i + 1, to)) ? A_SPLIT : A_KEEP;
        }
        final int len = e - i - 1;
        if (len == 1) {
            switch (y) {
                case 'm': case 'M': case 's': case 'S': case 'd': case 'D':
                    return spaceBefore(t, e, to, finalPeriod) ? A_CLITIC : A_KEEP;
                case 't': case 'T':
                    return t[i - 1] == (y == 't' ? 'n' : 'N') && spaceBefore(t, e, to, finalPeriod) ? A_NT : A_KEEP;
                case 'n': case 'N':
                    return A_KEEP;
                default:
                    return A_SPLIT;
            }
        }
        if (len == 2) {
            final char z = t[i + 2];
            if (((y == 'l' && z == 'l') || (y == 'r' && z == 'e') || (y == 'v' && z == 'e')
                    || (y == 'L' && z == 'L') || (y == 'R' && z == 'E') || (y == 'V' && z == 'E'))
                    && spaceBefore(t, e, to, finalPeriod)) {
                return A_CLITIC;
            }
        }
        return A_KEEP;
    }

    /**
     * Whether the text as ENDING_QUOTES' clitic rules see it has a literal space at the place of
     * {@code t[e]} (the sentence end, or a non-word char after a word char): a space, the end (the
     * text was padded with one), or a char that an earlier rule padded: {@code ;@#$%&?!*[](){}<>},
     * {@code «“‘„»”’}, a double quote (a closing one here), a comma or colon not before a digit, the
     * final period, a run of periods, a {@code --}.
     */
    private static boolean spaceBefore(char[] t, int e, int to, int finalPeriod) {
        if (e == to) {
            return true;
        }
        final char c = t[e];
        switch (kind(c)) {
            case K_SPACE:
                return c == ' ';
            case K_PAD:
            case K_DOUBLE_QUOTE:
                return true;
            case K_COMMA_COLON:
                return e + 1 == to || !PyChars.isDigit(PyChars.codePointAt(t, e + 1, to));
            case K_PERIOD:
                return e == finalPeriod || (e + 1 < to && t[e + 1] == '.');
            case K_DASH:
                return e + 1 < to && t[e + 1] == '-';
            default:
                return false;
        }
    }

    private static int key(String s) {
        return s.charAt(0) << 16 | s.charAt(1) << 8 | s.charAt(2);
    }

    private static final int CAN = key("can");
    private static final int DYE = key("d'y");
    private static final int GIM = key("gim");
    private static final int GON = key("gon");
    private static final int GOT = key("got");
    private static final int LEM = key("lem");
    private static final int MOR = key("mor");
    private static final int WAN = key("wan");

    /**
     * A cheap first test, without branches, for a contraction starting with the chars
     * {@code a b c}: their first three letters, lower-cased by the ASCII case bit (which maps no
     * other ASCII char onto a letter, and onto the apostrophe only a control char), or a non-ASCII
     * char among the later two (which {@link #lower} may map onto one of them).
     */
    private static boolean maybeContraction(char a, char b, char c) {
        final int key = (a | 0x20) << 16 | (b | 0x20) << 8 | (c | 0x20);
        return ((b | c) >= 128) | key == CAN | key == DYE | key == GIM | key == GON | key == GOT
                | key == LEM | key == MOR | key == WAN;
    }

    /** {@link #contractionFor}'s answer where the scan cannot tell. */
    private static final int GUESS = -2;

    /**
     * For {@link #scan}: the index into {@link #CONTRACTIONS} of the contraction whose first letter
     * is at {@code i} (a word start if {@code afterBreak}, else if the char before is not a word
     * char), -1 if there is none, or {@link #GUESS} where the text may have changed after it by the
     * time the contractions are matched: {@code wanna} before a char that later rules may or may not
     * have padded ({@code (?=\s)}), or letters before an {@code n't} that may have been split off.
     */
    private static int contractionFor(char[] t, int from, int i, int to, boolean afterBreak) {
        if (!afterBreak && PyChars.isWord(codePointBefore(t, i - 1, from))) {
            return -1;
        }
        final int k = contractionLettersAt(t, i, to);
        if (k < 0) {
            return -1;
        }
        final int end = i + CONTRACTION_LENGTH[k];
        if (end == to) {
            // The padded text has a space after the sentence: \b and (?=\s) both hold.
            return k;
        }
        if (k == WANNA && PyChars.isSpace(t[end])) {
            return k;
        }
        if (PyChars.isWord(PyChars.codePointAt(t, end, to))) {
            // Only n't, split off before the contractions run, can put a space between word chars.
            return (t[end] == 'n' || t[end] == 'N') && end + 1 < to && t[end + 1] == '\'' ? GUESS : -1;
        }
        return k == WANNA ? GUESS : k;
    }

    /**
     * The period that the first final-period rule, {@code ([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$}, splits
     * off {@code t[from..to)}, or -1; as {@link #finalPeriod} finds it. In {@link #scan}'s sentences
     * only the padding of {@code «“‘„} and the opening double quotes run before that rule. The first
     * puts spaces next to chars that stop the backward scan anyway; the second turns closers into
     * {@code ``}, which stops it, so an opening double quote is no closer here.
     */
    private static int finalPeriodIndex(char[] t, int from, int to) {
        int wsStart = to;
        while (wsStart > from && PyChars.isSpace(t[wsStart - 1])) {
            wsStart--;
        }
        int p = wsStart - 1;
        while (p >= from && isCloser(t[p], true) && !(t[p] == '"' && opensQuote(t, from, p))) {
            p--;
        }
        return p > from && t[p] == '.' && t[p - 1] != '.' ? p : -1;
    }

    /**
     * Whether the double quote at {@code i} becomes {@code ``}: at the start of the sentence
     * ({@code ^"}), or after a space or opening bracket ({@code ([ \(\[{<])(\"|\'{2})}) in the text
     * as STARTING_QUOTES leaves it, where {@code «“‘„} have a space after them, and so has the
     * {@code ``} that {@code ^"} made (backticks would too, but the scan leaves sentences with one
     * to the passes). Other double quotes become {@code ''} in ENDING_QUOTES, and until then they
     * are closers for the final-period rules.
     */
    private static boolean opensQuote(char[] t, int from, int i) {
        if (i == from || (i == from + 1 && t[from] == '"')) {
            return true;
        }
        switch (t[i - 1]) {
            case ' ': case '(': case '[': case '{': case '<':
            case '\u00AB': case '\u201C': case '\u2018': case '\u201E':
                return true;
            default:
                return false;
        }
    }

    /** NLTK's word tokenizer as its substitutions, one pass each; for any sentence. */
    static void tokenizeByPasses(char[] text, int from, int to, TokenBuffer out) {
        final int len = to - from;
        if (len <= 0) {
            return;
        }
        Work w = out.work;
        w.s = out.scratchA(len + 16);
        w.d = out.scratchB(3 * len + 16);
        int flags = 0;
        char[] s = w.s;
        char prev = 0;
        for (int i = 0; i < len; i++) {
            char c = text[from + i];
            s[i] = c;
            flags |= flag(c);
            if (c == prev && (c == '.' || c == '\'')) {
                flags |= c == '.' ? F_PERIOD_RUN : F_DOUBLE_APOS;
            }
            prev = c;
        }
        w.n = len;
        run(w, flags);
        split(w.s, w.n, out);
        out.scratchA = w.s;
        out.scratchB = w.d;
    }

    private static void run(Work w, int flags) {
        // STARTING_QUOTES
        if ((flags & (F_OPEN_QUOTE | F_BACKTICK)) != 0) {
            w.swap(padOpenQuotes(w.s, w.n, w.dst()));
        }
        if ((flags & F_DQUOTE) != 0 && w.s[0] == '"') {
            // ^" becomes ``
            char[] d = w.dst();
            d[0] = '`';
            d[1] = '`';
            System.arraycopy(w.s, 1, d, 2, w.n - 1);
            w.swap(w.n + 1);
            flags |= F_BACKTICK;
        }
        if ((flags & F_BACKTICK) != 0) {
            w.swap(padPairs(w.s, w.n, w.dst(), '`'));
        }
        if ((flags & (F_DQUOTE | F_APOS)) != 0) {
            w.swap(openingQuotes(w.s, w.n, w.dst()));
        }
        if ((flags & F_APOS) != 0) {
            w.swap(apostropheSingleChar(w.s, w.n, w.dst()));
        }
        // PUNCTUATION
        if ((flags & F_PERIOD) != 0) {
            finalPeriod(w, true);
        }
        if ((flags & F_COLON_COMMA) != 0) {
            w.swap(colonComma(w.s, w.n, w.dst()));
        }
        if ((flags & F_PERIOD_RUN) != 0) {
            w.swap(periodRuns(w.s, w.n, w.dst()));
        }
        if ((flags & F_SYMBOL) != 0) {
            w.swap(padEach(w.s, w.n, w.dst(), F_SYMBOL));
        }
        if ((flags & F_PERIOD) != 0) {
            finalPeriod(w, false);
        }
        if ((flags & F_QM) != 0) {
            w.swap(padEach(w.s, w.n, w.dst(), F_QM));
        }
        if ((flags & F_APOS) != 0) {
            w.swap(apostropheBeforeSpace(w.s, w.n, w.dst()));
        }
        if ((flags & F_STAR) != 0) {
            w.swap(padEach(w.s, w.n, w.dst(), F_STAR));
        }
        if ((flags & F_BRACKET) != 0) {
            w.swap(padEach(w.s, w.n, w.dst(), F_BRACKET));
        }
        if ((flags & F_DASH) != 0) {
            w.swap(padPairs(w.s, w.n, w.dst(), '-'));
        }
        // text = " " + text + " "
        {
            char[] d = w.dst();
            d[0] = ' ';
            System.arraycopy(w.s, 0, d, 1, w.n);
            d[w.n + 1] = ' ';
            w.swap(w.n + 2);
        }
        // ENDING_QUOTES
        if ((flags & F_CLOSE_QUOTE) != 0) {
            w.swap(padEach(w.s, w.n, w.dst(), F_CLOSE_QUOTE));
        }
        if ((flags & F_DOUBLE_APOS) != 0) {
            w.swap(padPairs(w.s, w.n, w.dst(), '\''));
        }
        if ((flags & F_DQUOTE) != 0) {
            w.swap(closingDoubleQuotes(w.s, w.n, w.dst()));
        }
        if ((flags & F_APOS) != 0) {
            w.swap(clitics(w.s, w.n, w.dst()));
            w.swap(longClitics(w.s, w.n, w.dst()));
        }
        // CONTRACTIONS2 / CONTRACTIONS3
        if (hasContractionCandidate(w.s, w.n)) {
            w.swap(contractions(w.s, w.n, w.dst()));
        }
        if ((flags & F_APOS) != 0) {
            w.swap(tis(w.s, w.n, w.dst()));
        }
    }

    /** {@code ([«“‘„]|[`]+)} → {@code " \1 "}. */
    private static int padOpenQuotes(char[] s, int n, char[] d) {
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c == '\u00AB' || c == '\u201C' || c == '\u2018' || c == '\u201E') {
                d[o++] = ' ';
                d[o++] = c;
                d[o++] = ' ';
            } else if (c == '`') {
                d[o++] = ' ';
                while (i < n && s[i] == '`') {
                    d[o++] = s[i++];
                }
                i--;
                d[o++] = ' ';
            } else {
                d[o++] = c;
            }
        }
        return o;
    }

    /** Non-overlapping {@code cc} (doubled {@code c}) → {@code " cc "}. */
    private static int padPairs(char[] s, int n, char[] d, char c) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if (s[i] == c && i + 1 < n && s[i + 1] == c) {
                d[o++] = ' ';
                d[o++] = c;
                d[o++] = c;
                d[o++] = ' ';
                i += 2;
            } else {
                d[o++] = s[i++];
            }
        }
        return o;
    }

    /**
     * Every char of one class → {@code " c "}. The classes are the flags: {@code ;@#$%&}, {@code ?!},
     * {@code *}, {@code [](){}<>} and {@code »”’}, each exactly one flag bit, so the test is a table
     * load rather than a search of the set.
     */
    private static int padEach(char[] s, int n, char[] d, int flagClass) {
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if ((flag(c) & flagClass) != 0) {
                d[o++] = ' ';
                d[o++] = c;
                d[o++] = ' ';
            } else {
                d[o++] = c;
            }
        }
        return o;
    }

    /** {@code ([ \(\[{<])(\"|\'{2})} → {@code "\1 `` "}: quotes after a space or opening bracket open. */
    private static int openingQuotes(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if ((c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') && i + 1 < n) {
                int q = 0;
                if (s[i + 1] == '"') {
                    q = 1;
                } else if (s[i + 1] == '\'' && i + 2 < n && s[i + 2] == '\'') {
                    q = 2;
                }
                if (q > 0) {
                    d[o++] = c;
                    d[o++] = ' ';
                    d[o++] = '`';
                    d[o++] = '`';
                    d[o++] = ' ';
                    i += 1 + q;
                    continue;
                }
            }
            d[o++] = c;
            i++;
        }
        return o;
    }

    /** {@code (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b} → {@code "\1 \2"}. */
    private static int apostropheSingleChar(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if (s[i] == '\'' && i + 1 < n) {
                int x = PyChars.codePointAt(s, i + 1, n);
                int xl = Character.charCount(x);
                int after = i + 1 + xl;
                if (PyChars.isWord(x) && !excludedAfterApostrophe(s, i + 1, n)
                        && (after >= n || !PyChars.isWord(PyChars.codePointAt(s, after, n)))) {
                    d[o++] = '\'';
                    d[o++] = ' ';
                    for (int k = i + 1; k < after; k++) {
                        d[o++] = s[k];
                    }
                    i = after;
                    continue;
                }
            }
            d[o++] = s[i++];
        }
        return o;
    }

    private static boolean excludedAfterApostrophe(char[] s, int i, int n) {
        char a = Character.toLowerCase(s[i]);
        if (a == 'm' || a == 't' || a == 's' || a == 'd' || a == 'n') {
            return true;
        }
        if (i + 1 >= n) {
            return false;
        }
        char b = Character.toLowerCase(s[i + 1]);
        return (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l');
    }

    private static boolean isCloser(char c, boolean wide) {
        switch (c) {
            case ']': case ')': case '}': case '>': case '"': case '\'':
                return true;
            case '\u00BB': case '\u201D': case '\u2019': case ' ':
                return wide;
            default:
                return false;
        }
    }

    /**
     * The final-period rules, {@code ([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$ → "\1 \2 \3 "} (wide) and
     * {@code ([^\.])(\.)([\]\)}>"\']*)\s*$ → "\1 \2\3 "}: a period followed only by closing brackets,
     * quotes and whitespace up to the end of the sentence is split off.
     */
    private static void finalPeriod(Work w, boolean wide) {
        final char[] s = w.s;
        final int n = w.n;
        int wsStart = n;
        while (wsStart > 0 && PyChars.isSpace(s[wsStart - 1])) {
            wsStart--;
        }
        int closersStart = wsStart;
        while (closersStart > 0 && isCloser(s[closersStart - 1], wide)) {
            closersStart--;
        }
        int p = closersStart - 1;
        if (p < 1 || s[p] != '.' || s[p - 1] == '.') {
            // No match: leave the text as it is rather than copying it.
            return;
        }
        final char[] d = w.dst();
        // The greedy closer group ends where the trailing whitespace-only run starts, except that
        // spaces belong to the (wide) closer group first.
        int groupEnd = closersStart;
        while (groupEnd < n && isCloser(s[groupEnd], wide)) {
            groupEnd++;
        }
        int o = p;
        System.arraycopy(s, 0, d, 0, p);
        d[o++] = ' ';
        d[o++] = '.';
        if (wide) {
            d[o++] = ' ';
        }
        for (int k = p + 1; k < groupEnd; k++) {
            d[o++] = s[k];
        }
        d[o++] = ' ';
        w.swap(o);
    }

    /** {@code ([:,])([^\d]) → " \1 \2"} then {@code ([:,])$ → " \1 "}. */
    private static int colonComma(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if ((c == ':' || c == ',') && i + 1 < n && !PyChars.isDigit(PyChars.codePointAt(s, i + 1, n))) {
                d[o++] = ' ';
                d[o++] = c;
                d[o++] = ' ';
                d[o++] = s[i + 1];
                i += 2;
            } else {
                d[o++] = c;
                i++;
            }
        }
        // ([:,])$ — Python's $ also matches before a final newline.
        int last = o - 1;
        if (last >= 0 && d[last] == '\n') {
            last--;
        }
        if (last >= 0 && (d[last] == ':' || d[last] == ',')) {
            char c = d[last];
            int tail = o - last - 1;
            // shift the optional trailing newline right by two
            if (tail == 1) {
                d[last + 3] = '\n';
            }
            d[last] = ' ';
            d[last + 1] = c;
            d[last + 2] = ' ';
            o += 2;
        }
        return o;
    }

    /** {@code \.{2,} → " \g<0> "}. */
    private static int periodRuns(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if (s[i] == '.' && i + 1 < n && s[i + 1] == '.') {
                d[o++] = ' ';
                while (i < n && s[i] == '.') {
                    d[o++] = s[i++];
                }
                d[o++] = ' ';
            } else {
                d[o++] = s[i++];
            }
        }
        return o;
    }

    /** {@code ([^'])' → "\1 ' "} (a quote before a literal space closes). */
    private static int apostropheBeforeSpace(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if (i + 2 < n && s[i] != '\'' && s[i + 1] == '\'' && s[i + 2] == ' ') {
                d[o++] = s[i];
                d[o++] = ' ';
                d[o++] = '\'';
                d[o++] = ' ';
                i += 3;
            } else {
                d[o++] = s[i++];
            }
        }
        return o;
    }

    /** {@code " → " '' "}. */
    private static int closingDoubleQuotes(char[] s, int n, char[] d) {
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c == '"') {
                d[o++] = ' ';
                d[o++] = '\'';
                d[o++] = '\'';
                d[o++] = ' ';
            } else {
                d[o++] = c;
            }
        }
        return o;
    }

    /** {@code ([^' ])('[sS]|'[mM]|'[dD]|') → "\1 \2 "}. */
    private static int clitics(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if (c != '\'' && c != ' ' && i + 2 < n && s[i + 1] == '\'') {
                char x = s[i + 2];
                if ((x == 's' || x == 'S' || x == 'm' || x == 'M' || x == 'd' || x == 'D')
                        && i + 3 < n && s[i + 3] == ' ') {
                    d[o++] = c;
                    d[o++] = ' ';
                    d[o++] = '\'';
                    d[o++] = x;
                    d[o++] = ' ';
                    i += 4;
                    continue;
                }
                if (x == ' ') {
                    d[o++] = c;
                    d[o++] = ' ';
                    d[o++] = '\'';
                    d[o++] = ' ';
                    i += 3;
                    continue;
                }
            }
            d[o++] = s[i++];
        }
        return o;
    }

    private static final String[] LONG_CLITICS = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};

    /** {@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) → "\1 \2 "}. */
    private static int longClitics(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        outer:
        while (i < n) {
            char c = s[i];
            if (c != '\'' && c != ' ' && i + 4 < n && s[i + 4] == ' ' && (s[i + 2] == '\'' || s[i + 1] == '\'')) {
                for (String cl : LONG_CLITICS) {
                    if (s[i + 1] == cl.charAt(0) && s[i + 2] == cl.charAt(1) && s[i + 3] == cl.charAt(2)) {
                        d[o++] = c;
                        d[o++] = ' ';
                        d[o++] = s[i + 1];
                        d[o++] = s[i + 2];
                        d[o++] = s[i + 3];
                        d[o++] = ' ';
                        i += 5;
                        continue outer;
                    }
                }
            }
            d[o++] = s[i++];
        }
        return o;
    }

    /** MacIntyre contractions: (first part, second part) split at a word boundary, case-insensitive. */
    private static final String[][] CONTRACTIONS = {
        {"can", "not"}, {"d", "'ye"}, {"gim", "me"}, {"gon", "na"}, {"got", "ta"}, {"lem", "me"},
        {"more", "'n"}, {"wan", "na"},
    };

    private static final int WANNA = 7;

    /** Total length of each of {@link #CONTRACTIONS}. */
    private static final int[] CONTRACTION_LENGTH = new int[CONTRACTIONS.length];

    /** Each of {@link #CONTRACTIONS} as one char array, for matching without String.charAt. */
    private static final char[][] CONTRACTION_CHARS = new char[CONTRACTIONS.length][];

    static {
        for (int k = 0; k < CONTRACTIONS.length; k++) {
            CONTRACTION_LENGTH[k] = CONTRACTIONS[k][0].length() + CONTRACTIONS[k][1].length();
            CONTRACTION_CHARS[k] = (CONTRACTIONS[k][0] + CONTRACTIONS[k][1]).toCharArray();
        }
    }

    private static boolean hasContractionCandidate(char[] s, int n) {
        for (int i = 0; i + 1 < n; i++) {
            // Only c d g l m w (either case) can start one; the word-boundary test is the costlier.
            final char c = s[i];
            if (c < 128 && KIND[c] == K_CONTRACTION
                    && (i == 0 || !PyChars.isWord(PyChars.codePointBefore(s, i - 1)))
                    && contractionAt(s, i, n) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@link Character#toLowerCase(char)}, without its table lookup for ASCII. */
    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    /**
     * Index into {@link #CONTRACTIONS} of the contraction starting at word start {@code i}, or -1:
     * its letters (see {@link #contractionLettersAt}), then {@code \b} after it, or for wanna
     * {@code (?=\s)}.
     */
    private static int contractionAt(char[] s, int i, int n) {
        final int k = contractionLettersAt(s, i, n);
        if (k < 0) {
            return -1;
        }
        final int end = i + CONTRACTION_LENGTH[k];
        if (k == WANNA) {
            return end < n && PyChars.isSpace(s[end]) ? k : -1;
        }
        return end >= n || !PyChars.isWord(PyChars.codePointAt(s, end, n)) ? k : -1;
    }

    /**
     * Index into {@link #CONTRACTIONS} of the one whose letters (case-insensitively) start at
     * {@code i}, or -1. The first letter picks the candidates: only {@code C}/{@code c} lower-cases
     * to {@code c} and so on ({@link Character#toLowerCase(char)} maps no non-ASCII char to
     * {@code c d g l m w}), and for {@code g} the three candidates differ in their later letters.
     */
    private static int contractionLettersAt(char[] s, int i, int n) {
        switch (s[i] | 0x20) {
            case 'c':
                return lettersAt(s, i, n, 0);
            case 'd':
                return lettersAt(s, i, n, 1);
            case 'g': {
                int k = lettersAt(s, i, n, 2);
                if (k < 0) {
                    k = lettersAt(s, i, n, 3);
                }
                return k < 0 ? lettersAt(s, i, n, 4) : k;
            }
            case 'l':
                return lettersAt(s, i, n, 5);
            case 'm':
                return lettersAt(s, i, n, 6);
            case 'w':
                return lettersAt(s, i, n, WANNA);
            default:
                return -1;
        }
    }

    private static int lettersAt(char[] s, int i, int n, int k) {
        final char[] lower = CONTRACTION_CHARS[k];
        if (i + lower.length > n) {
            return -1;
        }
        for (int j = 0; j < lower.length; j++) {
            final char c = s[i + j];
            final char l = lower[j];
            if (c != l && lower(c) != l) {
                return -1;
            }
        }
        return k;
    }

    private static boolean regionMatchesIgnoreCase(char[] s, int at, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            char c = s[at + k];
            char l = lower.charAt(k);
            if (c != l && lower(c) != l) {
                return false;
            }
        }
        return true;
    }

    /** The code point ending at {@code i} (inclusive), not looking before {@code from}. */
    private static int codePointBefore(char[] s, int i, int from) {
        return i > from ? PyChars.codePointBefore(s, i) : s[i];
    }

    private static int contractions(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if ((i == 0 || !PyChars.isWord(PyChars.codePointBefore(s, i - 1))) && PyChars.isWord(s[i])) {
                int k = contractionAt(s, i, n);
                if (k >= 0) {
                    int la = CONTRACTIONS[k][0].length();
                    int lb = CONTRACTIONS[k][1].length();
                    d[o++] = ' ';
                    for (int j = 0; j < la; j++) {
                        d[o++] = s[i + j];
                    }
                    d[o++] = ' ';
                    for (int j = 0; j < lb; j++) {
                        d[o++] = s[i + la + j];
                    }
                    d[o++] = ' ';
                    i += la + lb;
                    continue;
                }
            }
            d[o++] = s[i++];
        }
        return o;
    }

    /** {@code (?i) ('t)(is)\b} and {@code (?i) ('t)(was)\b} → {@code " \1 \2 "}. */
    private static int tis(char[] s, int n, char[] d) {
        int o = 0;
        int i = 0;
        while (i < n) {
            if (s[i] == ' ' && i + 3 < n && s[i + 1] == '\'' && (s[i + 2] == 't' || s[i + 2] == 'T')) {
                int rest = i + 5 <= n && regionMatchesIgnoreCase(s, i + 3, "is") ? 2
                        : i + 6 <= n && regionMatchesIgnoreCase(s, i + 3, "was") ? 3 : 0;
                int end = i + 3 + rest;
                if (rest > 0 && (end >= n || !PyChars.isWord(PyChars.codePointAt(s, end, n)))) {
                    d[o++] = ' ';
                    d[o++] = ' ';
                    d[o++] = '\'';
                    d[o++] = s[i + 2];
                    d[o++] = ' ';
                    for (int j = i + 3; j < end; j++) {
                        d[o++] = s[j];
                    }
                    d[o++] = ' ';
                    i = end;
                    continue;
                }
            }
            d[o++] = s[i++];
        }
        return o;
    }

    /** Python {@code str.split()}: maximal runs of non-whitespace. */
    private static void split(char[] s, int n, TokenBuffer out) {
        int i = 0;
        while (i < n) {
            while (i < n && PyChars.isSpace(s[i])) {
                i++;
            }
            int start = i;
            while (i < n && !PyChars.isSpace(s[i])) {
                i++;
            }
            if (i > start) {
                out.add(s, start, i);
            }
        }
    }
}
