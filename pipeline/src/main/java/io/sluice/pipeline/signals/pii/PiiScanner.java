package io.sluice.pipeline.signals.pii;

import io.sluice.pipeline.text.CharScratch;
import java.util.Locale;
import java.util.Set;

/**
 * Finds personal data and secrets in text: emails, phone numbers, IPv4/IPv6 addresses, payment card
 * numbers (Luhn), IBANs (mod 97, per-country length), US SSNs and secrets (AWS access key ids,
 * private key blocks, GitHub/Slack/Google/Stripe/OpenAI-style tokens, JWTs).
 *
 * <p>E-mail addresses are found plain ({@code name@example.org}) and as contact pages hide them from
 * harvesters ({@code info(at)example(dot)de}, see {@link ObfuscatedEmails}).
 *
 * <p>Hand-written char loops instead of regular expressions: one left-to-right pass dispatching on
 * the character at each word start, so the cost is linear with no backtracking, and a clean text
 * costs one branch per character. Emails get their own pass, run only when the text contains
 * {@code '@'}. Every matcher is anchored at a word start and bounded in length.
 *
 * <p>Phone numbers are the hard kind, because running text is full of digit groups. A candidate is
 * a run of digit groups joined by single spaces, hyphens, dots or an area code in parentheses; it
 * counts only in one of these shapes: international ({@code +} then 8-15 digits, also written
 * {@code +44(0)20 …}, {@code +(370) …} or {@code (+358) …}, or {@code 00} then 8-13), North American
 * ({@code (212) 555-0123}, {@code 212-555-0123}, {@code 212.555.0123}, {@code 514 555-0123},
 * {@code 212 555 0123} when no digit group follows, with an optional leading {@code 1}), national
 * trunk-prefixed ({@code 0} then 9-11 more digits in groups, e.g. {@code 020 7946 0958}, {@code 06 12 34
 * 56 78}, {@code 030/1234567}, {@code 069 / 920 77 00}; 8 more after a short area code set off by a
 * hyphen or slash, {@code 03-684-0973}; 7-12 more after a trunk area code in parentheses, {@code
 * (0561) 68380667}), and a few national forms of their own (Russia's pairs, Brazil's, India's 5-5).
 * Dates, years, decimals, amounts and document references ({@code A5-0123/2003}) fail these shapes or
 * the boundary checks (no letter, digit, {@code /}, {@code -} or {@code .} glued to either end); an
 * extension ({@code x123}, {@code ext. 12}) belongs to the number ({@link PhoneExtensions}). Bare runs
 * of digits without a leading {@code +} or {@code 0} are never phones: recall is traded for
 * precision, since a false positive costs a good document. The exception is a number right after a
 * word or phrase that announces one ("Tel.:", "Fax", "Telefon", "call me at", "appelez-nous au"),
 * which may take any grouping ({@link CuedPhoneNumbers}).
 *
 * <p>Thread-confined: the returned {@link PiiMatches} is reused by the next {@link #scan}.
 */
public final class PiiScanner {

    private static final int MAX_GROUPS = 12;

    private final PiiMatches matches = new PiiMatches();
    // Digit-group parse of the current numeric candidate, reused.
    private final int[] groupStart = new int[MAX_GROUPS];
    private final int[] groupEnd = new int[MAX_GROUPS];
    private final char[] groupSep = new char[MAX_GROUPS];
    private int groups;
    /**
     * Whether and how the current candidate writes an international prefix: {@code +} before its first
     * group ({@link #PLUS}, {@link #PAREN_AFTER_PLUS}) or inside its opening parenthesis ({@link #PLUS_IN_PAREN}).
     */
    private int international;
    private static final int NATIONAL = 0;
    private static final int PLUS = 1;
    private static final int PAREN_AFTER_PLUS = 2;
    private static final int PLUS_IN_PAREN = 3;
    /** Per candidate of {@link #card}: its last group and its digit count (12-19 digits: at most 8 candidates). */
    private final int[] cardGroups = new int[8];
    private final int[] cardDigits = new int[8];
    /** The text being scanned, as an array for the per-char loop. */
    private char[] chars = new char[4096];
    /**
     * The first colon at or after the last position asked about ({@link #colonFrom}), or the text's
     * length when there is none; -1 before the first question of a scan.
     */
    private int nextColon;
    /** The end of the last span the scan has passed (added, consumed or a plain e-mail jumped over). */
    private int spansEnd;
    /** The three-part numbers of the text being scanned, indexed at the first section-like quad. */
    private final VersionOrSectionCue.Parents parents = new VersionOrSectionCue.Parents();

    /** {@link #OPENS}: the char can start a match only at a word start ({@link #matchAt}). */
    private static final byte OPENS_AT_WORD_START = 1;
    /** {@link #OPENS}: the char can also start an obfuscated e-mail's at-sign marker, anywhere. */
    private static final byte OPENS_ANYWHERE = 2;
    /** Per ASCII char, whether and where it can start a match; no other char starts one. */
    private static final byte[] OPENS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            OPENS[c] = OPENS_AT_WORD_START;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            OPENS[c] = OPENS_AT_WORD_START;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            OPENS[c] = OPENS_AT_WORD_START;
        }
        for (char c : "+:-gxsrnph".toCharArray()) {
            OPENS[c] = OPENS_AT_WORD_START;
        }
        for (char c = 0; c < 128; c++) {
            if (ObfuscatedEmails.opensMarker(c)) {
                OPENS[c] = OPENS_ANYWHERE;
            }
        }
    }

    /** The result of the last {@link #scan}, valid until the next one. */
    PiiMatches lastMatches() {
        return matches;
    }

    /**
     * Scans {@code text}; the result is valid until the next call. Digits of other scripts and
     * full-width ASCII are read as ASCII ({@link ScanForm}); spans are spans of {@code text}.
     */
    public PiiMatches scan(String original) {
        final String text = ScanForm.of(original);
        PiiMatches m = matches;
        m.clear();
        nextColon = -1;
        spansEnd = 0;
        parents.reset();
        final int n = text.length();
        if (text.indexOf('@') >= 0 || text.indexOf(FULLWIDTH_AT) >= 0) {
            findEmails(text, m);
        }
        final int emails = m.size();
        int nextEmail = 0;
        int limit = emails > 0 ? m.start(0) : n;
        final char[] t = chars = CharScratch.load(text, chars);
        int i = 0;
        while (i < n) {
            if (i >= limit) {
                i = spansEnd = m.end(nextEmail);
                nextEmail++;
                limit = nextEmail < emails ? m.start(nextEmail) : n;
                continue;
            }
            final char c = t[i];
            int end = -1;
            // Only a char that can open a match is tried (see matchAt): most positions are ruled
            // out by one table load, without a call.
            final int opens = c < 128 ? OPENS[c] : 0;
            if (opens == OPENS_AT_WORD_START) {
                if (i == 0 || !isWordChar(t[i - 1])) {
                    end = matchAt(text, i, c, limit, m);
                }
            } else if (opens == OPENS_ANYWHERE) {
                end = markerOrMatchAt(text, i, c, limit, m);
            }
            if (end > i) {
                i = spansEnd = end;
                continue;
            }
            i++;
            if (isWordChar(c)) {
                // No position inside a word starts a match: run to its end in a loop that does
                // nothing else (most chars of a text are in words).
                while (i < limit && isWordChar(t[i])) {
                    i++;
                }
            }
        }
        if (emails > 0 && m.size() > emails) {
            m.sort();
        }
        return m;
    }

    /**
     * At an opening bracket or an at-sign: an obfuscated e-mail's at-sign marker, which follows its
     * local part ("info(at)example(dot)de"), else, at a word start, whatever {@link #matchAt} finds
     * ("(212) 555-0123"). Kept out of the scan loop, which it would otherwise make larger for every char.
     */
    private int markerOrMatchAt(String t, int i, char c, int limit, PiiMatches m) {
        int end = ObfuscatedEmails.at(t, i, spansEnd, limit, m);
        if (end < 0 && (i == 0 || !isWordChar(t.charAt(i - 1)))) {
            end = matchAt(t, i, c, limit, m);
        }
        return end;
    }

    private int matchAt(String t, int i, char c, int limit, PiiMatches m) {
        if (c >= '0' && c <= '9') {
            int e = ipv6(t, i, limit, m);
            if (e > 0) {
                return e;
            }
            e = ApiTokens.telegram(t, i, limit, m);
            if (e > 0) {
                return e;
            }
            return numeric(t, i, limit, m);
        }
        switch (c) {
            case '+':
            case '(':
                return numeric(t, i, limit, m);
            case ':':
                return ipv6(t, i, limit, m);
            case '-':
                return privateKey(t, i, limit, m);
            case 'g': {
                int e = github(t, i, limit, m);
                e = e > 0 ? e : ApiTokens.gitlab(t, i, limit, m);
                return e > 0 ? e : ApiTokens.prefixedToken(t, i, limit, m);
            }
            case 'n':
                return ApiTokens.npm(t, i, limit, m);
            case 'p': {
                int e = ApiTokens.pypi(t, i, limit, m);
                return e > 0 ? e : ApiTokens.prefixedToken(t, i, limit, m);
            }
            case 'h': {
                int e = ApiTokens.huggingFaceOrSlackHook(t, i, limit, m);
                return e > 0 ? e : ApiTokens.prefixedToken(t, i, limit, m);
            }
            case 'x':
                return slack(t, i, limit, m);
            case 'e':
                return c == 'e' && t.startsWith("eyJ", i) ? jwt(t, i, limit, m) : ipv6(t, i, limit, m);
            case 's': {
                int e = stripeOrOpenAi(t, i, limit, m);
                e = e > 0 ? e : ApiTokens.shopify(t, i, limit, m);
                return e > 0 ? e : ApiTokens.prefixedToken(t, i, limit, m);
            }
            case 'r':
                return stripeOrOpenAi(t, i, limit, m);
            default:
                break;
        }
        if (c >= 'A' && c <= 'Z') {
            int e = iban(t, i, limit, m);
            if (e < 0 && c == 'A') {
                e = awsOrGoogle(t, i, limit, m);
                if (e < 0) {
                    e = ApiTokens.awsSecretOrAzureKey(t, i, limit, m);
                }
            } else if (e < 0 && c == 'S') {
                e = ApiTokens.sendGridOrAwsSecret(t, i, limit, m);
            }
            if (e < 0 && c == 'A') {
                e = ObfuscatedEmails.upperCaseSpelledAt(t, i, spansEnd, limit, m);
            }
            if (e < 0 && (c == 'A' || c == 'P' || c == 'S')) {
                e = ApiTokens.prefixedToken(t, i, limit, m);
            }
            if (e < 0 && c <= 'F') {
                e = ipv6(t, i, limit, m);
            }
            return e;
        }
        if (c >= 'a' && c <= 'f') {
            int e = c == 'a' ? ApiTokens.awsSecretOrAzureKey(t, i, limit, m)
                    : c == 'd' ? ApiTokens.digitalOcean(t, i, limit, m) : -1;
            if (e < 0 && c == 'd') {
                e = ApiTokens.prefixedToken(t, i, limit, m);
            }
            return e > 0 ? e : ipv6(t, i, limit, m);
        }
        return -1;
    }

    // ---------------------------------------------------------------- emails

    /**
     * The full-width at-sign. Japanese and Chinese contact pages write addresses with it
     * ("info＠example.co.jp") so that harvesters looking for '@' pass them by.
     */
    private static final char FULLWIDTH_AT = '\uff20';

    /**
     * The at-signs of a text in order, '@' and full-width alike. Each kind's next position is searched
     * only once the reader has passed the last one found: searching both from every at-sign would read
     * the rest of the text once per at-sign of the other kind (a megabyte of "a＠" took 2.9 s).
     */
    private static final class AtSigns {
        private final String t;
        private int ascii;
        private int wide;

        AtSigns(String t) {
            this.t = t;
            this.ascii = t.indexOf('@');
            this.wide = t.indexOf(FULLWIDTH_AT);
        }

        /** The first at-sign at or after {@code from}, or -1. */
        int from(int from) {
            if (ascii >= 0 && ascii < from) {
                ascii = t.indexOf('@', from);
            }
            if (wide >= 0 && wide < from) {
                wide = t.indexOf(FULLWIDTH_AT, from);
            }
            return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
        }
    }

    private static void findEmails(String t, PiiMatches m) {
        final int n = t.length();
        final AtSigns atSigns = new AtSigns(t);
        int at = atSigns.from(0);
        int lastEnd = 0;
        while (at >= 0) {
            int s = at;
            while (s > lastEnd && isLocalChar(t.charAt(s - 1)) && at - s < 64) {
                s--;
            }
            int userInfo = ApiTokens.userInfoStart(t, s, at);
            if (userInfo >= 0) {
                // "postgres://app:s3cr3t@db.example.com/": a password, not an address, whatever the host.
                // Documentation's placeholders ("user:pass@host") are neither.
                if (ApiTokens.passwordLike(t, s, at)) {
                    m.add(userInfo, at, PiiKind.SECRET);
                }
                lastEnd = at + 1;
                at = atSigns.from(at + 1);
                continue;
            }
            while (s < at && (t.charAt(s) == '.' || t.charAt(s) == '-')) {
                s++;
            }
            int e = at + 1;
            while (e < n && isDomainChar(t.charAt(e)) && e - at < 255) {
                e++;
            }
            while (e > at + 1 && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) {
                e--;
            }
            if (s < at && validDomain(t, at + 1, e) && !fileExtension(t, at + 1, e)) {
                m.add(s, e, PiiKind.EMAIL);
                lastEnd = e;
                at = atSigns.from(e);
            } else {
                at = atSigns.from(at + 1);
            }
        }
    }

    /**
     * File-name extensions that are no top-level domain: "logo@2x.png", "icon@3x.webp" (image names
     * with a pixel-density suffix) and "style@v2.css" are file names, not addresses.
     */
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif",
            "svg", "webp", "bmp", "ico", "tif", "tiff", "avif", "heic", "css", "js", "mjs", "json", "xml", "html",
            "htm", "php", "asp", "aspx", "jsp", "txt", "pdf", "mp3", "mp4", "wav", "ogg", "webm", "woff", "woff2",
            "ttf", "eot", "map");

    /** True when the domain {@code t[from, to)} ends in a file-name extension (see {@link #FILE_EXTENSIONS}). */
    private static boolean fileExtension(String t, int from, int to) {
        int dot = t.lastIndexOf('.', to - 1);
        return dot >= from && FILE_EXTENSIONS.contains(t.substring(dot + 1, to).toLowerCase(Locale.ROOT));
    }

    /** At least two labels, none empty, no label edged by '-', and an alphabetic TLD of 2+ letters. */
    private static boolean validDomain(String t, int from, int to) {
        int labelStart = from;
        int labels = 0;
        for (int i = from; i <= to; i++) {
            if (i == to || t.charAt(i) == '.') {
                if (i == labelStart || t.charAt(labelStart) == '-' || t.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == to) {
                    if (labels < 2 || i - labelStart < 2) {
                        return false;
                    }
                    // The top-level label: letters, all ASCII or all of an internationalized name
                    // (".рф", ".укр", ".ελ"), never mixed.
                    boolean ascii = isAsciiLetter(t.charAt(labelStart));
                    for (int k = labelStart; k < i; k++) {
                        char c = t.charAt(k);
                        if (ascii ? !isAsciiLetter(c) : c < 128 || !Character.isLetter(c)) {
                            return false;
                        }
                    }
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- numbers

    private int numeric(String t, int i, int limit, PiiMatches m) {
        char prev = i == 0 ? ' ' : t.charAt(i - 1);
        if (prev == '/' && i >= 2 && t.charAt(i - 2) == '/') {
            // A URL's or a share's host ("http://93.184.216.34/", "//10.0.0.5/share"): only an address
            // starts there, never a phone, card or other number.
            return t.charAt(i) >= '0' && t.charAt(i) <= '9' ? ipv4(t, i, limit, m) : -1;
        }
        // "A5-0123/2003", "12/0345", "1.5", "+44": a number glued to another token is part of it,
        // and so is one after a digit and a colon, a time's seconds ("19:17:05.000000000").
        if (separatorClass(prev) == '-' || prev == '/' || prev == '.' || prev == ',' || prev == '+' || prev == '#'
                || prev == ':' && i >= 2 && isDigit(t.charAt(i - 2))) {
            return -1;
        }
        char c = t.charAt(i);
        if (c >= '0' && c <= '9') {
            int e = ipv4(t, i, limit, m);
            if (e > 0) {
                return e;
            }
            if (afterBookNumberLabel(t, i)) {
                return bookNumberEnd(t, i, limit); // consumed, so that its digit groups are not read as a phone
            }
        }
        if (!parseGroups(t, i, limit)) {
            return cuedPhone(t, i, limit, m);
        }
        if (c >= '0' && c <= '9') {
            int e = ssn(t, m);
            if (e > 0) {
                return e;
            }
            e = card(t, m);
            if (e > 0) {
                return e;
            }
        }
        int e = phone(t, i, limit, m);
        return e > 0 ? e : cuedPhone(t, i, limit, m);
    }

    /** A number in any grouping after a word that announces one ("Tel.: 0561 940 83-14"); see {@link CuedPhoneNumbers}. */
    private static int cuedPhone(String t, int i, int limit, PiiMatches m) {
        // The number first: most numbers no shape claims (years, counts) have fewer than 6 digits,
        // and reading the number is cheaper than reading the word before it.
        int e = CuedPhoneNumbers.end(t, i, limit);
        if (e < 0 || !CuedPhoneNumbers.cueBefore(t, i) && !CuedPhoneNumbers.phraseBefore(t, i, e)) {
            return -1;
        }
        e = PhoneExtensions.end(t, e, limit);
        m.add(i, e, PiiKind.PHONE);
        return e;
    }

    /**
     * Splits the candidate at {@code i} into digit groups separated by one space, hyphen or dot, or by
     * an area code in parentheses. Records group bounds and the separator before each group.
     */
    private boolean parseGroups(String t, int i, int limit) {
        groups = 0;
        int j = i;
        international = NATIONAL;
        if (t.charAt(j) == '+') {
            j++;
            international = PLUS;
            if (j + 1 < limit && t.charAt(j) == '(' && isDigit(t.charAt(j + 1))) {
                international = PAREN_AFTER_PLUS; // "+(370) 612 34567"
            }
        } else if (j + 2 < limit && t.charAt(j) == '(' && t.charAt(j + 1) == '+' && isDigit(t.charAt(j + 2))) {
            // "(+358) 40 123 4567", "(+62) 21 555 0123": the country code in parentheses, its
            // parenthesis read as an area code's below
            international = PLUS_IN_PAREN;
        }
        char sep = 0;
        while (j < limit && groups < MAX_GROUPS) {
            boolean paren = false;
            if (t.charAt(j) == '(') {
                paren = true;
                j++;
                if (groups == 0 && international == PLUS_IN_PAREN) {
                    j++;
                }
            }
            int g = j;
            while (j < limit && isDigit(t.charAt(j))) {
                j++;
            }
            if (j == g || j - g > 19) {
                break;
            }
            if (paren) {
                if (j >= limit || t.charAt(j) != ')') {
                    break;
                }
            }
            groupStart[groups] = g;
            groupEnd[groups] = j;
            groupSep[groups] = paren ? '(' : sep;
            groups++;
            if (paren) {
                j++;
                // One blank, hyphen or dot may follow the area code: "(0561) 940", "(077)-6261043", "(07).1066.5803".
                if (j + 1 < limit && (isDigit(t.charAt(j + 1)) || t.charAt(j + 1) == '(')) {
                    char after = separatorClass(t.charAt(j));
                    if (after == ' ' || (after == '-' || after == '.') && isDigit(t.charAt(j + 1))) {
                        j++;
                    }
                }
                sep = ')';
                continue;
            }
            if (j + 1 < limit) {
                char raw = t.charAt(j);
                char s = separatorClass(raw);
                char next = t.charAt(j + 1);
                if (s != 0 && (isDigit(next) || (next == '(' && s == ' '))) {
                    sep = s;
                    j++;
                    continue;
                }
                // The trunk digit or area code in parentheses right after an international prefix's
                // country code: "+44(0)20 7946 0958", "+90(212)555-0123".
                if (raw == '(' && groups == 1 && international != NATIONAL && isDigit(next)) {
                    sep = ' ';
                    continue;
                }
                // A trunk-prefixed area code and a slash, as German numbers are written (030/1234567,
                // 069 / 920 77 00).
                if (groups == 1 && t.charAt(g) == '0' && j - g >= 2 && j - g <= 5 && t.charAt(i) != '+') {
                    if (raw == '/' && isDigit(next)) {
                        sep = '/';
                        j++;
                        continue;
                    }
                    if (s == ' ' && next == '/' && j + 3 < limit && t.charAt(j + 2) == ' ' && isDigit(t.charAt(j + 3))) {
                        sep = '/';
                        j += 3;
                        continue;
                    }
                }
            }
            break;
        }
        return groups > 0;
    }

    /** True if nothing glued to the end of a match at {@code e} makes it part of a longer token. */
    static boolean endOk(String t, int e) {
        if (e >= t.length()) {
            return true;
        }
        char c = t.charAt(e);
        if (isWordChar(c) || c == '@') {
            return false;
        }
        if ((c == '/' || c == '.' || c == ',' || c == ':' || separatorClass(c) == '-') && e + 1 < t.length()
                && isDigit(t.charAt(e + 1))) {
            return false;
        }
        return c != '%';
    }

    private int digitsIn(int fromGroup, int toGroup) {
        int d = 0;
        for (int g = fromGroup; g < toGroup; g++) {
            d += groupEnd[g] - groupStart[g];
        }
        return d;
    }

    /**
     * A US social security number: {@code ddd-dd-dddd} anywhere, and after a label that names one
     * ("SSN: 123 45 6789", "Social Security No. 123456789") also with blanks or unbroken. Without the
     * label nine digits, or three groups joined by spaces, are too often something else.
     */
    private int ssn(String t, PiiMatches m) {
        int area;
        int group;
        int serial;
        int e;
        boolean grouped = groups >= 3 && len(0) == 3 && len(1) == 2 && len(2) == 4;
        boolean hyphens = grouped && groupSep[1] == '-' && groupSep[2] == '-';
        boolean blanks = grouped && groupSep[1] == ' ' && groupSep[2] == ' ' && (groups == 3 || groupSep[3] != ' ');
        if (hyphens || blanks && ssnLabelBefore(t, groupStart[0])) {
            e = groupEnd[2];
            area = num(t, groupStart[0], groupEnd[0]);
            group = num(t, groupStart[1], groupEnd[1]);
            serial = num(t, groupStart[2], groupEnd[2]);
        } else if (len(0) == 9 && (groups == 1 || groupSep[1] != '-') && ssnLabelBefore(t, groupStart[0])) {
            int s = groupStart[0];
            e = groupEnd[0];
            area = num(t, s, s + 3);
            group = num(t, s + 3, s + 5);
            serial = num(t, s + 5, e);
        } else {
            return -1;
        }
        if (!endOk(t, e)) {
            return -1;
        }
        // The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return -1;
        }
        m.add(groupStart[0], e, PiiKind.SSN);
        return e;
    }

    /** Labels of a social security number, lower case, compared with the words before the number. */
    private static final String[] SSN_LABELS = {"ssn", "social security number", "social security no",
        "social security"};

    /**
     * True when a label of {@link #SSN_LABELS} ends just before {@code i}, over blanks and an optional
     * {@code :}, {@code #} or {@code .} ("SSN: ", "SSN# ", "Social Security No. "; see
     * {@link OtherNumberLabels#labelEnd}).
     */
    private static boolean ssnLabelBefore(String t, int i) {
        final int end = OtherNumberLabels.labelEnd(t, i);
        for (String label : SSN_LABELS) {
            int start = end - label.length();
            if (start >= 0 && t.regionMatches(true, start, label, 0, label.length())
                    && (start == 0 || !Character.isLetterOrDigit(t.charAt(start - 1)))) {
                return true;
            }
        }
        return false;
    }

    private int card(String t, PiiMatches m) {
        // Prefixes of groups joined by one kind of space or hyphen with 12-19 digits, longest first:
        // "4111 1111 1111 1111 123" is a card and its security code.
        int digits = 0;
        char sep = 0;
        int candidates = 0;
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                char s = groupSep[g];
                if (s != ' ' && s != '-' || (sep != 0 && s != sep)) {
                    break;
                }
                sep = s;
            }
            digits += len(g);
            if (digits > 19) {
                break;
            }
            if (digits >= 12 && groupingOk(g + 1) && endOk(t, groupEnd[g])) {
                cardGroups[candidates] = g;
                cardDigits[candidates++] = digits;
            }
        }
        int s = groupStart[0];
        for (int c = candidates - 1; c >= 0; c--) {
            int last = cardGroups[c];
            int e = groupEnd[last];
            if (issuerPrefix(t, s, cardDigits[c]) && Checksums.luhn(t, s, e)
                    && !(sep != 0 && inLongerRun(t, s, last, sep)) && !barcode(t, s, e, last)) {
                m.add(s, e, PiiKind.CARD);
                return e;
            }
        }
        return -1;
    }

    /**
     * True after "ISBN", "ISSN", "ISBN:", "ISBN-10:", "ISBN 13": bibliographies and book pages
     * write a book's number there, and an ISBN-10 ("0-442-01272-1") has a national phone's shape.
     */
    private static boolean afterBookNumberLabel(String t, int i) {
        int k = i - 1;
        while (k >= 0 && t.charAt(k) == ' ') {
            k--;
        }
        if (k >= 0 && t.charAt(k) == ':') {
            k--;
            while (k >= 0 && t.charAt(k) == ' ') {
                k--;
            }
        }
        if (k >= 2 && (t.charAt(k) == '0' || t.charAt(k) == '3') && t.charAt(k - 1) == '1'
                && (t.charAt(k - 2) == '-' || t.charAt(k - 2) == ' ')) {
            k -= 3; // "ISBN-10", "ISBN 13"
        }
        if (k < 3 || k >= 4 && Character.isLetterOrDigit(t.charAt(k - 4))) {
            return false;
        }
        return t.regionMatches(true, k - 3, "isbn", 0, 4) || t.regionMatches(true, k - 3, "issn", 0, 4);
    }

    /** End of a book or serial number at {@code i}: up to 13 digits joined by hyphens or blanks, and a check X. */
    private static int bookNumberEnd(String t, int i, int limit) {
        int j = i;
        int digits = 0;
        while (j < limit && digits < 13) {
            char c = t.charAt(j);
            if (isDigit(c)) {
                digits++;
                j++;
            } else if ((c == '-' || c == ' ') && j + 1 < limit && isDigit(t.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (j < limit && (t.charAt(j) == 'X' || t.charAt(j) == 'x') && (digits == 9 || digits == 7)) {
            j++; // ISBN-10's and ISSN's check character
        }
        return j;
    }

    /**
     * True when the grouped candidate ending with group {@code last} is part of a longer run of
     * groups of the same length and separator: a column or a sequence of numbers ("... 3208 3848
     * 4488 5128 5768 6408 ..." in a changelog's table), in which any 16 digits pass Luhn's check one
     * time in ten.
     */
    private boolean inLongerRun(String t, int start, int last, char sep) {
        if (last + 1 < groups && groupSep[last + 1] == sep && len(last + 1) == len(last)) {
            return true;
        }
        int k = start - 2;
        if (k < 0 || separatorClass(t.charAt(start - 1)) != sep) {
            return false;
        }
        int digits = 0;
        while (k >= 0 && isDigit(t.charAt(k))) {
            digits++;
            k--;
        }
        return digits == len(0);
    }

    /**
     * True when the candidate is one unbroken run of 13 digits with a valid GS1 check digit: an EAN-13
     * product number. Product pages print them by the dozen, and those of German goods start with
     * 400-440, a Visa prefix, one in ten passing Luhn's check by chance (58 of 740 generated barcodes
     * were taken for cards before). A real 13-digit Visa card, a kind no longer issued, fails the GS1
     * check nine times in ten; grouped, it is never taken for a barcode. GTIN-14s, rarer in text, are
     * left alone, so that 14-digit Diners cards lose nothing.
     */
    private boolean barcode(String t, int s, int e, int last) {
        return last == 0 && e - s == 13 && Checksums.gs1(t, s, e);
    }

    /** One unbroken run, groups of four (last may be shorter), or Amex/Diners 4-6-5 / 4-6-4. */
    private boolean groupingOk(int count) {
        if (count == 1) {
            return true;
        }
        if (count == 3 && len(0) == 4 && len(1) == 6 && (len(2) == 5 || len(2) == 4)) {
            return true;
        }
        for (int g = 0; g < count - 1; g++) {
            if (len(g) != 4) {
                return false;
            }
        }
        return len(count - 1) <= 4;
    }

    /**
     * The issuer's prefix and one of its lengths: Visa 4 (13, 16, 19 digits), Mastercard 51-55 and
     * 2221-2720 (16), Amex 34/37 (15), Diners 30/36/38 (14, 16), JCB 35 (16-19) and 1800/2131 (15),
     * Discover 6011/64/65 and UnionPay 62 and 8100-8171 (16-19), Maestro 5018/5020/5038/56-58/6304/
     * 6759/6761-6763/6390 (12-19). A number of another length is no card of that issuer, however its
     * digits check: "reqNonce: 3843061514398340071" passes Luhn, and no Diners card has 19 digits.
     */
    private static boolean issuerPrefix(String t, int s, int digits) {
        int d0 = t.charAt(s) - '0';
        int d1 = t.charAt(s + 1) - '0';
        int two = d0 * 10 + d1;
        int four = two * 100 + (t.charAt(s + 2) - '0') * 10 + (t.charAt(s + 3) - '0');
        boolean maestroLength = digits >= 12;
        switch (d0) {
            case 1: return four == 1800 && digits == 15;
            case 2: return (four >= 2221 && four <= 2720 && digits == 16) || (four == 2131 && digits == 15);
            case 3:
                if (two == 34 || two == 37) {
                    return digits == 15;
                }
                if (two == 30 || two == 36 || two == 38) {
                    return digits == 14 || digits == 16;
                }
                return two == 35 && digits >= 16;
            case 4: return digits == 13 || digits == 16 || digits == 19;
            case 5:
                if (two >= 51 && two <= 55) {
                    return digits == 16;
                }
                return maestroLength && (two >= 56 && two <= 58 || four == 5018 || four == 5020 || four == 5038);
            case 6:
                if (two == 65 || two == 62 || two == 64 || four == 6011) {
                    return digits >= 16;
                }
                return maestroLength && (four == 6304 || four == 6759 || four >= 6761 && four <= 6763 || four == 6390);
            case 8: return four >= 8100 && four <= 8171 && digits >= 16;
            default: return false;
        }
    }

    private int phone(String t, int i, int limit, PiiMatches m) {
        int first = groupStart[0];
        char d0 = t.charAt(first);
        char d1 = len(0) > 1 ? t.charAt(first + 1) : (groups > 1 ? t.charAt(groupStart[1]) : ' ');
        int e = -1;
        if (international != NATIONAL) {
            if (d0 != '0') {
                e = longestPrefix(t, 8, 15, false);
            }
        } else if (d0 == '0' && d1 == '0' && groupSep[0] != '(') {
            // 00 international prefix; a bare 0044... with no separator is too often an id. The 00
            // is written together ("0.0 0.0 92200 884", ps output, is no number), and country codes
            // start with 1-9, so "0000 6000 2316 1" (the tail of an IBAN) is none either.
            e = groups >= 2 && len(0) >= 2 && countryCodeAfterDoubleZero(t)
                    ? unlessPairsRun(t, i, longestPrefix(t, 10, 15, false)) : -1;
        } else {
            e = nanp(t);
            // A lone 0 then a dot or a hyphen is a decimal fraction, a version or a range ("0.9999999999",
            // "0.1.20200714", "[0-4294967295]"): a trunk 0 is written together with the area code
            // ("01.23.45.67.89", "030-1234567").
            boolean notTrunk = len(0) == 1 && groups > 1 && (groupSep[1] == '.' || groupSep[1] == '-');
            if (e < 0 && d0 == '0' && d1 != '0' && !notTrunk) {
                e = unlessPairsRun(t, i, longestPrefix(t, 10, 12, true));
                // A lone 0 then a blank starts a number rarely ("0 61 51 / 405-0") and a row of
                // numbers often (a PDF's arrays, /proc/stat's "6130 0 17875 0 23933 0"): only with
                // no other number next to it.
                if (e > 0 && len(0) == 1 && numberNextTo(t, i, e)) {
                    e = -1;
                }
                // Twelve digits are a long German or an Indonesian mobile number only when grouped
                // ("08385 5480032", "0812 3456 7890") and not the tail of a longer run of groups
                // ("138 0225 9313 4455"); unbroken, they are as often an id.
                if (e > 0 && digitCount(t, i, e) == 12 && (groups == 1 || numberNextTo(t, i, i))) {
                    e = -1;
                }
                // Nine digits when a short area code is set off by a hyphen or a slash, as Israel,
                // Sweden, Nepal and Austria write them ("02-4291527", "03-684-0973", "08-106 65 80").
                if (e < 0 && groups > 1 && len(0) >= 2 && len(0) <= 4 && (groupSep[1] == '-' || groupSep[1] == '/')) {
                    e = unlessPairsRun(t, i, longestPrefix(t, 9, 9, true));
                }
            }
            if (e < 0 && d0 == '0' && d1 != '0' && groupSep[0] == '(' && len(0) >= 2 && len(0) <= 5) {
                // A trunk-prefixed area code in parentheses, "(0561) 940 83 14", "(077)-6261043":
                // numbers are written so, and nothing else is; the local part's length varies.
                e = unlessPairsRun(t, i, longestPrefix(t, 8, 13, true));
            }
            if (e < 0 && d0 == '8' && len(0) == 1) {
                e = tenDigitsEndingInPairs(t, 1);
            }
            if (e < 0 && groupSep[0] == '(') {
                e = tenDigitsEndingInPairs(t, 0);
            }
            if (e < 0 && groupSep[0] == '(') {
                e = brazilian(t);
            }
            if (e < 0 && d0 >= '6') {
                e = indianMobile(t, i);
            }
            if (e < 0 && d0 == '1') {
                e = chineseMobile(t);
            }
        }
        if (e < 0) {
            return -1;
        }
        if (consecutiveDigits(t, i, e)) {
            return e; // "0123456789": a digit alphabet or a placeholder, consumed but no one's number
        }
        if (international == NATIONAL && !(d0 == '0' && d1 == '0') && OtherNumberLabels.before(t, i)) {
            return e; // "Bestellnummer: 0123987654": an order's number, not a phone's
        }
        e = PhoneExtensions.end(t, e, limit);
        m.add(i, e, PiiKind.PHONE);
        return e;
    }

    /**
     * Ten digits from an area code (group {@code from}) ending in two pairs, as Russia and its
     * neighbours write numbers: after the trunk prefix 8 ({@code from} = 1: "8 (495) 123-45-67", "8 800
     * 555-35-35", "8-495-123-45-67", "8 (3812) 12-34-56") or with the area code in parentheses alone
     * ({@code from} = 0: "(495) 123-45-67", "(983)924-89-12"). The area code (3-5 digits) starts with
     * 3-9. The final pairs make the shape rare enough outside phone numbers to need no cue. End or -1.
     */
    private int tenDigitsEndingInPairs(String t, int from) {
        if (groups < from + 3 || len(from) < 3 || len(from) > 5 || t.charAt(groupStart[from]) < '3'
                || (from == 0 ? groupSep[0] != '(' : !(groupSep[1] == ' ' || groupSep[1] == '-' || groupSep[1] == '('))) {
            return -1;
        }
        int digits = 0;
        for (int g = from; g < groups; g++) {
            digits += len(g);
            if (digits > 10) {
                return -1;
            }
            if (digits == 10) {
                boolean pairs = g >= from + 2 && len(g) == 2 && len(g - 1) == 2 && groupSep[g] == groupSep[g - 1]
                        && (groupSep[g] == '-' || groupSep[g] == ' ');
                return pairs && PhoneExtensions.endOk(t, groupEnd[g]) && (g + 1 == groups || groupSep[g + 1] != groupSep[g])
                        ? groupEnd[g] : -1;
            }
        }
        return -1;
    }

    /**
     * Brazil's national form: a two-digit area code in parentheses, then a landline's 4 digits (first
     * 2-5) or a mobile's 5 (first 9), a hyphen and 4 more: "(11) 91234-5678", "(21) 3456-7890". Area
     * codes have no zero digit. Two years ("(12) 2001-2005": a footnote and a range) are none. End or -1.
     */
    private int brazilian(String t) {
        if (groups < 3 || len(0) != 2 || groupSep[1] != ')' || groupSep[2] != '-' || len(2) != 4) {
            return -1;
        }
        int s0 = groupStart[0];
        if (t.charAt(s0) == '0' || t.charAt(s0 + 1) == '0') {
            return -1;
        }
        char first = t.charAt(groupStart[1]);
        boolean mobile = len(1) == 5 && first == '9';
        boolean landline = len(1) == 4 && first >= '2' && first <= '5'
                && !(yearLike(t, groupStart[1]) && yearLike(t, groupStart[2]));
        int e = groupEnd[2];
        return (mobile || landline) && PhoneExtensions.endOk(t, e) && (groups == 3 || groupSep[3] != '-') ? e : -1;
    }

    /**
     * An Indian mobile number as it is written at home: two groups of five digits joined by a space,
     * the first starting with 6-9, "98765 43210". Amounts group by three, so two groups of five are a
     * phone's shape, unless another number stands next to them across blanks: a row of a table or of
     * {@code ps} output ("3.6  93660 37528  ?"). Joined by a hyphen they are a range ("uids 64010-64016"
     * in changelogs), not a phone. End or -1.
     */
    private int indianMobile(String t, int i) {
        if (groups < 2 || len(0) != 5 || len(1) != 5 || groupSep[1] != ' ') {
            return -1;
        }
        int e = groupEnd[1];
        return !numberNextTo(t, i, e) && PhoneExtensions.endOk(t, e) ? e : -1;
    }

    /**
     * A mainland Chinese mobile number as it is displayed: 3-4-4 digits joined by blanks or hyphens,
     * the first group 130-199, "138 0013 8000", "139-1234-5678". Amounts group by three (or by four
     * with commas, in Chinese), so the shape is a phone's; unbroken, eleven digits are as often an
     * amount ("共计13800138000元") and count only after a cue. End or -1.
     */
    private int chineseMobile(String t) {
        if (groups < 3 || len(0) != 3 || len(1) != 4 || len(2) != 4 || groupSep[1] != groupSep[2]
                || !(groupSep[1] == ' ' || groupSep[1] == '-') || t.charAt(groupStart[0] + 1) < '3') {
            return -1;
        }
        int e = groupEnd[2];
        return PhoneExtensions.endOk(t, e) && (groups == 3 || groupSep[3] != groupSep[2]) ? e : -1;
    }

    /** The digits in {@code t[from, to)}. */
    private static int digitCount(String t, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            n += isDigit(t.charAt(k)) ? 1 : 0;
        }
        return n;
    }

    /** True when another number stands right before {@code t[i, e)} or right after it, across blanks only. */
    private static boolean numberNextTo(String t, int i, int e) {
        int k = i - 1;
        while (k >= 0 && (separatorClass(t.charAt(k)) == ' ' || t.charAt(k) == '\t')) {
            k--;
        }
        int j = e;
        while (j < t.length() && (separatorClass(t.charAt(j)) == ' ' || t.charAt(j) == '\t')) {
            j++;
        }
        return k >= 0 && k < i - 1 && isDigit(t.charAt(k)) || j > e && j < t.length() && isDigit(t.charAt(j));
    }

    /** True when the four digits at {@code s} read as a year of 1900-2099. */
    private static boolean yearLike(String t, int s) {
        return t.startsWith("19", s) || t.startsWith("20", s);
    }

    /**
     * True when the digits of {@code t[from, to)} run 0123456789 or 9876543210 (or a part of 8+ of
     * either, wrapping from 9 to 0 as placeholders do: "(123) 456-7890").
     */
    private static boolean consecutiveDigits(String t, int from, int to) {
        int digits = 0;
        int step = 0;
        char prev = 0;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int diff = Math.floorMod(c - prev, 10);
            if (digits == 1) {
                step = diff;
                if (step != 1 && step != 9) {
                    return false;
                }
            } else if (digits > 1 && diff != step) {
                return false;
            }
            prev = c;
            digits++;
        }
        return digits >= 8;
    }

    /** {@code e}, or -1 when the candidate from {@code i} to {@code e} is part of a longer run of digit pairs. */
    private int unlessPairsRun(String t, int i, int e) {
        return e > 0 && (pairsRunContinues(e) || pairsRunBefore(t, i)) ? -1 : e;
    }

    /**
     * True when the candidate ending at {@code e} is made of digit pairs and another pair follows with
     * the same separator: a number written in pairs has five ("06 12 34 56 78"); a longer run of
     * pairs is a byte dump ("01 02 03 04 05 06 07 08", "05 64 69 66 66 09 0a") or a list.
     */
    private boolean pairsRunContinues(int e) {
        int last = -1;
        for (int g = 0; g < groups; g++) {
            if (len(g) > 2) {
                return false;
            }
            if (groupEnd[g] == e) {
                last = g;
                break;
            }
        }
        return last >= 0 && last + 1 < groups && len(last + 1) <= 2 && groupSep[last + 1] == groupSep[last];
    }

    /**
     * True when the candidate at {@code i} starts with a pair that continues a run of pairs before
     * it with the same separator: the tail of a byte dump ("… 03 04 05 06 07 08", "a0 8b 28 3f 01 00
     * 00 00 50 32") is no number.
     */
    private boolean pairsRunBefore(String t, int i) {
        return groups > 1 && len(0) <= 2 && len(1) <= 2 && i >= 2 && separatorClass(t.charAt(i - 1)) == groupSep[1]
                && (isDigit(t.charAt(i - 2)) || hexValue(t.charAt(i - 2)) >= 0 && i >= 3 && hexValue(t.charAt(i - 3)) >= 0
                        && (i == 3 || !isWordChar(t.charAt(i - 4))));
    }

    /**
     * True when the digit after the leading "00" is 1-9. The caller has the 00 in the first group
     * and two groups at least, so that digit ends the first group's "00" or starts the second group.
     */
    private boolean countryCodeAfterDoubleZero(String t) {
        char third = len(0) > 2 ? t.charAt(groupStart[0] + 2) : t.charAt(groupStart[1]);
        return third >= '1' && third <= '9';
    }

    /** NANP: [1] 3-3-4 joined by '-' or '.', or (3) 3-4; area and exchange start with 2-9. End or -1. */
    private int nanp(String t) {
        int g = 0;
        if (groups >= 4 && len(0) == 1 && t.charAt(groupStart[0]) == '1') {
            g = 1;
        }
        if (groups - g < 3 || len(g) != 3 || len(g + 1) != 3 || len(g + 2) != 4) {
            return -1;
        }
        char s1 = groupSep[g + 1];
        char s2 = groupSep[g + 2];
        boolean parenForm = groupSep[g] == '(' && s1 == ')' && (s2 == '-' || s2 == '.' || s2 == ' ');
        boolean sepForm = (s1 == '-' || s1 == '.') && s1 == s2;
        // 212 555 0123: spaces only when nothing follows, since amounts are digit groups joined by
        // spaces too (though of three digits, never a last one of four).
        boolean spaceForm = s1 == ' ' && s2 == ' ' && groups == g + 3 && (g == 0 || groupSep[1] == ' ');
        // 514 555-0123: Quebec's and much of Canada's way.
        boolean spaceThenHyphenForm = s1 == ' ' && s2 == '-' && (g == 0 || groupSep[1] == ' ');
        if (!parenForm && !sepForm && !spaceForm && !spaceThenHyphenForm) {
            return -1;
        }
        // Area codes and exchanges start with 2-9. Written in parentheses or with hyphens the shape
        // is a phone's whatever its digits (test and fictional numbers break the rule); with dots or
        // spaces only a valid number is one, since versions and amounts are written so too.
        boolean shapeSuffices = (parenForm || s1 == '-' && s2 == '-') && !t.startsWith("000", groupStart[g]);
        if (!shapeSuffices && (t.charAt(groupStart[g]) < '2' || t.charAt(groupStart[g + 1]) < '2')) {
            return -1;
        }
        int e = groupEnd[g + 2];
        return PhoneExtensions.endOk(t, e) ? e : -1;
    }

    /**
     * End of the longest prefix of groups whose digit count is within [min, max] and that ends at a
     * clean boundary; with {@code uniformSeparator}, one kind of separator throughout (an area code
     * in parentheses is always allowed). -1 if none.
     */
    private int longestPrefix(String t, int min, int max, boolean uniformSeparator) {
        int digits = 0;
        int best = -1;
        char sep = 0;
        for (int g = 0; g < groups; g++) {
            // An area code (2-5 digits) may be set off its own way ("08-123 456 78", Swedish):
            // uniformity is asked of the separators after it. A lone digit is no area code ("0
            // 644.330017", a PDF's coordinates).
            if (uniformSeparator && (g > 1 || g == 1 && (len(0) < 2 || len(0) > 5))) {
                char s = groupSep[g];
                if (s != '(' && s != ')' && s != '/') {
                    if (sep != 0 && s != sep) {
                        break;
                    }
                    sep = s;
                }
            }
            digits += len(g);
            if (digits > max) {
                break;
            }
            if (digits >= min && PhoneExtensions.endOk(t, groupEnd[g])) {
                best = groupEnd[g];
            }
        }
        return best;
    }

    private int ipv4(String t, int i, int limit, PiiMatches m) {
        int j = i;
        int[] octet = new int[4];
        int padded = 0;
        boolean leadingZero = false;
        for (int k = 0; k < 4; k++) {
            int g = j;
            int v = 0;
            while (j < limit && j - g < 4 && isDigit(t.charAt(j))) {
                v = v * 10 + (t.charAt(j) - '0');
                j++;
            }
            if (j == g || j - g > 3 || v > 255) {
                return -1;
            }
            padded += j - g == 3 ? 1 : 0;
            leadingZero |= j - g > 1 && t.charAt(g) == '0';
            octet[k] = v;
            if (k < 3) {
                if (j >= limit || t.charAt(j) != '.') {
                    return -1;
                }
                j++;
            }
        }
        if (j < t.length() && (isWordChar(t.charAt(j)) || (t.charAt(j) == '.' && j + 1 < t.length()
                && isDigit(t.charAt(j + 1))))) {
            return -1;
        }
        // A part with a leading zero ("1.000.000.000", "15.000.000.000") is a group of thousands, as
        // most European languages write a billion: addresses drop leading zeros, and the rare
        // zero-padded style pads every part ("127.000.000.001").
        boolean thousands = leadingZero && padded < 4;
        if (thousands || isNetmask(octet) || VersionOrSectionCue.precedes(t, i)
                || VersionOrSectionCue.versionSuffix(t, j, octet)
                || VersionOrSectionCue.afterProductNameOrVersionVerb(t, i, octet)
                || VersionOrSectionCue.smallQuadWithoutAddressSign(t, i, j, octet)
                || VersionOrSectionCue.sectionLike(octet) && parents.isSubsection(t, i, j, octet)) {
            // Not an address. Consumed all the same, so that its digit groups are not read as a phone.
            return j;
        }
        m.add(i, j, PiiKind.IPV4, privateV4(octet[0], octet[1], octet[2]) || networkOrBroadcast(octet[3]));
        return j;
    }

    /**
     * A subnet mask (255.255.255.0, 255.255.240.0, 255.0.0.0; 255.255.255.255 too): ones from the top
     * bit, then zeros. Masks fill network tables and configuration examples and identify no one.
     * Only masks that start with 255 count: 128.0.0.0 and the like are ordinary addresses too.
     */
    static boolean isNetmask(int[] octet) {
        if (octet[0] != 255) {
            return false;
        }
        int bits = (octet[0] << 24) | (octet[1] << 16) | (octet[2] << 8) | octet[3];
        int inverted = ~bits;
        return (inverted & (inverted + 1)) == 0; // the zeros form one run at the bottom
    }

    /**
     * A last part of 0 or 255: the network or broadcast address of a /24 or smaller, as routes, ACLs
     * and firewall rules write them ("route add -net 192.56.76.0 netmask 255.255.255.0",
     * "130.225.16.0 - 130.225.16.255"). Like the private ranges it names no one's host, so the
     * policies that keep private addresses keep these too; larger networks may give such an
     * address to a host, rarely.
     */
    static boolean networkOrBroadcast(int d) {
        return d == 0 || d == 255;
    }

    /** RFC 1918, loopback, link-local, CGNAT, "this network", benchmarking, documentation, multicast and reserved. */
    static boolean privateV4(int a, int b, int c) {
        return a == 10 || a == 127 || a == 0 || a >= 224
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 169 && b == 254)
                || (a == 100 && b >= 64 && b <= 127)
                || (a == 198 && (b == 18 || b == 19))
                || (a == 192 && b == 0 && (c == 2 || c == 0))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113);
    }

    /**
     * The first colon at or after {@code i}, or the text's length. Positions asked about only grow
     * during a scan, so the text is searched once, from colon to colon ({@link String#indexOf} is a
     * vector search), instead of five chars at every word start that could open an address.
     */
    private int colonFrom(String t, int i) {
        if (nextColon < i) {
            int c = t.indexOf(':', i);
            nextColon = c < 0 ? t.length() : c;
        }
        return nextColon;
    }

    private int ipv6(String t, int i, int limit, PiiMatches m) {
        // Cheap pre-check: a colon within the first five characters.
        if (colonFrom(t, i) >= Math.min(limit, i + 5)) {
            return -1;
        }
        // The tail of a longer run of colon-separated hex groups (certificate fingerprints
        // "…:9E:51:B9:4A:2E:E7:60", /etc/shadow's "99999:7:::") is no address of its own, nor is
        // what follows a second "::" (namespaces "a::b::c", "::A::B": an address has one at most).
        if (i >= 2 && t.charAt(i - 1) == ':' && (hexValue(t.charAt(i - 2)) >= 0 || t.charAt(i - 2) == ':')) {
            return -1;
        }
        int j = i;
        int groupsSeen = 0;
        boolean doubleColon = false;
        int first = -1;
        int firstLength = 0;
        int second = -1;
        boolean startsWithDouble = false;
        boolean allPairs = true;
        if (t.charAt(j) == ':') {
            if (j + 1 >= limit || t.charAt(j + 1) != ':') {
                return -1;
            }
            doubleColon = true;
            startsWithDouble = true;
            j += 2;
        }
        while (j < limit) {
            int g = j;
            int v = 0;
            while (j < limit && j - g < 5 && hexValue(t.charAt(j)) >= 0) {
                v = v * 16 + hexValue(t.charAt(j));
                j++;
            }
            int len = j - g;
            if (len == 0) {
                break;
            }
            if (j + 1 < limit && t.charAt(j) == '.' && isDigit(t.charAt(j + 1)) && groupsSeen <= 6) {
                // Embedded IPv4 tail (::ffff:192.0.2.1): counts as two groups.
                PiiMatches scratch = new PiiMatches();
                int e = ipv4(t, g, limit, scratch);
                if (e < 0) {
                    return -1;
                }
                groupsSeen += 2;
                j = e;
                break;
            }
            if (len > 4) {
                return -1;
            }
            allPairs &= len == 2;
            if (groupsSeen == 0) {
                first = v;
                firstLength = len;
            } else if (groupsSeen == 1) {
                second = v;
            }
            groupsSeen++;
            if (j + 1 < limit && t.charAt(j) == ':') {
                if (t.charAt(j + 1) == ':') {
                    if (doubleColon) {
                        return -1;
                    }
                    doubleColon = true;
                    j += 2;
                    continue;
                }
                if (hexValue(t.charAt(j + 1)) >= 0) {
                    j++;
                    continue;
                }
            }
            break;
        }
        boolean valid = doubleColon ? groupsSeen <= 7 && (groupsSeen >= 1 || startsWithDouble) && j - i > 2
                : groupsSeen == 8;
        if (!valid || (doubleColon && groupsSeen == 0)) {
            return -1;
        }
        // Eight groups of two hex digits each are bytes: an EUI-64 or a Fibre Channel WWN
        // ("50:06:01:60:3b:a0:2b:8f"). An address's groups drop leading zeros and vary in length.
        if (!doubleColon && allPairs) {
            return -1;
        }
        // One group then "::" and nothing more is a network prefix at most ("fe80::", "2000::/3"),
        // which names no host, and more often punctuation: getopt specs ("-B::"), changelog date
        // lines ("2.2.6: Oct 25 2000::"). A prefix with more groups ("2001:db8::") still counts.
        if (doubleColon && !startsWithDouble && groupsSeen == 1 && t.charAt(j - 1) == ':') {
            return -1;
        }
        // A colon may follow as punctuation ("host fe80::1: down"), not as the start of another group.
        if (j < t.length() && (isWordChar(t.charAt(j))
                || t.charAt(j) == ':' && j + 1 < t.length() && (t.charAt(j + 1) == ':' || hexValue(t.charAt(j + 1)) >= 0))) {
            return -1;
        }
        boolean priv = startsWithDouble // ::1, ::, ::ffff:a.b.c.d
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xff00) == 0xff00 // multicast, a group and no host, as 224.0.0.0/4 for IPv4
                || first == 0x2001 && second == 0x0db8 // documentation
                || first == 0;
        m.add(i, j, PiiKind.IPV6, priv);
        return j;
    }

    // ---------------------------------------------------------------- IBAN and secrets

    private int iban(String t, int i, int limit, PiiMatches m) {
        if (i + 15 > limit || !isUpper(t.charAt(i + 1))) {
            return -1;
        }
        // "DE 89 3704 …": some write the country apart from its check digits.
        boolean countryApart = separatorClass(t.charAt(i + 2)) == ' ' && isDigit(t.charAt(i + 3)) && isDigit(t.charAt(i + 4));
        if (!countryApart && (!isDigit(t.charAt(i + 2)) || !isDigit(t.charAt(i + 3)))) {
            return -1;
        }
        int want = IbanLengths.of(t.charAt(i), t.charAt(i + 1));
        if (want == 0) {
            return -1;
        }
        int j = i;
        int got = 0;
        char groupSeparator = 0;
        while (j < limit && got < want) {
            char c = t.charAt(j);
            char separator = separatorClass(c);
            if (isUpper(c) || isDigit(c)) {
                got++;
                j++;
            } else if (got == 2 && countryApart) {
                j++;
            } else if ((separator != 0 && (groupSeparator == 0 || separator == groupSeparator) || c == '\n' && got == 4)
                    && got % 4 == 0 && j + 1 < limit && (isUpper(t.charAt(j + 1)) || isDigit(t.charAt(j + 1)))) {
                // Groups of four apart, by spaces or by hyphens ("DE89-3704-0044-…"), one kind
                // throughout; a line break only after the country and check digits, where extracted
                // contact blocks break it ("IBAN: CH47\n0900 0000 6000 2316 1").
                groupSeparator = separator != 0 ? separator : groupSeparator;
                j++;
            } else {
                break;
            }
        }
        if (got != want || (j < t.length() && isWordChar(t.charAt(j))) || !Checksums.ibanMod97(t, i, j)) {
            return -1;
        }
        m.add(i, j, PiiKind.IBAN);
        return j;
    }

    private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA"};

    private static int awsOrGoogle(String t, int i, int limit, PiiMatches m) {
        if (t.startsWith("AIza", i)) {
            int e = run(t, i + 4, limit, TOKEN_URLSAFE);
            if (e - i - 4 == 35 && boundary(t, e)) {
                m.add(i, e, PiiKind.SECRET);
                return e;
            }
            return -1;
        }
        for (String p : AWS_PREFIXES) {
            if (t.startsWith(p, i)) {
                int e = run(t, i + 4, limit, UPPER_DIGIT);
                if (e - i - 4 == 16 && boundary(t, e)) {
                    m.add(i, e, PiiKind.SECRET);
                    return e;
                }
                return -1;
            }
        }
        return -1;
    }

    private static int privateKey(String t, int i, int limit, PiiMatches m) {
        if (!t.startsWith("-----BEGIN ", i)) {
            return -1;
        }
        int header = t.indexOf("-----", i + 11);
        if (header < 0 || header - i > 60 || !t.startsWith("PRIVATE KEY", header - 11)) {
            return -1;
        }
        int endMarker = t.indexOf("-----END ", header + 5);
        int e;
        if (endMarker < 0 || endMarker >= limit) {
            e = limit; // a truncated block still leaks the key material
        } else {
            int close = t.indexOf("-----", endMarker + 9);
            e = close < 0 ? limit : Math.min(limit, close + 5);
        }
        m.add(i, e, PiiKind.SECRET);
        return e;
    }

    private static int github(String t, int i, int limit, PiiMatches m) {
        if (t.startsWith("github_pat_", i)) {
            int e = run(t, i + 11, limit, TOKEN_UNDERSCORE);
            return secret(t, i, e, e - i - 11 >= 22, m);
        }
        if (i + 4 < limit && t.charAt(i + 1) == 'h' && t.charAt(i + 3) == '_' && "pousr".indexOf(t.charAt(i + 2)) >= 0) {
            int e = run(t, i + 4, limit, ALNUM);
            return secret(t, i, e, e - i - 4 >= 36, m);
        }
        return -1;
    }

    private static int slack(String t, int i, int limit, PiiMatches m) {
        if (i + 5 < limit && t.startsWith("xox", i) && "baprs".indexOf(t.charAt(i + 3)) >= 0 && t.charAt(i + 4) == '-') {
            int e = run(t, i + 5, limit, TOKEN_HYPHEN);
            return secret(t, i, e, e - i - 5 >= 10, m);
        }
        return -1;
    }

    private static int stripeOrOpenAi(String t, int i, int limit, PiiMatches m) {
        if (t.startsWith("sk_live_", i) || t.startsWith("rk_live_", i) || t.startsWith("sk_test_", i)) {
            int e = run(t, i + 8, limit, ALNUM);
            return secret(t, i, e, e - i - 8 >= 24, m);
        }
        if (t.startsWith("sk-", i)) {
            int e = run(t, i + 3, limit, TOKEN_URLSAFE);
            return secret(t, i, e, e - i - 3 >= 32 && hasDigit(t, i + 3, e), m);
        }
        return -1;
    }

    private static int jwt(String t, int i, int limit, PiiMatches m) {
        int a = run(t, i, limit, TOKEN_URLSAFE);
        if (a - i < 10 || a + 4 >= limit || t.charAt(a) != '.' || !t.startsWith("eyJ", a + 1)) {
            return -1;
        }
        int b = run(t, a + 1, limit, TOKEN_URLSAFE);
        if (b - a - 1 < 10 || b + 1 >= limit || t.charAt(b) != '.') {
            return -1;
        }
        int c = run(t, b + 1, limit, TOKEN_URLSAFE);
        return secret(t, i, c, c - b - 1 >= 16, m);
    }

    /** Adds {@code [i, e)} as a secret when it is long enough and ends at a token boundary; its end, or -1. */
    static int secret(String t, int i, int e, boolean longEnough, PiiMatches m) {
        if (!longEnough || !boundary(t, e)) {
            return -1;
        }
        m.add(i, e, PiiKind.SECRET);
        return e;
    }

    // ---------------------------------------------------------------- character classes

    /** Character classes of {@link #run}: ASCII letters and digits, and what each kind of token adds to them. */
    static final int ALNUM = 0;
    static final int UPPER_DIGIT = 1;
    static final int TOKEN_URLSAFE = 2;
    static final int TOKEN_UNDERSCORE = 3;
    static final int TOKEN_HYPHEN = 4;
    static final int BASE64 = 5;
    static final int HEX = 6;

    /** End of the run of chars of class {@code cls} from {@code from}, at most 1,024 long. */
    static int run(String t, int from, int limit, int cls) {
        int j = from;
        while (j < limit && j - from < 1024) {
            char c = t.charAt(j);
            boolean ok;
            switch (cls) {
                case ALNUM: ok = isAsciiLetter(c) || isDigit(c); break;
                case UPPER_DIGIT: ok = isUpper(c) || isDigit(c); break;
                case TOKEN_URLSAFE: ok = isAsciiLetter(c) || isDigit(c) || c == '_' || c == '-'; break;
                case TOKEN_UNDERSCORE: ok = isAsciiLetter(c) || isDigit(c) || c == '_'; break;
                case BASE64: ok = isAsciiLetter(c) || isDigit(c) || c == '+' || c == '/'; break;
                case HEX: ok = isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'; break;
                default: ok = isAsciiLetter(c) || isDigit(c) || c == '-'; break;
            }
            if (!ok) {
                break;
            }
            j++;
        }
        return j;
    }

    private static boolean hasDigit(String t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (isDigit(t.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundary(String t, int e) {
        return e >= t.length() || !(isWordChar(t.charAt(e)) || t.charAt(e) == '-');
    }

    private int len(int g) {
        return groupEnd[g] - groupStart[g];
    }

    private static int num(String t, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            v = v * 10 + (t.charAt(k) - '0');
        }
        return v;
    }

    /**
     * The separator a char stands for between digit groups: {@code ' '} for a space and the
     * no-break, narrow no-break, thin and figure spaces (HTML's {@code &nbsp;}, French typography:
     * "01&nbsp;42&nbsp;68&nbsp;53&nbsp;00"), {@code '-'} for a hyphen and the non-breaking hyphen and
     * en dash, {@code '.'} for a dot; 0 for anything else.
     */
    static char separatorClass(char c) {
        switch (c) {
            case ' ':
            case '\u00a0':
            case '\u202f':
            case '\u2009':
            case '\u2007':
                return ' ';
            case '-':
            case '\u2010':
            case '\u2011':
            case '\u2013':
                return '-';
            case '.':
                return '.';
            default:
                return 0;
        }
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return ASCII_WORD[c];
        }
        return Character.isLetterOrDigit(c) && !isCjk(c);
    }

    /**
     * Han, kana and Hangul. Chinese and Japanese put no space between words, and Korean glues its
     * particles to the word before, so a number, address or key written against them is still a
     * token of its own ("请拨打010-12345678咨询", "お電話は03-1234-5678まで", "010-1234-5678로").
     */
    static boolean isCjk(char c) {
        if (c < '\u1100') {
            return false;
        }
        return (c >= '\u3040' && c <= '\u30ff') || (c >= '\u3400' && c <= '\u4dbf') || (c >= '\u4e00' && c <= '\u9fff')
                || (c >= '\uac00' && c <= '\ud7af') || (c >= '\uf900' && c <= '\ufaff')
                // the letters among CJK symbols (々 〆 〇, Hangzhou numerals, kana repeat marks), Bopomofo,
                // Hangul jamo, katakana extensions and half-width katakana: "軽々に", "〇〇市"
                || (c >= '\u3005' && c <= '\u3007') || (c >= '\u3021' && c <= '\u303c') || (c >= '\u3100' && c <= '\u31ff')
                || (c >= '\u1100' && c <= '\u11ff') || (c >= '\uff66' && c <= '\uff9f');
    }

    /** ASCII letters, digits and underscore: one load instead of four range checks per char. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /**
     * A char of a domain name: ASCII letters, digits, dots and hyphens, and the letters of
     * internationalized names ("почта.рф") except Han, kana and Hangul, which write no spaces and would
     * glue the sentence after an address to its name.
     */
    private static boolean isDomainChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-' || c >= 128 && Character.isLetter(c) && !isCjk(c);
    }
}
