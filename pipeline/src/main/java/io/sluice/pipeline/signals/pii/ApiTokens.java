package io.sluice.pipeline.signals.pii;

/**
 * Secrets of services whose tokens carry a fixed prefix or sit under a fixed name, beyond the cloud
 * and code-hosting formats {@link PiiScanner} matches itself: GitLab, npm, PyPI, Hugging Face,
 * SendGrid, Shopify, DigitalOcean and Telegram tokens, Slack incoming-webhook URLs, an AWS secret
 * access key or an Azure storage account key after the name configuration files give it, and the
 * password of a URL's user information ({@code postgres://app:pw@db/}). Each matcher is anchored at
 * the position the scanner hands it and reads a bounded run, so none can backtrack; each returns the
 * end of what it added to the matches, or -1.
 *
 * <p>The prefixes are the vendors' documented ones (GitLab {@code glpat-}, npm {@code npm_}, PyPI
 * {@code pypi-AgEIcHlwaS5vcmc}, the base64 of its macaroon header, Hugging Face {@code hf_}, SendGrid
 * {@code SG.}, Shopify {@code shpat_ shpss_ shpca_ shppa_}, DigitalOcean {@code dop_v1_ doo_v1_
 * dor_v1_}, and those of {@link #prefixedToken}), with the lengths they issue, so that a word that
 * merely starts the same way is none.
 */
final class ApiTokens {

    private ApiTokens() {}

    // Arrays, not varargs: the matchers run at every word that starts with their letter.
    private static final String[] GITLAB_PREFIXES = {"glpat-", "gldt-", "glrt-", "glptt-"};
    private static final String[] SHOPIFY_PREFIXES = {"shpat_", "shpss_", "shpca_", "shppa_"};
    private static final String[] DIGITALOCEAN_PREFIXES = {"dop_v1_", "doo_v1_", "dor_v1_"};

    /** At 'g': GitLab personal, deploy, runner and trigger tokens ({@code glpat-} + 20 or more). */
    static int gitlab(String t, int i, int limit, PiiMatches m) {
        int p = prefixEnd(t, i, GITLAB_PREFIXES);
        if (p < 0) {
            return -1;
        }
        int e = PiiScanner.run(t, p, limit, PiiScanner.TOKEN_URLSAFE);
        return PiiScanner.secret(t, i, e, e - p >= 20, m);
    }

    /** At 'n': an npm access token, {@code npm_} + 36 letters and digits. */
    static int npm(String t, int i, int limit, PiiMatches m) {
        if (!t.startsWith("npm_", i)) {
            return -1;
        }
        int e = PiiScanner.run(t, i + 4, limit, PiiScanner.ALNUM);
        return PiiScanner.secret(t, i, e, e - i - 4 == 36, m);
    }

    /** At 'p': a PyPI API token, a macaroon whose base64 always starts the same. */
    static int pypi(String t, int i, int limit, PiiMatches m) {
        if (!t.startsWith("pypi-AgEIcHlwaS5vcmc", i)) {
            return -1;
        }
        int e = PiiScanner.run(t, i + 5, limit, PiiScanner.TOKEN_URLSAFE);
        return PiiScanner.secret(t, i, e, e - i - 5 >= 50, m);
    }

    /** At 'h': a Hugging Face token ({@code hf_} + 30-40 letters and digits) or a Slack webhook URL's path. */
    static int huggingFaceOrSlackHook(String t, int i, int limit, PiiMatches m) {
        if (t.startsWith("hf_", i)) {
            int e = PiiScanner.run(t, i + 3, limit, PiiScanner.ALNUM);
            return PiiScanner.secret(t, i, e, e - i - 3 >= 30 && e - i - 3 <= 40, m);
        }
        if (t.startsWith("hooks.slack.com/services/T", i)) {
            // T<team>/B<channel>/<24-char secret>: the whole path is the credential.
            int team = PiiScanner.run(t, i + 26, limit, PiiScanner.ALNUM);
            if (team - i - 26 < 6 || team + 2 >= limit || t.charAt(team) != '/' || t.charAt(team + 1) != 'B') {
                return -1;
            }
            int channel = PiiScanner.run(t, team + 2, limit, PiiScanner.ALNUM);
            if (channel - team - 2 < 6 || channel + 1 >= limit || t.charAt(channel) != '/') {
                return -1;
            }
            int e = PiiScanner.run(t, channel + 1, limit, PiiScanner.ALNUM);
            return PiiScanner.secret(t, i, e, e - channel - 1 >= 20, m);
        }
        return -1;
    }

    /** At 'S': a SendGrid key ({@code SG.} + 22 + {@code .} + 43) or an AWS secret key after {@code SecretAccessKey}. */
    static int sendGridOrAwsSecret(String t, int i, int limit, PiiMatches m) {
        if (t.startsWith("SG.", i)) {
            int a = PiiScanner.run(t, i + 3, limit, PiiScanner.TOKEN_URLSAFE);
            if (a - i - 3 != 22 || a >= limit || t.charAt(a) != '.') {
                return -1;
            }
            int e = PiiScanner.run(t, a + 1, limit, PiiScanner.TOKEN_URLSAFE);
            return PiiScanner.secret(t, i, e, e - a - 1 == 43, m);
        }
        return namedValue(t, i, limit, m, "SecretAccessKey", 40, 40);
    }

    /**
     * At 'a' or 'A': the value after {@code aws_secret_access_key} / {@code aws_secret_key} (any case),
     * 40 base64 chars, or after {@code AccountKey=} in an Azure connection string (86 base64 chars and
     * {@code ==}).
     */
    static int awsSecretOrAzureKey(String t, int i, int limit, PiiMatches m) {
        char c1 = i + 1 < limit ? t.charAt(i + 1) : ' ';
        if (c1 == 'w' || c1 == 'W') {
            int e = namedValue(t, i, limit, m, "aws_secret_access_key", 40, 40);
            return e >= 0 ? e : namedValue(t, i, limit, m, "aws_secret_key", 40, 40);
        }
        if (c1 == 'c' && t.startsWith("AccountKey=", i)) {
            return namedValue(t, i, limit, m, "AccountKey", 86, 88);
        }
        return -1;
    }

    /** At 's': a Shopify access token or shared secret, prefix + 32 hex digits. */
    static int shopify(String t, int i, int limit, PiiMatches m) {
        return prefixedHex(t, i, limit, m, SHOPIFY_PREFIXES, 32);
    }

    /** At 'd': a DigitalOcean token, prefix + 64 hex digits. */
    static int digitalOcean(String t, int i, int limit, PiiMatches m) {
        return prefixedHex(t, i, limit, m, DIGITALOCEAN_PREFIXES, 64);
    }

    /**
     * A token of a documented prefix followed by a run of one class of chars ({@link PiiScanner#run})
     * of a documented length ({@code min}-{@code max}).
     */
    private record Prefixed(String prefix, int cls, int min, int max) {}

    // 2026-11-28, fourth session: more services whose tokens carry a documented prefix, each reached
    // from a first letter the scanner already tries (no new word start is tried for them).
    private static final Prefixed[] AT_LOWER_D = {
        new Prefixed("dapi", PiiScanner.HEX, 32, 32),                 // Databricks
        new Prefixed("dp.pt.", PiiScanner.ALNUM, 40, 44),             // Doppler personal token
        new Prefixed("dp.st.", PiiScanner.TOKEN_UNDERSCORE, 40, 60),  // Doppler service token
    };
    private static final Prefixed[] AT_LOWER_G = {
        new Prefixed("glsa_", PiiScanner.TOKEN_UNDERSCORE, 41, 41),  // Grafana service account
    };
    private static final Prefixed[] AT_LOWER_P = {
        new Prefixed("pul-", PiiScanner.HEX, 40, 40),                  // Pulumi
    };
    private static final Prefixed[] AT_LOWER_H = {
        new Prefixed("hvs.", PiiScanner.TOKEN_URLSAFE, 90, 130),       // HashiCorp Vault service token
    };
    private static final Prefixed[] AT_LOWER_S = {
        new Prefixed("sq0atp-", PiiScanner.TOKEN_URLSAFE, 22, 22),     // Square access token
        new Prefixed("sq0csp-", PiiScanner.TOKEN_URLSAFE, 43, 43),     // Square OAuth secret
    };
    private static final Prefixed[] AT_UPPER = {
        new Prefixed("AGE-SECRET-KEY-1", PiiScanner.UPPER_DIGIT, 58, 58), // age private key
        new Prefixed("ATATT3", PiiScanner.TOKEN_URLSAFE, 150, 250),    // Atlassian API token (its "=" checksum below)
        new Prefixed("PMAK-", PiiScanner.TOKEN_URLSAFE, 59, 59),       // Postman API key: 24 hex, "-", 34 hex
        new Prefixed("SK", PiiScanner.HEX, 32, 32),                    // Twilio API key
    };

    /**
     * At a word start whose first letter the scanner dispatches here: Databricks, Doppler, Grafana,
     * Pulumi, HashiCorp Vault, Square, age, Atlassian, Postman and Twilio secrets.
     */
    static int prefixedToken(String t, int i, int limit, PiiMatches m) {
        char c = t.charAt(i);
        Prefixed[] candidates = c == 'd' ? AT_LOWER_D : c == 'g' ? AT_LOWER_G : c == 'p' ? AT_LOWER_P
                : c == 'h' ? AT_LOWER_H : c == 's' ? AT_LOWER_S : c >= 'A' && c <= 'Z' ? AT_UPPER : null;
        if (candidates == null) {
            return -1;
        }
        for (Prefixed token : candidates) {
            if (!t.startsWith(token.prefix(), i)) {
                continue;
            }
            int p = i + token.prefix().length();
            int e = PiiScanner.run(t, p, limit, token.cls());
            int length = e - p;
            if (token.prefix().equals("ATATT3") && e + 1 < limit && t.charAt(e) == '=') {
                e = PiiScanner.run(t, e + 1, limit, PiiScanner.HEX); // "=" and an 8-hex-digit checksum
            } else if (token.prefix().equals("PMAK-") && (length != 59 || t.charAt(p + 24) != '-')) {
                return -1;
            } else if (token.prefix().equals("dapi") && e + 1 < limit && t.charAt(e) == '-'
                    && t.charAt(e + 1) >= '0' && t.charAt(e + 1) <= '9') {
                e += 2; // Databricks' "-2" suffix
            }
            return PiiScanner.secret(t, i, e, length >= token.min() && length <= token.max(), m);
        }
        return -1;
    }

    /** One of {@code prefixes} at {@code i}, then exactly {@code hexDigits} hex digits. */
    private static int prefixedHex(String t, int i, int limit, PiiMatches m, String[] prefixes, int hexDigits) {
        int p = prefixEnd(t, i, prefixes);
        if (p < 0) {
            return -1;
        }
        int e = PiiScanner.run(t, p, limit, PiiScanner.HEX);
        return PiiScanner.secret(t, i, e, e - p == hexDigits, m);
    }

    /** At a digit: a Telegram bot token, the bot's id (8-10 digits), a colon and 35 chars starting {@code AA}. */
    static int telegram(String t, int i, int limit, PiiMatches m) {
        int j = i;
        while (j < limit && j - i <= 10 && t.charAt(j) >= '0' && t.charAt(j) <= '9') {
            j++;
        }
        if (j - i < 8 || j - i > 10 || j + 3 >= limit || t.charAt(j) != ':' || !t.startsWith("AA", j + 1)) {
            return -1;
        }
        int e = PiiScanner.run(t, j + 1, limit, PiiScanner.TOKEN_URLSAFE);
        return PiiScanner.secret(t, i, e, e - j - 1 == 35, m);
    }

    /**
     * The user information of a URL with a password, {@code scheme://user:password@host}: {@code at}
     * is the {@code @} and {@code passwordStart} where the e-mail finder's local part began (it stops
     * at the colon). Returns the start of the user name when {@code user:} and {@code ://} precede the
     * password, else -1; the caller adds {@code [start, at)} as a secret, whatever the host is.
     */
    static int userInfoStart(String t, int passwordStart, int at) {
        int colon = passwordStart - 1;
        if (colon < 1 || passwordStart >= at || t.charAt(colon) != ':') {
            return -1;
        }
        int k = colon - 1;
        while (k >= 0 && colon - k <= 64 && isUserChar(t.charAt(k))) {
            k--;
        }
        if (k == colon - 1 || k < 2 || t.charAt(k) != '/' || t.charAt(k - 1) != '/' || t.charAt(k - 2) != ':') {
            return -1;
        }
        return k + 1;
    }

    /**
     * True when {@code t[from, to)} reads as a real password rather than a documentation placeholder:
     * six chars or more, not all letters. "user:pass@host", "abc:xyz@", "apt:debian@",
     * "Benutzer:Passwort@" are examples in manuals (9 in the man pages, 4 in the changelogs here);
     * leaked connection strings carry digits or symbols ("s3cr3tP4ss"). An all-letter password is
     * missed.
     */
    static boolean passwordLike(String t, int from, int to) {
        if (to - from < 6) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUserChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
                || c == '%' || c == '+' || c == '~';
    }

    /**
     * The value after {@code name} (case-insensitive), an optional closing quote, blanks, {@code =} or
     * {@code :}, blanks and an optional opening quote: a run of {@code min}-{@code max} base64 chars
     * ({@code =} padding included) that ends at a boundary. Only the value is added.
     */
    private static int namedValue(String t, int i, int limit, PiiMatches m, String name, int min, int max) {
        if (!t.regionMatches(true, i, name, 0, name.length())) {
            return -1;
        }
        int j = i + name.length();
        if (j < limit && (t.charAt(j) == '"' || t.charAt(j) == '\'')) {
            j++;
        }
        while (j < limit && t.charAt(j) == ' ') {
            j++;
        }
        if (j >= limit || (t.charAt(j) != '=' && t.charAt(j) != ':')) {
            return -1;
        }
        j++;
        while (j < limit && t.charAt(j) == ' ') {
            j++;
        }
        if (j < limit && (t.charAt(j) == '"' || t.charAt(j) == '\'')) {
            j++;
        }
        int e = PiiScanner.run(t, j, limit, PiiScanner.BASE64);
        while (e < limit && e - j < max && t.charAt(e) == '=') {
            e++;
        }
        int length = e - j;
        if (length < min || length > max || !PiiScanner.endOk(t, e) || !hasLetterAndDigit(t, j, e)) {
            return -1;
        }
        m.add(j, e, PiiKind.SECRET);
        return e;
    }

    private static boolean hasLetterAndDigit(String t, int from, int to) {
        boolean letter = false;
        boolean digit = false;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            digit |= c >= '0' && c <= '9';
            letter |= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
        return letter && digit;
    }

    private static int prefixEnd(String t, int i, String[] prefixes) {
        for (String p : prefixes) {
            if (t.startsWith(p, i)) {
                return i + p.length();
            }
        }
        return -1;
    }
}
