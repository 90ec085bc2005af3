package io.sluice.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.SyntheticRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String SUBJECT = "sluice.ingest.synthetic-value";
    private static final Schema SCHEMA = SyntheticRecord.getClassSchema();
    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeRegistryServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeRegistryServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A client that retries after 1 ms instead of 100 ms, so retry tests stay fast. */
    private RestSchemaRegistryClient client(RegistryConfig config) {
        return new RestSchemaRegistryClient(config, Duration.ofMillis(1));
    }

    private RestSchemaRegistryClient client() {
        return client(RegistryConfig.of(server.url()));
    }

    private static String schemaResponse(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    @Test
    void registerPostsTheSchemaWithTheConfluentContentTypeAndReturnsTheId() throws IOException {
        server.respond(200, "{\"id\":7}");

        int id = client().register(SUBJECT, SCHEMA);

        assertThat(id).isEqualTo(7);
        FakeRegistryServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/apis/ccompat/v7/subjects/" + SUBJECT + "/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
        assertThat(request.authorization()).isNull();
    }

    @Test
    void registeringTheSameSchemaAgainIsServedFromTheCache() {
        server.respond(200, "{\"id\":7}");
        RestSchemaRegistryClient client = client();

        client.register(SUBJECT, SCHEMA);
        int again = client.register(SUBJECT, new Schema.Parser().parse(SCHEMA.toString()));

        assertThat(again).isEqualTo(7);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void registeringUnderAnotherSubjectAsksTheRegistry() {
        server.respond(200, "{\"id\":7}").respond(200, "{\"id\":7}");
        RestSchemaRegistryClient client = client();

        client.register(SUBJECT, SCHEMA);
        client.register("other-value", SCHEMA);

        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void getByIdParsesTheSchemaAndASecondCallDoesNotHitTheServer() {
        server.respond(200, schemaResponse(SCHEMA));
        RestSchemaRegistryClient client = client();

        Schema first = client.getById(3);
        Schema second = client.getById(3);

        assertThat(first).isEqualTo(SCHEMA);
        assertThat(second).isSameAs(first);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).method()).isEqualTo("GET");
        assertThat(server.requests().get(0).pathAndQuery()).isEqualTo("/apis/ccompat/v7/schemas/ids/3");
    }

    @Test
    void getByIdAfterRegisterIsServedFromTheCache() {
        server.respond(200, "{\"id\":11}");
        RestSchemaRegistryClient client = client();

        client.register(SUBJECT, SCHEMA);

        assertThat(client.getById(11)).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void unknownIdFailsWith40403SayingWhatProbablyHappened() {
        server.respond(404, "{\"error_code\":40403,\"message\":\"Schema 42 not found\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client().getById(42));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage())
                .contains("schema id 42 is not in the registry at " + server.url())
                .contains("the producer used another registry, or it was deleted")
                .contains("Schema 42 not found");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void incompatibleRegistrationFailsWith409NamingSchemaSubjectAndServerReason() {
        server.respond(409, "{\"error_code\":409,\"message\":\"Incompatible artifact: " + SUBJECT
                + " [AVRO], num of incompatible diffs: {1}, list of diff types: [note at /fields/12]\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client().register(SUBJECT, SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(409);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage())
                .contains("io.sluice.avro.SyntheticRecord is not compatible with the latest version of subject '"
                        + SUBJECT + "'")
                .contains("BACKWARD")
                .contains("note at /fields/12")
                .contains("default");
    }

    @Test
    void invalidSchemaFailsWith42201() {
        server.respond(422, "{\"error_code\":42201,\"message\":\"Failed to discover artifact type from content.\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client().register(SUBJECT, SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.errorCode()).isEqualTo(42201);
        assertThat(e.getMessage())
                .contains("rejected schema io.sluice.avro.SyntheticRecord for subject '" + SUBJECT + "' as invalid")
                .contains("Failed to discover artifact type");
    }

    @Test
    void basicAuthSendsTheAuthorizationHeader() {
        server.respond(200, "{\"id\":1}");

        client(RegistryConfig.of(server.url()).withBasicAuth("sluice", PASSWORD)).register(SUBJECT, SCHEMA);

        String expected = "Basic " + Base64.getEncoder()
                .encodeToString(("sluice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests().get(0).authorization()).isEqualTo(expected);
    }

    @Test
    void rejectedCredentialsSayWhichSettingsToCheckAndNeverShowThePassword() {
        // A careless server that echoes the password: the client must still not show it.
        server.respond(401, "{\"error_code\":40101,\"message\":\"bad credentials sluice:" + PASSWORD + "\"}");
        RestSchemaRegistryClient client = client(RegistryConfig.of(server.url()).withBasicAuth("sluice", PASSWORD));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(1));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).contains("check basic.auth.user / basic.auth.password").contains("'sluice'");
        assertThat(e.toString()).doesNotContain(PASSWORD);
        assertThat(client.toString()).doesNotContain(PASSWORD);
        assertThat(client.config().toString()).doesNotContain(PASSWORD);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void forbiddenSaysWhichUserWasDenied() {
        server.respond(403, "{\"error_code\":40301,\"message\":\"forbidden\"}");
        RestSchemaRegistryClient client = client(RegistryConfig.of(server.url()).withBasicAuth("reader", PASSWORD));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(SUBJECT, SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("denied user 'reader'").contains("basic.auth.user").doesNotContain(PASSWORD);
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        server.respond(500, "{\"error_code\":50001,\"message\":\"store not ready\"}")
                .respond(200, schemaResponse(SCHEMA));

        Schema schema = client().getById(5);

        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxAttemptsAsRetriable() {
        for (int i = 0; i < RestSchemaRegistryClient.MAX_ATTEMPTS; i++) {
            server.respond(503, "{\"error_code\":50003,\"message\":\"forwarding failed\"}");
        }

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client().getById(5));

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50003);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.getMessage()).contains("forwarding failed").contains(RestSchemaRegistryClient.MAX_ATTEMPTS + " attempts");
        assertThat(server.requests()).hasSize(RestSchemaRegistryClient.MAX_ATTEMPTS);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.respond(422, "{\"error_code\":42201,\"message\":\"invalid\"}").respond(200, "{\"id\":1}");

        assertThatThrownBy(() -> client().register(SUBJECT, SCHEMA)).isInstanceOf(SchemaRegistryException.class);

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void unreachableRegistryFailsAsRetriableNamingTheUrl() throws IOException {
        String deadUrl = "http://127.0.0.1:" + closedPort();

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(RegistryConfig.of(deadUrl)).getById(1));

        assertThat(e.httpStatus()).isEqualTo(-1);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.getMessage()).contains("could not reach the schema registry at " + deadUrl);
    }

    @Test
    void failsOverToTheNextUrlWhenTheFirstCannotBeReached() throws IOException {
        String deadUrl = "http://127.0.0.1:" + closedPort();
        server.respond(200, schemaResponse(SCHEMA)).respond(200, "{\"id\":4}");
        RestSchemaRegistryClient client = client(RegistryConfig.of(deadUrl + "," + server.url()));

        assertThat(client.getById(4)).isEqualTo(SCHEMA);
        assertThat(client.register("other-value", SCHEMA)).isEqualTo(4);

        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void isCompatibleReadsTheVerboseAnswer() {
        server.respond(200, "{\"is_compatible\":false,\"reason\":\"note at /fields/12\"}")
                .respond(200, "{\"is_compatible\":true}");
        RestSchemaRegistryClient client = client();

        assertThat(client.isCompatible(SUBJECT, SCHEMA)).isFalse();
        assertThat(client.isCompatible(SUBJECT, SCHEMA)).isTrue();

        assertThat(server.requests().get(0).pathAndQuery())
                .isEqualTo("/apis/ccompat/v7/compatibility/subjects/" + SUBJECT + "/versions/latest?verbose=true");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void isCompatibleIsTrueWhenTheSubjectOrItsLatestVersionDoesNotExist() {
        // Confluent answers 40401 for an unknown subject; Apicurio answers 40402 (no version 'latest').
        server.respond(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}")
                .respond(404, "{\"error_code\":40402,\"message\":\"No version 'latest' found\"}");
        RestSchemaRegistryClient client = client();

        assertThat(client.isCompatible("new-value", SCHEMA)).isTrue();
        assertThat(client.isCompatible("new-value", SCHEMA)).isTrue();
    }

    @Test
    void wrongBasePathIsReportedAsAMissingEndpoint() {
        server.respond(404, "{\"error_code\":0,\"message\":\"RESTEASY003210: Could not find resource\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client().isCompatible(SUBJECT, SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("no such endpoint").contains("/apis/ccompat/v7");
    }

    @Test
    void setCompatibilityPutsGlobalAndSubjectConfig() throws IOException {
        server.respond(200, "{\"compatibility\":\"BACKWARD\"}").respond(200, "{\"compatibility\":\"FULL\"}");
        RestSchemaRegistryClient client = client();

        client.setCompatibility(null, "BACKWARD");
        client.setCompatibility(SUBJECT, "full");

        FakeRegistryServer.Request global = server.requests().get(0);
        FakeRegistryServer.Request subject = server.requests().get(1);
        assertThat(global.method()).isEqualTo("PUT");
        assertThat(global.pathAndQuery()).isEqualTo("/apis/ccompat/v7/config");
        assertThat(JSON.readTree(global.body()).get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(subject.pathAndQuery()).isEqualTo("/apis/ccompat/v7/config/" + SUBJECT);
        assertThat(JSON.readTree(subject.body()).get("compatibility").asText()).isEqualTo("FULL");
    }

    @Test
    void unknownCompatibilityLevelIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> client().setCompatibility(SUBJECT, "BACKWARDS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'BACKWARDS'")
                .hasMessageContaining("BACKWARD_TRANSITIVE");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void plainTextErrorBodyIsQuotedInTheMessage() {
        // Apicurio answers a malformed config body with a bare 400 and no JSON.
        server.respond(400, "Not able to deserialize data provided.");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client().setCompatibility(null, "FULL"));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo(-1);
        assertThat(e.getMessage()).contains("Not able to deserialize data provided.").contains("setting compatibility");
    }

    @Test
    void nonAvroSchemaIsReportedAsSuch() {
        server.respond(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client().getById(8));

        assertThat(e.getMessage()).contains("schema id 8").contains("PROTOBUF").contains("not Avro");
    }

    @Test
    void missingTruststoreFailsAtConstructionNamingKeyAndPath() {
        RegistryConfig config = RegistryConfig.of("https://127.0.0.1:1")
                .withTruststore("/nonexistent/trust.p12", PASSWORD, null);

        assertThatThrownBy(() -> new RestSchemaRegistryClient(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssl.truststore.location")
                .hasMessageContaining("/nonexistent/trust.p12")
                .hasMessageNotContaining(PASSWORD);
    }

    /** A port nothing listens on: bound and released, so connecting is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
