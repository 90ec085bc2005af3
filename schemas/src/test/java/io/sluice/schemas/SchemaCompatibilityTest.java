package io.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.DistributionSnapshot;
import io.sluice.avro.DriftAlert;
import io.sluice.avro.FeedbackEvent;
import io.sluice.avro.InterventionRecord;
import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build-time guard of schema evolution: every topic schema must stay BACKWARD compatible with
 * its last released version (kept, fully inlined, under {@code src/test/resources/released/}), so
 * consumers upgraded to the new schema can still read everything already in the topics. This is
 * the same rule the registry enforces at registration, caught before a release instead of at
 * deploy time.
 *
 * <p>On a release, copy each schema's {@code getClassSchema().toString(true)} over its file in
 * {@code released/}.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> topicSchemas() {
        return Stream.of(SyntheticRecord.getClassSchema(), ScrapedRecord.getClassSchema(),
                CuratedRecord.getClassSchema(), ResynthesisRequest.getClassSchema(),
                DistributionSnapshot.getClassSchema(), DriftAlert.getClassSchema(), PolicyUpdate.getClassSchema(),
                FeedbackEvent.getClassSchema(), InterventionRecord.getClassSchema());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSchemas")
    void currentSchemaReadsDataWrittenWithLastReleasedSchema(Schema current) throws IOException {
        Schema released = released(current.getName());
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertThat(result.getType())
                .as("%s is not BACKWARD compatible with its released version: %s", current.getFullName(),
                        result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyTopicSchemaHasAReleasedVersion() {
        // A schema without a released file would silently skip the check above.
        List<String> missing = topicSchemas().map(Schema::getName)
                .filter(name -> SchemaCompatibilityTest.class.getResource("/released/" + name + ".avsc") == null)
                .toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void detectsARequiredFieldAddedWithoutDefault() throws IOException {
        // Proves the check above can fail: the classic backward-incompatible change.
        Schema released = released("SyntheticRecord");
        Schema current = SyntheticRecord.getClassSchema();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("new_required", Schema.create(Schema.Type.STRING), "no default", null));
        Schema changed = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        assertThat(changed.getField("new_required")).isNotNull();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void optionalFieldsAreNullableWithNullDefault() {
        // SPEC: optional fields are ["null", T] with default null, so they can be added compatibly.
        topicSchemas().flatMap(s -> s.getFields().stream()).filter(f -> f.schema().isNullable())
                .forEach(f -> assertThat(f.defaultVal()).as("default of %s", f.name())
                        .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE));
    }

    private static Schema released(String name) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/released/" + name + ".avsc")) {
            assertThat(in).as("released schema for %s", name).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
