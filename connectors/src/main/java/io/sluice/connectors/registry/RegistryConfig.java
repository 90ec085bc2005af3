package io.sluice.connectors.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to reach a Confluent-compatible schema registry (Confluent, Karapace, Redpanda, Apicurio's
 * {@code /apis/ccompat/v7}). Immutable and {@link Serializable}: Flink functions hold this and build
 * a {@link RestSchemaRegistryClient} in {@code open()}, because an HTTP client cannot travel with
 * the job graph.
 *
 * <p>{@code url} may list several base urls separated by commas; the client fails over to the next
 * one when a url cannot be reached. Passwords are never printed: {@link #toString()} masks them.
 *
 * @param url             base url(s) of the Confluent API, comma-separated, e.g.
 *                        {@code http://127.0.0.1:8080/apis/ccompat/v7}
 * @param username        basic-auth user, or null for no authentication
 * @param password        basic-auth password; set exactly when {@code username} is
 * @param truststorePath  trust store for https, or null to use the JVM's default trust
 * @param truststorePassword password of the trust store, may be null
 * @param truststoreType  {@code PKCS12} (default) or {@code JKS}
 * @param keystorePath    client key store for mutual TLS, or null
 * @param keystorePassword password of the key store (also used for the key), may be null
 * @param keystoreType    {@code PKCS12} (default) or {@code JKS}
 * @param requestTimeout  limit for connecting and for each request
 * @param maxCacheSize    entries kept in each of the client's caches (id to schema, schema to id)
 */
public record RegistryConfig(
        String url,
        String username,
        String password,
        String truststorePath,
        String truststorePassword,
        String truststoreType,
        String keystorePath,
        String keystorePassword,
        String keystoreType,
        Duration requestTimeout,
        int maxCacheSize) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Enough for every schema version a job meets in practice, small enough never to matter for heap. */
    public static final int DEFAULT_MAX_CACHE_SIZE = 1000;
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    public static final String KEY_URL = "url";
    public static final String KEY_USER = "basic.auth.user";
    public static final String KEY_PASSWORD = "basic.auth.password";
    public static final String KEY_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String KEY_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String KEY_TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String KEY_KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String KEY_KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String KEY_KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String KEY_REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String KEY_MAX_CACHE_SIZE = "max.cache.size";

    private static final Set<String> KNOWN_KEYS = Set.of(KEY_URL, KEY_USER, KEY_PASSWORD,
            KEY_TRUSTSTORE_LOCATION, KEY_TRUSTSTORE_PASSWORD, KEY_TRUSTSTORE_TYPE,
            KEY_KEYSTORE_LOCATION, KEY_KEYSTORE_PASSWORD, KEY_KEYSTORE_TYPE,
            KEY_REQUEST_TIMEOUT_MS, KEY_MAX_CACHE_SIZE);

    private static final String MASK = "****";

    /** Validates every component, so a bad config fails where it is built rather than at the first request. */
    public RegistryConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("registry " + KEY_URL + " is missing: set it to the base url of the"
                    + " Confluent-compatible API, e.g. http://127.0.0.1:8080/apis/ccompat/v7");
        }
        List<String> parsed = splitUrls(url);
        // Rebuild from the parsed list so "a , b/" and "a,b" are the same config.
        url = String.join(",", parsed);
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("registry basic auth needs both " + KEY_USER + " and " + KEY_PASSWORD
                    + "; only " + (username == null ? KEY_PASSWORD : KEY_USER) + " is set");
        }
        if (username != null && username.isBlank()) {
            throw new IllegalArgumentException("registry " + KEY_USER + " is blank: set a user name or remove both "
                    + KEY_USER + " and " + KEY_PASSWORD);
        }
        truststoreType = storeType(truststorePath, truststoreType);
        keystoreType = storeType(keystorePath, keystoreType);
        if (requestTimeout == null) {
            requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("registry " + KEY_REQUEST_TIMEOUT_MS + " must be positive, got "
                    + requestTimeout.toMillis() + " ms");
        }
        if (maxCacheSize <= 0) {
            throw new IllegalArgumentException("registry " + KEY_MAX_CACHE_SIZE + " must be positive, got " + maxCacheSize);
        }
    }

    /** A config for an unauthenticated registry at {@code url} (or comma-separated urls), with default limits. */
    public static RegistryConfig of(String url) {
        return new RegistryConfig(url, null, null, null, null, null, null, null, null,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CACHE_SIZE);
    }

    /**
     * Parses the keys {@value #KEY_URL}, {@value #KEY_USER}, {@value #KEY_PASSWORD},
     * {@value #KEY_TRUSTSTORE_LOCATION}, {@value #KEY_TRUSTSTORE_PASSWORD}, {@value #KEY_TRUSTSTORE_TYPE},
     * {@value #KEY_KEYSTORE_LOCATION}, {@value #KEY_KEYSTORE_PASSWORD}, {@value #KEY_KEYSTORE_TYPE},
     * {@value #KEY_REQUEST_TIMEOUT_MS} and {@value #KEY_MAX_CACHE_SIZE}. Unknown keys are rejected so
     * a misspelt key (say {@code basic.auth.username}) fails here instead of silently sending no
     * credentials.
     *
     * @throws IllegalArgumentException naming the missing, unknown or invalid key
     */
    public static RegistryConfig fromMap(Map<String, String> properties) {
        Map<String, String> p = new HashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (!KNOWN_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown registry config key '" + e.getKey() + "'; known keys: "
                        + new TreeSet<>(KNOWN_KEYS));
            }
            if (e.getValue() != null && !e.getValue().isBlank()) {
                p.put(e.getKey(), e.getValue().trim());
            }
        }
        if (!p.containsKey(KEY_URL)) {
            throw new IllegalArgumentException("registry config key '" + KEY_URL + "' is missing: set it to the base"
                    + " url of the Confluent-compatible API, e.g. http://127.0.0.1:8080/apis/ccompat/v7");
        }
        Duration timeout = DEFAULT_REQUEST_TIMEOUT;
        if (p.containsKey(KEY_REQUEST_TIMEOUT_MS)) {
            timeout = Duration.ofMillis(positiveNumber(KEY_REQUEST_TIMEOUT_MS, p.get(KEY_REQUEST_TIMEOUT_MS)));
        }
        int cacheSize = DEFAULT_MAX_CACHE_SIZE;
        if (p.containsKey(KEY_MAX_CACHE_SIZE)) {
            long n = positiveNumber(KEY_MAX_CACHE_SIZE, p.get(KEY_MAX_CACHE_SIZE));
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("registry config key '" + KEY_MAX_CACHE_SIZE + "' is too large: " + n);
            }
            cacheSize = (int) n;
        }
        return new RegistryConfig(p.get(KEY_URL), p.get(KEY_USER), p.get(KEY_PASSWORD),
                p.get(KEY_TRUSTSTORE_LOCATION), p.get(KEY_TRUSTSTORE_PASSWORD), p.get(KEY_TRUSTSTORE_TYPE),
                p.get(KEY_KEYSTORE_LOCATION), p.get(KEY_KEYSTORE_PASSWORD), p.get(KEY_KEYSTORE_TYPE),
                timeout, cacheSize);
    }

    /** The base urls in failover order, without trailing slashes. */
    public List<String> urls() {
        return splitUrls(url);
    }

    /** Whether requests carry basic-auth credentials. */
    public boolean hasBasicAuth() {
        return username != null;
    }

    /** A copy that authenticates with basic auth. */
    public RegistryConfig withBasicAuth(String user, String pass) {
        return new RegistryConfig(url, user, pass, truststorePath, truststorePassword, truststoreType,
                keystorePath, keystorePassword, keystoreType, requestTimeout, maxCacheSize);
    }

    /** A copy that trusts the certificates in this store (for a registry with a private CA). */
    public RegistryConfig withTruststore(String path, String storePassword, String type) {
        return new RegistryConfig(url, username, password, path, storePassword, type,
                keystorePath, keystorePassword, keystoreType, requestTimeout, maxCacheSize);
    }

    /** A copy that presents the client certificate in this store (mutual TLS). */
    public RegistryConfig withKeystore(String path, String storePassword, String type) {
        return new RegistryConfig(url, username, password, truststorePath, truststorePassword, truststoreType,
                path, storePassword, type, requestTimeout, maxCacheSize);
    }

    /** A copy with another request timeout. */
    public RegistryConfig withRequestTimeout(Duration timeout) {
        return new RegistryConfig(url, username, password, truststorePath, truststorePassword, truststoreType,
                keystorePath, keystorePassword, keystoreType, timeout, maxCacheSize);
    }

    /** A copy with another cache size. */
    public RegistryConfig withMaxCacheSize(int size) {
        return new RegistryConfig(url, username, password, truststorePath, truststorePassword, truststoreType,
                keystorePath, keystorePassword, keystoreType, requestTimeout, size);
    }

    /** Every component, with the three passwords masked. */
    @Override
    public String toString() {
        return "RegistryConfig{url=" + url
                + ", username=" + username
                + ", password=" + mask(password)
                + ", truststorePath=" + truststorePath
                + ", truststorePassword=" + mask(truststorePassword)
                + ", truststoreType=" + truststoreType
                + ", keystorePath=" + keystorePath
                + ", keystorePassword=" + mask(keystorePassword)
                + ", keystoreType=" + keystoreType
                + ", requestTimeout=" + requestTimeout
                + ", maxCacheSize=" + maxCacheSize + "}";
    }

    private static String mask(String secret) {
        return secret == null ? null : MASK;
    }

    private static String storeType(String path, String type) {
        if (path == null) {
            return type;
        }
        return type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type;
    }

    private static long positiveNumber(String key, String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("registry config key '" + key + "' must be a whole number, got '"
                    + value + "'");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("registry config key '" + key + "' must be positive, got " + n);
        }
        return n;
    }

    private static List<String> splitUrls(String commaSeparated) {
        List<String> result = new ArrayList<>();
        String[] parts = commaSeparated.split(",");
        for (int i = 0; i < parts.length; i++) {
            String u = parts[i].trim();
            if (u.isEmpty()) {
                throw new IllegalArgumentException("registry " + KEY_URL + " has an empty entry at position " + (i + 1)
                        + " of '" + commaSeparated + "': remove the extra comma");
            }
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                // Only the reason, not the whole message: it would echo the url, which may hold credentials.
                String reason = e.getCause() instanceof java.net.URISyntaxException use ? use.getReason() : "unparseable";
                throw new IllegalArgumentException("registry " + KEY_URL + " entry " + (i + 1) + " is not a valid url ("
                        + reason + "); expected e.g. http://127.0.0.1:8080/apis/ccompat/v7");
            }
            if (uri.getRawUserInfo() != null) {
                // Do not echo the url: the user info may hold a password.
                throw new IllegalArgumentException("registry " + KEY_URL + " entry " + (i + 1) + " contains user info"
                        + " (credentials); put them in " + KEY_USER + " / " + KEY_PASSWORD + " instead");
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("registry " + KEY_URL + " entry '" + u + "' must start with http://"
                        + " or https://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("registry " + KEY_URL + " entry '" + u + "' has no host");
            }
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            result.add(u);
        }
        return List.copyOf(result);
    }

    /** For messages that list the urls: same as {@link #urls()} joined, never with credentials. */
    String urlsForMessages() {
        return String.join(", ", urls());
    }
}
