package io.sluice.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private static final Schema V1 = SchemaBuilder.record("Event").namespace("t").fields()
            .requiredString("id").endRecord();
    private static final Schema V2_OPTIONAL_FIELD = SchemaBuilder.record("Event").namespace("t").fields()
            .requiredString("id").optionalString("note").endRecord();
    private static final Schema V2_REQUIRED_FIELD = SchemaBuilder.record("Event").namespace("t").fields()
            .requiredString("id").requiredString("note").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void idsStartAtOneAndIdenticalSchemasShareAnIdAcrossSubjects() {
        int synthetic = registry.register("a-value", SyntheticRecord.getClassSchema());
        int scraped = registry.register("b-value", ScrapedRecord.getClassSchema());
        int sameAsSynthetic = registry.register("c-value", SyntheticRecord.getClassSchema());

        assertThat(synthetic).isEqualTo(1);
        assertThat(scraped).isEqualTo(2);
        assertThat(sameAsSynthetic).isEqualTo(1);
        assertThat(registry.getById(1)).isEqualTo(SyntheticRecord.getClassSchema());
    }

    @Test
    void reRegisteringReturnsTheExistingIdWithoutANewVersion() {
        int first = registry.register("e-value", V1);
        int again = registry.register("e-value", V1);

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("e-value")).containsExactly(first);
    }

    @Test
    void backwardCompatibleChangeGetsANewVersion() {
        int v1 = registry.register("e-value", V1);
        int v2 = registry.register("e-value", V2_OPTIONAL_FIELD);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.versions("e-value")).containsExactly(v1, v2);
    }

    @Test
    void requiredFieldWithoutDefaultIsRejectedWith409UnderBackward() {
        registry.register("e-value", V1);

        assertThat(registry.isCompatible("e-value", V2_REQUIRED_FIELD)).isFalse();
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> registry.register("e-value", V2_REQUIRED_FIELD));
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("e-value").contains("note");
        assertThat(registry.versions("e-value")).hasSize(1);
    }

    @Test
    void levelNoneAcceptsAnIncompatibleChange() {
        registry.register("e-value", V1);
        registry.setCompatibility("e-value", "none");

        assertThat(registry.register("e-value", V2_REQUIRED_FIELD)).isPositive();
    }

    @Test
    void anySchemaIsCompatibleWithAnUnknownSubject() {
        assertThat(registry.isCompatible("nobody-value", V2_REQUIRED_FIELD)).isTrue();
    }

    @Test
    void unknownIdFailsLikeTheRealServer() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> registry.getById(99));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage()).contains("schema id 99");
    }
}
