package io.sluice.connectors.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, as served by Confluent,
 * Karapace, Redpanda and Apicurio ({@code /apis/ccompat/v7}). Thread-safe.
 *
 * <p>Deliberately not {@link java.io.Serializable}: it owns an HTTP client and caches. Flink
 * functions hold a {@link RegistryConfig} and build the client in {@code open()}.
 *
 * <p>Caches id to schema and (subject, schema) to id, both bounded by
 * {@link RegistryConfig#maxCacheSize()}: the registry never changes either mapping once assigned, so
 * repeated calls never touch the network. Compatibility answers are not cached, because they change
 * whenever a new version is registered.
 *
 * <p>Retries: failures that may go away (no answer, timeout, HTTP 5xx) are retried up to
 * {@value #MAX_ATTEMPTS} times with doubling backoff, and a url that cannot be reached is skipped for
 * the next one in {@link RegistryConfig#urls()}. Answers that will not change (4xx) fail at once.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);

    /** The media type every Confluent-compatible registry accepts. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** The levels the Confluent API defines; checked here because some servers answer a typo with a bare 400. */
    public static final Set<String> COMPATIBILITY_LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE",
            "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    static final int MAX_ATTEMPTS = 3;
    private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final int MAX_BODY_IN_MESSAGE = 300;
    private static final String MASK = "****";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final List<String> urls;
    private final HttpClient http;
    /** Null without basic auth. Never logged or put in a message. */
    private final String authorizationHeader;
    private final Duration initialBackoff;
    /** Index into {@link #urls} of the url that answered last, so failover sticks. */
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;

    /** Builds the HTTP client (and TLS context, when configured) from {@code config}. */
    public RestSchemaRegistryClient(RegistryConfig config) {
        this(config, DEFAULT_INITIAL_BACKOFF);
    }

    /** With a shorter backoff for tests, which would otherwise sleep through every retry. */
    RestSchemaRegistryClient(RegistryConfig config, Duration initialBackoff) {
        this.config = config;
        this.urls = config.urls();
        this.initialBackoff = initialBackoff;
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: some registries sit behind proxies that mishandle the h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        SSLContext ssl = sslContext(config);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.authorizationHeader = config.hasBasicAuth()
                ? "Basic " + Base64.getEncoder().encodeToString(
                        (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8))
                : null;
        this.schemasById = new BoundedCache<>(config.maxCacheSize());
        this.idsBySubjectSchema = new BoundedCache<>(config.maxCacheSize());
    }

    @Override
    public int register(String subject, Schema schema) {
        requireSubject(subject);
        String text = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, text);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        Call call = new Call("registering schema " + schema.getFullName() + " under subject '" + subject + "'",
                subject, schema, null);
        Response r = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(text), call);
        if (!r.isSuccess()) {
            throw failure(call, r);
        }
        JsonNode id = parse(r, call).get("id");
        if (id == null || !id.canConvertToInt()) {
            throw unexpected(call, r, "no integer 'id' field");
        }
        int schemaId = id.intValue();
        idsBySubjectSchema.put(key, schemaId);
        // The same text is what getById would return, so a decoder sharing this client skips a fetch.
        schemasById.put(schemaId, schema);
        return schemaId;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Call call = new Call("fetching schema id " + id, null, null, id);
        Response r = send("GET", "/schemas/ids/" + id, null, call);
        if (!r.isSuccess()) {
            throw failure(call, r);
        }
        JsonNode body = parse(r, call);
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new SchemaRegistryException(scrub("schema id " + id + " at " + r.url + " is a " + type.asText()
                    + " schema, not Avro: the record was not written by an Avro producer; route it to the dead letters"),
                    r.status, -1);
        }
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(call, r, "no string 'schema' field");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(scrub("schema id " + id + " at " + r.url + " is not a valid Avro schema ("
                    + e.getMessage() + "); it may reference other schemas, which Sluice does not support"),
                    r.status, -1, e);
        }
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        requireSubject(subject);
        Call call = new Call("checking schema " + schema.getFullName() + " against the latest version of subject '"
                + subject + "'", subject, schema, null);
        // verbose=true makes Confluent ("messages") and Apicurio ("reason") say why; others ignore it.
        Response r = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema.toString()), call);
        if (r.status == 404) {
            int code = errorCode(r);
            // No subject (40401) or no version yet (40402; Apicurio's answer for an unknown subject):
            // there is nothing to be incompatible with.
            if (code == 40401 || code == 40402) {
                return true;
            }
        }
        if (!r.isSuccess()) {
            throw failure(call, r);
        }
        JsonNode body = parse(r, call);
        JsonNode compatible = body.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw unexpected(call, r, "no boolean 'is_compatible' field");
        }
        if (!compatible.booleanValue()) {
            LOG.info("Schema {} is not compatible with the latest version of subject '{}': {}",
                    schema.getFullName(), subject, reason(body));
        }
        return compatible.booleanValue();
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String normalized = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!COMPATIBILITY_LEVELS.contains(normalized)) {
            throw new IllegalArgumentException("unknown compatibility level '" + level + "'"
                    + (subject == null ? "" : " for subject '" + subject + "'") + "; use one of "
                    + new java.util.TreeSet<>(COMPATIBILITY_LEVELS));
        }
        String path = subject == null ? "/config" : "/config/" + encode(requireSubject(subject));
        Call call = new Call("setting compatibility " + normalized
                + (subject == null ? " globally" : " for subject '" + subject + "'"), subject, null, null);
        ObjectNode body = JSON.createObjectNode().put("compatibility", normalized);
        Response r = send("PUT", path, body.toString(), call);
        if (!r.isSuccess()) {
            throw failure(call, r);
        }
    }

    /** Drops the caches. The JDK HTTP client of Java 17 has no close; its threads end once unreferenced. */
    @Override
    public void close() {
        schemasById.clear();
        idsBySubjectSchema.clear();
    }

    /** The config this client was built from. */
    public RegistryConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient{urls=" + urls + ", user=" + config.username() + "}";
    }

    // ---------------------------------------------------------------------------------------------
    // Transport: failover across urls, retry of retriable failures.

    private Response send(String method, String path, String body, Call call) {
        IOException lastIoFailure = null;
        String lastIoUrl = null;
        Response lastRetriable = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            int start = preferredUrl.get();
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                String base = urls.get(index);
                try {
                    Response r = sendOnce(method, base, path, body);
                    preferredUrl.set(index);
                    if (r.status < 500) {
                        return r;
                    }
                    // A 5xx may come from one sick node of a cluster: the next url may do better.
                    lastRetriable = r;
                    lastIoFailure = null;
                } catch (IOException e) {
                    LOG.debug("Registry at {} could not be reached while {}: {}", base, call.description, e.toString());
                    lastIoFailure = e;
                    lastIoUrl = base;
                    lastRetriable = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException(scrub("interrupted while " + call.description + " at " + base),
                            -1, -1, e);
                }
            }
            if (attempt < MAX_ATTEMPTS) {
                sleep(initialBackoff.multipliedBy(1L << (attempt - 1)), call);
            }
        }
        if (lastRetriable != null) {
            return lastRetriable;
        }
        String what = lastIoFailure.getClass().getSimpleName()
                + (lastIoFailure.getMessage() == null ? "" : ": " + lastIoFailure.getMessage());
        throw new SchemaRegistryException(scrub("could not reach the schema registry at " + config.urlsForMessages()
                + " while " + call.description + " (" + MAX_ATTEMPTS + " attempts; last failure at " + lastIoUrl + ": "
                + what + "); check that the registry is running and that url is right"), -1, -1, lastIoFailure);
    }

    private Response sendOnce(String method, String base, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorizationHeader != null) {
            request.header("Authorization", authorizationHeader);
        }
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        request.method(method, publisher);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(), base);
    }

    private void sleep(Duration backoff, Call call) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry " + call.description, -1, -1, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Error mapping: say what was asked, what the server said, and what to do.

    private SchemaRegistryException failure(Call call, Response r) {
        int code = errorCode(r);
        String said = serverMessage(r);
        String at = " at " + r.url;
        String message;
        if (r.status == 401) {
            message = "the schema registry" + at + " rejected the credentials (HTTP 401) while " + call.description
                    + (config.hasBasicAuth()
                            ? ": check basic.auth.user / basic.auth.password (user '" + config.username() + "')"
                            : ": it requires authentication; set basic.auth.user / basic.auth.password");
        } else if (r.status == 403) {
            message = "the schema registry" + at + " denied " + (config.hasBasicAuth()
                    ? "user '" + config.username() + "'" : "anonymous access") + " (HTTP 403) while " + call.description
                    + ": check basic.auth.user / basic.auth.password and that user's permissions";
        } else if (code == 40403) {
            message = "schema id " + call.id + " is not in the registry" + at
                    + ": the producer used another registry, or it was deleted (server said: " + said + ")";
        } else if (code == 40401) {
            message = "subject '" + call.subject + "' is not in the registry" + at + " while " + call.description
                    + ": check the subject name (Sluice uses <topic>-value) or register a schema first (server said: "
                    + said + ")";
        } else if (code == 40402) {
            message = "subject '" + call.subject + "' has no such version in the registry" + at + " while "
                    + call.description + " (server said: " + said + ")";
        } else if (r.status == 404) {
            message = "the schema registry" + at + " has no such endpoint (HTTP 404" + codeText(code) + ") while "
                    + call.description + ": check that url is the base of the Confluent-compatible API, e.g."
                    + " http://host:8081 for Confluent or http://host:8080/apis/ccompat/v7 for Apicurio (server said: "
                    + said + ")";
        } else if (r.status == 409) {
            message = "schema " + schemaName(call) + " is not compatible with the latest version of subject '"
                    + call.subject + "' under the subject's compatibility level (Sluice sets BACKWARD)" + at + ": "
                    + said + ". Make the change compatible (new fields need a default; remove only fields that have"
                    + " one) or publish it under a new subject";
        } else if (r.status == 422 || code == 42201) {
            message = "the schema registry" + at + " rejected " + (call.schema != null
                    ? "schema " + schemaName(call) + " for subject '" + call.subject + "' as invalid"
                    : "the request as invalid") + " (HTTP " + r.status + codeText(code) + ") while " + call.description
                    + ": " + said;
        } else if (r.status >= 500) {
            message = "the schema registry" + at + " failed (HTTP " + r.status + codeText(code) + ") while "
                    + call.description + " after " + MAX_ATTEMPTS + " attempts: " + said
                    + "; this is retriable: check the registry's health and logs";
        } else {
            message = "the schema registry" + at + " answered HTTP " + r.status + codeText(code) + " while "
                    + call.description + ": " + said;
        }
        return new SchemaRegistryException(scrub(message), r.status, code);
    }

    private SchemaRegistryException unexpected(Call call, Response r, String problem) {
        return new SchemaRegistryException(scrub("the schema registry at " + r.url + " answered " + call.description
                + " with HTTP " + r.status + " but " + problem + " in: " + excerpt(r.body)
                + "; is url pointing at a Confluent-compatible API?"), r.status, -1);
    }

    private JsonNode parse(Response r, Call call) {
        try {
            JsonNode node = JSON.readTree(r.body);
            if (node == null || !node.isObject()) {
                throw unexpected(call, r, "no JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unexpected(call, r, "no JSON");
        }
    }

    /** The Confluent {@code error_code}, or -1 when the body has none (some servers answer plain text). */
    private static int errorCode(Response r) {
        JsonNode node = readQuietly(r.body);
        JsonNode code = node == null ? null : node.get("error_code");
        return code != null && code.canConvertToInt() ? code.intValue() : -1;
    }

    private static String serverMessage(Response r) {
        JsonNode node = readQuietly(r.body);
        JsonNode message = node == null ? null : node.get("message");
        if (message != null && message.isTextual()) {
            return excerpt(message.asText());
        }
        return r.body == null || r.body.isBlank() ? "(empty body)" : excerpt(r.body);
    }

    private static String reason(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray() && !messages.isEmpty()) {
            return excerpt(messages.toString());
        }
        JsonNode reason = body.get("reason");
        return reason != null && reason.isTextual() ? excerpt(reason.asText()) : "(the registry gave no reason)";
    }

    private static JsonNode readQuietly(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }

    private static String codeText(int code) {
        return code < 0 ? "" : ", error_code " + code;
    }

    private static String schemaName(Call call) {
        return call.schema == null ? "(unknown)" : call.schema.getFullName();
    }

    /** A safety net: no message may carry the password, even if a server echoed it. */
    private String scrub(String message) {
        String result = message;
        for (String secret : new String[] {config.password(), config.truststorePassword(), config.keystorePassword()}) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------

    private static String schemaBody(String schemaText) {
        return JSON.createObjectNode().put("schema", schemaText).toString();
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank; Sluice uses <topic>-value");
        }
        return subject;
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SSLContext sslContext(RegistryConfig config) {
        if (config.truststorePath() == null && config.keystorePath() == null) {
            return null;
        }
        try {
            javax.net.ssl.TrustManager[] trust = null;
            if (config.truststorePath() != null) {
                KeyStore store = load(RegistryConfig.KEY_TRUSTSTORE_LOCATION, config.truststorePath(),
                        config.truststorePassword(), config.truststoreType());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] keys = null;
            if (config.keystorePath() != null) {
                KeyStore store = load(RegistryConfig.KEY_KEYSTORE_LOCATION, config.keystorePath(),
                        config.keystorePassword(), config.keystoreType());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, chars(config.keystorePassword()));
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not set up TLS for the schema registry from "
                    + RegistryConfig.KEY_TRUSTSTORE_LOCATION + " / " + RegistryConfig.KEY_KEYSTORE_LOCATION + ": " + e,
                    e);
        }
    }

    private static KeyStore load(String key, String path, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // e's message names the file or says "password was incorrect", never the password itself.
            throw new IllegalArgumentException("could not load " + key + " '" + path + "' as a " + type + " store: "
                    + e + "; check the path, the store type and its password", e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    /** One request's context, for messages. */
    private record Call(String description, String subject, Schema schema, Integer id) {}

    /** One HTTP answer and the base url that gave it. */
    private record Response(int status, String body, String url) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** Cache key: the schema's exact text, since registries assign ids by content. */
    private record SubjectSchema(String subject, String schemaText) {}
}
