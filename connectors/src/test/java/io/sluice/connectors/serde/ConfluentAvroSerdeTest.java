package io.sluice.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.avro.SyntheticRecord;
import io.sluice.connectors.registry.InMemorySchemaRegistry;
import io.sluice.connectors.registry.SchemaRegistryClient;
import io.sluice.connectors.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String SUBJECT = "sluice.ingest.synthetic-value";

    /** SyntheticRecord as a first generator release wrote it: no prompt, lineage or slice fields yet. */
    private static final Schema SYNTHETIC_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "SyntheticRecord", "namespace": "io.sluice.avro", "fields": [
              {"name": "id", "type": "string"},
              {"name": "text", "type": "string"},
              {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "generator_model", "type": "string"},
              {"name": "generator_version", "type": ["null", "string"], "default": null}
            ]}""");

    private static final Schema UNRELATED = new Schema.Parser().parse("""
            {"type": "record", "name": "PageView", "namespace": "com.example.web", "fields": [
              {"name": "url", "type": "string"},
              {"name": "millis", "type": "long"}
            ]}""");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static SyntheticRecord synthetic(String id) {
        return SyntheticRecord.newBuilder()
                .setId(id)
                .setText("The committee approved the budget after a short debate.")
                .setEventTime(Instant.parse("2026-03-01T12:00:00.123Z"))
                .setGeneratorModel("gen-7b")
                .setGeneratorVersion("2026.02")
                .setPromptId("p-17")
                .setPrompt("Summarise the minutes.")
                .setParentIds(List.of("r-1", "r-2"))
                .setLineageDepth(2)
                .setRequestedSlice("civic/en")
                .setTaskType("summarization")
                .setLanguage("en")
                .build();
    }

    @Test
    void specificRecordRoundTripsThroughRegistryAndWireFormat() {
        ConfluentAvroSerializer<SyntheticRecord> serializer =
                new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class);
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        SyntheticRecord original = synthetic("s-1");

        byte[] bytes = serializer.serialize(original);

        assertThat(bytes[0]).isZero();
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(serializer.schemaId()).isEqualTo(1);
        assertThat(registry.versions(SUBJECT)).containsExactly(1);
        assertThat(decoder.decode(bytes)).isEqualTo(original);
        // Byte for byte: the header, then what Avro's own writer writes.
        assertThat(bytes).isEqualTo(ConfluentWireFormat.frame(1, avroBytes(original)));
    }

    private static byte[] avroBytes(SyntheticRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(SyntheticRecord.class).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void serializerRegistersOnceAndReusesItsBufferWithoutLeakingBytesBetweenRecords() {
        ConfluentAvroSerializer<SyntheticRecord> serializer =
                new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class);
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        SyntheticRecord longer = synthetic("long");
        longer.setText("x".repeat(5_000));
        SyntheticRecord shorter = synthetic("s");

        byte[] first = serializer.serialize(longer);
        byte[] second = serializer.serialize(shorter);

        assertThat(registry.requestCount()).isEqualTo(1);
        assertThat(second.length).isLessThan(first.length);
        assertThat(decoder.decode(first)).isEqualTo(longer);
        assertThat(decoder.decode(second)).isEqualTo(shorter);
    }

    @Test
    void serializerBuiltFromSchemaWritesTheSameBytesAsFromClass() {
        byte[] fromClass = new ConfluentAvroSerializer<SyntheticRecord>(registry, SUBJECT, SyntheticRecord.class)
                .serialize(synthetic("s-1"));
        byte[] fromSchema = new ConfluentAvroSerializer<SyntheticRecord>(registry, SUBJECT,
                SyntheticRecord.getClassSchema()).serialize(synthetic("s-1"));

        assertThat(fromSchema).isEqualTo(fromClass);
    }

    @Test
    void serializerAfterAFailedRecordStillWritesCleanRecords() {
        ConfluentAvroSerializer<SyntheticRecord> serializer =
                new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class);
        SyntheticRecord broken = synthetic("broken");
        broken.setGeneratorModel(null);

        assertThatThrownBy(() -> serializer.serialize(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.sluice.avro.SyntheticRecord")
                .hasMessageContaining(SUBJECT);
        byte[] clean = serializer.serialize(synthetic("ok"));
        assertThat(new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(clean))
                .isEqualTo(synthetic("ok"));
    }

    @Test
    void serializerRejectsNullRecordNamingSubject() {
        ConfluentAvroSerializer<SyntheticRecord> serializer =
                new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class);

        assertThatThrownBy(() -> serializer.serialize(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SUBJECT);
    }

    @Test
    void dataFromAnOlderWriterSchemaDecodesWithDefaultsForNewFields() {
        GenericRecord old = new GenericData.Record(SYNTHETIC_V1);
        old.put("id", "old-1");
        old.put("text", "Written before prompts were tracked.");
        old.put("event_time", 1_700_000_000_000L);
        old.put("generator_model", "gen-3b");
        old.put("generator_version", null);
        ConfluentGenericAvroSerializer oldProducer = new ConfluentGenericAvroSerializer(registry, SUBJECT, SYNTHETIC_V1);
        byte[] bytes = oldProducer.serialize(old);
        // The current schema is a BACKWARD-compatible successor, so it gets its own id.
        int currentId = registry.register(SUBJECT, SyntheticRecord.getClassSchema());
        assertThat(currentId).isNotEqualTo(oldProducer.schemaId());

        SyntheticRecord decoded = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(bytes);

        assertThat(decoded.getId()).isEqualTo("old-1");
        assertThat(decoded.getText()).isEqualTo("Written before prompts were tracked.");
        assertThat(decoded.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(decoded.getGeneratorModel()).isEqualTo("gen-3b");
        assertThat(decoded.getPrompt()).isNull();
        assertThat(decoded.getParentIds()).isEmpty();
        assertThat(decoded.getLineageDepth()).isZero();
        assertThat(decoded.getLanguage()).isNull();
    }

    /**
     * Producers upgrade first: a generator adds an optional field (a BACKWARD-compatible change its
     * registry accepts) before Sluice knows it. Its records must still be curated, not dead-lettered;
     * the field Sluice does not know is skipped.
     */
    @Test
    void dataFromANewerWriterSchemaWithAFieldSluiceDoesNotKnowDecodes() {
        Schema current = SyntheticRecord.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        // In the middle, so the reader must skip it to read the fields after it.
        fields.add(2, new Schema.Field("sampling", Schema.createRecord("Sampling", null, "com.example.gen", false, List.of(
                new Schema.Field("temperature", Schema.create(Schema.Type.DOUBLE)),
                new Schema.Field("stop", Schema.createArray(Schema.create(Schema.Type.STRING))))), null, null));
        Schema newer = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
        GenericRecord record = new GenericData.Record(newer);
        SyntheticRecord known = synthetic("new-1");
        for (Schema.Field f : current.getFields()) {
            record.put(f.name(), GenericData.get().deepCopy(f.schema(), toGeneric(known, f.name())));
        }
        GenericRecord sampling = new GenericData.Record(newer.getField("sampling").schema());
        sampling.put("temperature", 0.7);
        sampling.put("stop", List.of("</s>", "\n\n"));
        record.put("sampling", sampling);
        ConfluentGenericAvroSerializer newerProducer = new ConfluentGenericAvroSerializer(registry, SUBJECT, newer);
        byte[] bytes = newerProducer.serialize(record);

        SyntheticRecord decoded = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(bytes);

        assertThat(decoded).isEqualTo(known);
    }

    /** A field of {@code record} as the generic datum Avro's generic writer expects. */
    private static Object toGeneric(SyntheticRecord record, String field) {
        Object value = record.get(field);
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return value;
    }

    @Test
    void writerOfAnUnrelatedRecordIsASchemaMismatchNamingBothSchemas() {
        GenericRecord view = new GenericData.Record(UNRELATED);
        view.put("url", "https://example.com/");
        view.put("millis", 5L);
        byte[] bytes = new ConfluentGenericAvroSerializer(registry, "web.views-value", UNRELATED).serialize(view);

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(bytes));

        assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_MISMATCH);
        assertThat(e.schemaId()).isEqualTo(ConfluentWireFormat.schemaId(bytes));
        assertThat(e.getMessage())
                .contains("com.example.web.PageView")
                .contains("io.sluice.avro.SyntheticRecord")
                .contains("NAME_MISMATCH");
    }

    @Test
    void lengthsAValueClaimsBeyondItsBytesAreADecodeErrorNotAnAllocation() {
        ConfluentAvroSerializer<SyntheticRecord> serializer =
                new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class);
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        byte[] valid = serializer.serialize(SyntheticRecord.newBuilder().setId("a").setText("b")
                .setEventTime(Instant.ofEpochMilli(0L)).setGeneratorModel("g").build());
        // The id's length (its first byte after the header, zigzag 1 for "a") claimed as 2 GiB:
        // Avro's reader would size a 2 GiB buffer for it before finding the bytes missing.
        byte[] hugeString = forge(valid, ConfluentWireFormat.HEADER_SIZE, 1, (1L << 31) - 16);
        // parent_ids claimed as two billion items: the empty array and each later field (lineage 0,
        // then nulls) take one byte at the end of the value.
        var schema = SyntheticRecord.getClassSchema();
        int arrayAt = valid.length - (schema.getFields().size() - schema.getField("parent_ids").pos());
        assertThat(valid[arrayAt]).isZero();
        byte[] hugeArray = forge(valid, arrayAt, 1, 2_000_000_000L);
        for (byte[] forged : List.of(hugeString, hugeArray)) {
            DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(forged));
            assertThat(e.stage()).isEqualTo(DecodeException.AVRO_DECODE);
        }
        assertThat(decoder.decode(valid).getId()).isEqualTo("a");
    }

    /** {@code value} with the {@code replaced} bytes at {@code at} replaced by {@code count} as an Avro long, and cut there. */
    private static byte[] forge(byte[] value, int at, int replaced, long count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(value, 0, at);
        long zigzag = count << 1;
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.write(value, at + replaced, Math.min(8, value.length - at - replaced));
        return out.toByteArray();
    }

    @Test
    void mismatchIsCheckedOncePerWriterId() {
        GenericRecord view = new GenericData.Record(UNRELATED);
        view.put("url", "https://example.com/");
        view.put("millis", 5L);
        byte[] bytes = new ConfluentGenericAvroSerializer(registry, "web.views-value", UNRELATED).serialize(view);
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        int before = registry.requestCount();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode(bytes))
                    .isInstanceOfSatisfying(DecodeException.class,
                            e -> assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_MISMATCH));
        }

        assertThat(registry.requestCount() - before).isEqualTo(1);
    }

    @Test
    void writerMissingARequiredReaderFieldIsASchemaMismatch() {
        Schema withoutText = new Schema.Parser().parse("""
                {"type": "record", "name": "SyntheticRecord", "namespace": "io.sluice.avro", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "generator_model", "type": "string"}
                ]}""");
        int id = registry.register("elsewhere-value", withoutText);
        byte[] bytes = ConfluentWireFormat.frame(id, new byte[] {2, 'a', 2, 2, 'm'});

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(bytes));

        assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_MISMATCH);
        assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("text");
    }

    @Test
    void unknownSchemaIdIsASchemaLookupFailure() {
        byte[] bytes = ConfluentWireFormat.frame(4242, new byte[] {2, 'a'});

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(bytes));

        assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_LOOKUP);
        assertThat(e.schemaId()).isEqualTo(4242);
        assertThat(e.getMessage()).contains("4242");
        assertThat(e.getCause()).isInstanceOfSatisfying(SchemaRegistryException.class,
                cause -> assertThat(cause.errorCode()).isEqualTo(40403));
    }

    @Test
    void unknownSchemaIdIsRememberedForAWhileSoAFloodDoesNotHammerTheRegistry() {
        byte[] bytes = ConfluentWireFormat.frame(4242, new byte[] {2, 'a'});
        ConfluentAvroDecoder<SyntheticRecord> decoder =
                new ConfluentAvroDecoder<>(registry, SyntheticRecord.class, Duration.ofMinutes(1));

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOfSatisfying(DecodeException.class,
                    e -> assertThat(e.stage()).isEqualTo(DecodeException.SCHEMA_LOOKUP));
        }

        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void unknownSchemaIdIsAskedAgainOnceTheMemoryExpires() {
        byte[] bytes = ConfluentWireFormat.frame(1, new SerializedPayload().of(synthetic("late")));
        ConfluentAvroDecoder<SyntheticRecord> decoder =
                new ConfluentAvroDecoder<>(registry, SyntheticRecord.class, Duration.ZERO);
        assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOf(DecodeException.class);

        // The schema reaches the registry after the record did (a lagging registry replica).
        registry.register(SUBJECT, SyntheticRecord.getClassSchema());

        assertThat(decoder.decode(bytes)).isEqualTo(synthetic("late"));
    }

    @Test
    void registryOutageIsNotTurnedIntoADeadLetter() {
        SchemaRegistryClient down = new UnreachableRegistry();
        byte[] bytes = ConfluentWireFormat.frame(7, new byte[] {2, 'a'});

        assertThatThrownBy(() -> new ConfluentAvroDecoder<>(down, SyntheticRecord.class).decode(bytes))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void truncatedPayloadIsAnAvroDecodeFailure() {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class)
                .serialize(synthetic("s-1"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(truncated));

        assertThat(e.stage()).isEqualTo(DecodeException.AVRO_DECODE);
        assertThat(e.schemaId()).isEqualTo(1);
        assertThat(e.getMessage()).contains("truncated or corrupt");
    }

    @Test
    void headerWithoutPayloadIsAnAvroDecodeFailure() {
        registry.register(SUBJECT, SyntheticRecord.getClassSchema());

        assertThatThrownBy(() -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class)
                .decode(ConfluentWireFormat.frame(1, new byte[0])))
                .isInstanceOfSatisfying(DecodeException.class,
                        e -> assertThat(e.stage()).isEqualTo(DecodeException.AVRO_DECODE));
    }

    @Test
    void trailingBytesAfterACompleteRecordAreAnAvroDecodeFailure() {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class)
                .serialize(synthetic("s-1"));
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new ConfluentAvroDecoder<>(registry, SyntheticRecord.class).decode(padded));

        assertThat(e.stage()).isEqualTo(DecodeException.AVRO_DECODE);
        assertThat(e.getMessage()).contains("3 extra byte(s)");
    }

    @Test
    void badWireFormatIsAWireFormatFailureWithoutSchemaId() {
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);

        for (byte[] bad : new byte[][] {null, {}, {0, 0, 1}, {1, 0, 0, 0, 1, 2}}) {
            DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(bad));
            assertThat(e.stage()).isEqualTo(DecodeException.WIRE_FORMAT);
            assertThat(e.schemaId()).isEqualTo(-1);
            assertThat(e.getCause()).isInstanceOf(WireFormatException.class);
        }
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void decoderFetchesEachWriterSchemaOnce() {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, SUBJECT, SyntheticRecord.class)
                .serialize(synthetic("s-1"));
        ConfluentAvroDecoder<SyntheticRecord> decoder = new ConfluentAvroDecoder<>(registry, SyntheticRecord.class);
        int before = registry.requestCount();

        for (int i = 0; i < 10; i++) {
            decoder.decode(bytes);
        }

        assertThat(registry.requestCount() - before).isEqualTo(1);
    }

    /** Avro binary of a record without the header, for building frames by hand. */
    private static final class SerializedPayload {
        byte[] of(SyntheticRecord record) {
            byte[] framed = new ConfluentAvroSerializer<SyntheticRecord>(new InMemorySchemaRegistry(), "scratch-value",
                    SyntheticRecord.class).serialize(record);
            return Arrays.copyOfRange(framed, ConfluentWireFormat.payloadOffset(), framed.length);
        }
    }

    /** A registry that never answers, as during an outage. */
    private static final class UnreachableRegistry implements SchemaRegistryClient {
        @Override
        public int register(String subject, Schema schema) {
            throw down();
        }

        @Override
        public Schema getById(int id) {
            throw down();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            throw down();
        }

        @Override
        public void setCompatibility(String subject, String level) {
            throw down();
        }

        private static SchemaRegistryException down() {
            return new SchemaRegistryException("could not reach the schema registry", -1, -1);
        }
    }
}
