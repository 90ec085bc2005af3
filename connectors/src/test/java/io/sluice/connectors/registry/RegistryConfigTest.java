package io.sluice.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    private static final String URL = "http://127.0.0.1:8080/apis/ccompat/v7";

    @Test
    void ofUsesDefaultsAndNoCredentials() {
        RegistryConfig config = RegistryConfig.of(URL);

        assertThat(config.urls()).containsExactly(URL);
        assertThat(config.hasBasicAuth()).isFalse();
        assertThat(config.requestTimeout()).isEqualTo(RegistryConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(config.maxCacheSize()).isEqualTo(RegistryConfig.DEFAULT_MAX_CACHE_SIZE);
    }

    @Test
    void fromMapReadsEveryKey() {
        Map<String, String> map = new HashMap<>();
        map.put("url", URL);
        map.put("basic.auth.user", "sluice");
        map.put("basic.auth.password", "pw-1");
        map.put("ssl.truststore.location", "/etc/trust.p12");
        map.put("ssl.truststore.password", "pw-2");
        map.put("ssl.truststore.type", "JKS");
        map.put("ssl.keystore.location", "/etc/key.p12");
        map.put("ssl.keystore.password", "pw-3");
        map.put("request.timeout.ms", "2500");
        map.put("max.cache.size", "50");

        RegistryConfig config = RegistryConfig.fromMap(map);

        assertThat(config).isEqualTo(new RegistryConfig(URL, "sluice", "pw-1", "/etc/trust.p12", "pw-2", "JKS",
                "/etc/key.p12", "pw-3", "PKCS12", Duration.ofMillis(2500), 50));
    }

    @Test
    void fromMapWithoutUrlNamesTheKey() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("basic.auth.user", "sluice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'url' is missing");
    }

    @Test
    void fromMapRejectsAMisspeltKeyNamingIt() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("url", URL, "basic.auth.username", "sluice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'basic.auth.username'")
                .hasMessageContaining("basic.auth.user");
    }

    @Test
    void fromMapRejectsNonNumericTimeoutNamingTheKey() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("url", URL, "request.timeout.ms", "10s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'request.timeout.ms'")
                .hasMessageContaining("10s");
    }

    @Test
    void fromMapRejectsZeroTimeoutNamingTheKey() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("url", URL, "request.timeout.ms", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'request.timeout.ms' must be positive");
    }

    @Test
    void passwordWithoutUserNamesTheMissingKey() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of("url", URL, "basic.auth.password", "pw")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only basic.auth.password is set");
    }

    @Test
    void toStringMasksEveryPassword() {
        RegistryConfig config = RegistryConfig.of(URL)
                .withBasicAuth("sluice", "basic-secret")
                .withTruststore("/etc/trust.p12", "trust-secret", null)
                .withKeystore("/etc/key.p12", "key-secret", null);

        assertThat(config.toString())
                .contains("sluice", "/etc/trust.p12", "/etc/key.p12", "****")
                .doesNotContain("basic-secret", "trust-secret", "key-secret");
    }

    @Test
    void commaSeparatedUrlsAreSplitTrimmedAndStrippedOfTrailingSlashes() {
        RegistryConfig config = RegistryConfig.of(" http://a:8081/ , https://b:8081/apis/ccompat/v7");

        assertThat(config.urls()).containsExactly("http://a:8081", "https://b:8081/apis/ccompat/v7");
    }

    @Test
    void emptyUrlEntryIsRejected() {
        assertThatThrownBy(() -> RegistryConfig.of("http://a:8081,,http://b:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 2");
    }

    @Test
    void urlWithCredentialsIsRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> RegistryConfig.of("http://sluice:hunter2@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic.auth.user")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void nonHttpUrlIsRejected() {
        assertThatThrownBy(() -> RegistryConfig.of("registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        RegistryConfig config = RegistryConfig.of(URL).withBasicAuth("sluice", "pw").withMaxCacheSize(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }

        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(config);
    }
}
