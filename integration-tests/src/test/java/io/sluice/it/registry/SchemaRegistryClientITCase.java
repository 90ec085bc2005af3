package io.sluice.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.registry.RegistryConfig;
import io.sluice.connectors.registry.RestSchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import io.sluice.connectors.serde.ConfluentAvroDecoder;
import io.sluice.connectors.serde.ConfluentAvroSerializer;
import io.sluice.connectors.serde.ConfluentGenericAvroSerializer;
import io.sluice.connectors.serde.ConfluentWireFormat;
import io.sluice.connectors.serde.DecodeException;
import io.sluice.stack.ApicurioRegistryServer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's registry client and wire-format serde against a real Confluent-compatible server
 * (Apicurio Registry's {@code /apis/ccompat/v7}, in a child JVM). Checks the answers the unit tests
 * only fake: ids, idempotent registration, the compatibility check, 409 and 40403.
 *
 * <p>Most checks use a fresh client so its cache cannot answer in place of the server.
 */
class SchemaRegistryClientITCase {

    private static final String SUBJECT = "sluice.ingest.synthetic-value";
    private static final Schema CURRENT = SyntheticRecord.getClassSchema();

    private static ApicurioRegistryServer server;
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() throws IOException {
        server = ApicurioRegistryServer.start();
        client = freshClient();
        // The server helper sets this too; doing it here exercises PUT /config against the real server.
        client.setCompatibility(null, "BACKWARD");
    }

    @AfterAll
    static void stopRegistry() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static RestSchemaRegistryClient freshClient() {
        return new RestSchemaRegistryClient(RegistryConfig.of(server.confluentApiUrl()));
    }

    /** SyntheticRecord's schema plus one field that is required and has no default. */
    private static Schema withRequiredField(Schema schema, String field) {
        String json = schema.toString();
        String extended = json.substring(0, json.lastIndexOf(']'))
                + ",{\"name\":\"" + field + "\",\"type\":\"string\"}]}";
        return new Schema.Parser().parse(extended);
    }

    private static SyntheticRecord synthetic(String id) {
        return SyntheticRecord.newBuilder()
                .setId(id)
                .setText("Members debated the fisheries regulation late into the evening.")
                .setEventTime(Instant.parse("2026-03-01T12:00:00.123Z"))
                .setGeneratorModel("gen-7b")
                .setParentIds(List.of("r-9"))
                .setLineageDepth(1)
                .setLanguage("en")
                .build();
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameId() {
        int first = client.register(SUBJECT, CURRENT);

        int second = freshClient().register(SUBJECT, CURRENT);

        assertThat(first).isPositive();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void getByIdReturnsAnEqualSchema() {
        int id = client.register(SUBJECT, CURRENT);

        Schema fetched = freshClient().getById(id);

        assertThat(fetched).isEqualTo(CURRENT);
        assertThat(fetched.getFullName()).isEqualTo("io.sluice.avro.SyntheticRecord");
    }

    @Test
    void requiredFieldWithoutDefaultIsIncompatibleAndItsRegistrationFailsWith409() {
        client.register(SUBJECT, CURRENT);
        Schema incompatible = withRequiredField(CURRENT, "mandatory_score");
        RestSchemaRegistryClient fresh = freshClient();

        assertThat(fresh.isCompatible(SUBJECT, incompatible)).isFalse();
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> fresh.register(SUBJECT, incompatible));

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).contains(SUBJECT).contains("mandatory_score");
    }

    @Test
    void currentSchemaIsCompatibleWithItselfAndWithAnUnknownSubject() {
        client.register(SUBJECT, CURRENT);

        assertThat(freshClient().isCompatible(SUBJECT, CURRENT)).isTrue();
        assertThat(freshClient().isCompatible("it.never-registered-value", CURRENT)).isTrue();
    }

    @Test
    void unknownIdFailsWith40403() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> freshClient().getById(999_999));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e.getMessage()).contains("schema id 999999").contains(server.confluentApiUrl());
    }

    @Test
    void serializedRecordDecodesThroughTheRealRegistry() {
        SyntheticRecord record = synthetic("it-1");
        byte[] bytes = new ConfluentAvroSerializer<>(freshClient(), SUBJECT, SyntheticRecord.class).serialize(record);

        SyntheticRecord decoded = new ConfluentAvroDecoder<>(freshClient(), SyntheticRecord.class).decode(bytes);

        assertThat(decoded).isEqualTo(record);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(client.register(SUBJECT, CURRENT));
    }

    @Test
    void recordFromAnOlderProducerDecodesWithDefaults() {
        Schema older = new Schema.Parser().parse("""
                {"type": "record", "name": "SyntheticRecord", "namespace": "io.sluice.avro", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "text", "type": "string"},
                  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "generator_model", "type": "string"}
                ]}""");
        GenericRecord old = new GenericData.Record(older);
        old.put("id", "old-1");
        old.put("text", "Written by the first generator release.");
        old.put("event_time", 1_700_000_000_000L);
        old.put("generator_model", "gen-3b");
        byte[] bytes = new ConfluentGenericAvroSerializer(freshClient(), "it.older-producer-value", older)
                .serialize(old);

        SyntheticRecord decoded = new ConfluentAvroDecoder<>(freshClient(), SyntheticRecord.class).decode(bytes);

        assertThat(decoded.getId()).isEqualTo("old-1");
        assertThat(decoded.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(decoded.getParentIds()).isEmpty();
        assertThat(decoded.getLineageDepth()).isZero();
    }

    @Test
    void unknownIdInARecordIsASchemaLookupFailure() {
        byte[] bytes = ConfluentWireFormat.frame(999_999, new byte[] {2, 'a'});

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(freshClient(), SyntheticRecord.class).decode(bytes));

        assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_LOOKUP);
        assertThat(e.schemaId()).isEqualTo(999_999);
    }
}
