package io.sluice.pipeline.signals;

import java.util.Locale;

/**
 * Minimal, allocation-light checks on crawler URLs.
 *
 * <p>{@link java.net.URI} is deliberately not used: it rejects URLs that crawlers do record and
 * browsers do fetch (unescaped {@code |}, spaces in the query, non-ASCII paths), and it reports
 * rejection by throwing, which is slow on a hot path. What the pipeline needs is narrower: is this an
 * absolute http(s) URL, and what is its host.
 */
public final class HttpUrls {

    private HttpUrls() {
    }

    /**
     * Returns the lower-cased host of an absolute {@code http://} or {@code https://} URL, or null when
     * {@code url} is null, has another scheme, is relative, has an empty host or contains whitespace
     * or control characters. User info and port are dropped; an IPv6 literal keeps its brackets.
     */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        final int start;
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            start = 8;
        } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
            start = 7;
        } else {
            return null;
        }
        final int n = url.length();
        int end = n;
        int at = -1;
        for (int i = start; i < n; i++) {
            final char c = url.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return null;
            }
            if (end == n) {
                if (c == '/' || c == '?' || c == '#') {
                    end = i;
                } else if (c == '@') {
                    at = i;
                }
            }
        }
        int hostStart = at >= 0 ? at + 1 : start;
        int hostEnd = end;
        if (hostStart < hostEnd && url.charAt(hostStart) == '[') {
            final int close = url.indexOf(']', hostStart);
            if (close < 0 || close >= hostEnd) {
                return null;
            }
            hostEnd = close + 1;
        } else {
            final int colon = url.indexOf(':', hostStart);
            if (colon >= 0 && colon < hostEnd) {
                hostEnd = colon;
            }
        }
        if (hostStart >= hostEnd) {
            return null;
        }
        return url.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT);
    }

    /** True when {@link #host} finds a host, i.e. the URL is an absolute http(s) URL. */
    public static boolean isAbsoluteHttp(String url) {
        return host(url) != null;
    }
}
