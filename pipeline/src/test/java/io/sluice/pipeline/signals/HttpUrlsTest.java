package io.sluice.pipeline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpUrlsTest {

    @Test
    void extractsLowerCasedHostWithoutUserInfoOrPort() {
        assertThat(HttpUrls.host("HTTPS://User:pw@WWW.Example.ORG:8443/path?q=1#f")).isEqualTo("www.example.org");
        assertThat(HttpUrls.host("http://example.org")).isEqualTo("example.org");
        assertThat(HttpUrls.host("http://example.org?q")).isEqualTo("example.org");
        assertThat(HttpUrls.host("http://[::1]:8080/x")).isEqualTo("[::1]");
    }

    @Test
    void keepsUrlsThatStrictUriParsingRejects() {
        assertThat(HttpUrls.host("https://de.wikipedia.org/wiki/Größe|x")).isEqualTo("de.wikipedia.org");
    }

    @Test
    void rejectsOtherSchemesRelativeAndHostlessUrls() {
        assertThat(HttpUrls.host(null)).isNull();
        assertThat(HttpUrls.host("mailto:a@b.org")).isNull();
        assertThat(HttpUrls.host("//example.org/x")).isNull();
        assertThat(HttpUrls.host("http://:80/")).isNull();
        assertThat(HttpUrls.host("http://user@/x")).isNull();
        assertThat(HttpUrls.host("http://[::1/x")).isNull();
    }
}
