package io.sluice.pipeline.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.PolicyUpdate;
import io.sluice.avro.Provenance;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer checks (SerializerTestBase: round trips, copies, duplicates used from
 * several threads, snapshots, reading records back to back from one stream) on the job's internal
 * record, and what a restore decides against earlier snapshots.
 */
class SpecificRecordSerializerTest extends SerializerTestBase<NormalizedRecord> {

    static NormalizedRecord record(String id, String text, boolean synthetic) {
        Object original = synthetic
                ? SyntheticRecord.newBuilder().setId(id).setText("").setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                        .setGeneratorModel("gen-7b").setParentIds(List.of("p-1", "p-2")).setLineageDepth(2)
                        .setRequestedSlice("civic/de").setLanguage("de").build()
                : ScrapedRecord.newBuilder().setId(id).setText(text).setEventTime(Instant.ofEpochMilli(1_600_000_000_000L))
                        .setUrl("https://example.org/" + id).setLicense(null).build();
        return NormalizedRecord.newBuilder().setId(id).setText(text)
                .setSourceKind(synthetic ? SourceKind.SYNTHETIC : SourceKind.SCRAPED)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L)).setLanguage(synthetic ? "de" : null)
                .setDomain(synthetic ? "civic/de" : "example.org").setUrl(synthetic ? null : "https://example.org/" + id)
                .setOriginal(original)
                .setProvenance(Provenance.newBuilder().setTopic("sluice.ingest").setPartition(3).setOffset(977L)
                        .setWriterSchemaId(12).setIngestTime(Instant.ofEpochMilli(1_700_000_000_456L)).build())
                .setDupExact(!synthetic).setDupBandMatches(synthetic ? 0 : 14).setDupOf(synthetic ? null : "first-copy")
                .setOriginalTextIsText(synthetic)
                .build();
    }

    @Override
    protected TypeSerializer<NormalizedRecord> createSerializer() {
        return new SpecificRecordSerializer<>(NormalizedRecord.class);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<NormalizedRecord> getTypeClass() {
        return NormalizedRecord.class;
    }

    @Override
    protected NormalizedRecord[] getTestData() {
        return new NormalizedRecord[] {
            record("a", "Die Kommission hat heute einen Vorschlag vorgelegt.", true),
            record("b", "", false),
            record("c", "混合 text — with ünïcödé, emoji 🙂 and a lone \t tab", false),
            record("d", "x".repeat(70_000), true),
        };
    }

    /** The other direction of a record's life: a snapshot written by one build, read by the next. */
    @Nested
    class Restores {

        @Test
        void stateWrittenByFlinkAvrosSerializerIsMigratedNotRefused() throws Exception {
            // Builds before 2026-11-29 kept NormalizedRecord state with flink-avro's serializer.
            AvroSerializer<NormalizedRecord> earlier = new AvroSerializer<>(NormalizedRecord.class);
            DataOutputSerializer bytes = new DataOutputSerializer(256);
            earlier.serialize(record("old", "written by an earlier build", false), bytes);
            TypeSerializerSnapshot<NormalizedRecord> earlierSnapshot = roundTrip(earlier.snapshotConfiguration());

            TypeSerializerSchemaCompatibility<NormalizedRecord> compatibility = new SpecificRecordSerializer<>(
                    NormalizedRecord.class).snapshotConfiguration().resolveSchemaCompatibility(earlierSnapshot);

            assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
            assertThat(earlierSnapshot.restoreSerializer().deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer())))
                    .isEqualTo(record("old", "written by an earlier build", false));
        }

        @Test
        void stateWrittenWithAnEarlierSchemaIsReadWithDefaultsForNewFields() throws Exception {
            // PolicyUpdate as a first release had it: without author, reason and intervention id.
            Schema current = PolicyUpdate.getClassSchema();
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field f : current.getFields()) {
                if (f.name().equals("policy_version") || f.name().equals("policy_yaml") || f.name().equals("published_at")) {
                    fields.add(new Schema.Field(f, f.schema()));
                }
            }
            Schema earlierSchema = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
            GenericRecord earlier = new GenericData.Record(earlierSchema);
            earlier.put("policy_version", "v1");
            earlier.put("policy_yaml", "version: v1\nrules: []\n");
            earlier.put("published_at", 1_700_000_000_000L);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(written, null);
            new GenericDatumWriter<GenericRecord>(earlierSchema).write(earlier, encoder);
            encoder.flush();
            TypeSerializerSnapshot<PolicyUpdate> earlierSnapshot =
                    roundTrip(new SpecificRecordSerializerSnapshot<>(PolicyUpdate.class, earlierSchema));

            var compatibility = new SpecificRecordSerializer<>(PolicyUpdate.class).snapshotConfiguration()
                    .resolveSchemaCompatibility(earlierSnapshot);
            PolicyUpdate read = earlierSnapshot.restoreSerializer().deserialize(new DataInputDeserializer(written.toByteArray()));

            assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
            assertThat(read.getPolicyVersion()).isEqualTo("v1");
            assertThat(read.getPublishedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
            assertThat(read.getAuthor()).isNull();
        }

        @Test
        void theSameSchemaIsCompatibleAsIsAndAnotherRecordIsNot() throws Exception {
            var current = new SpecificRecordSerializer<>(PolicyUpdate.class).snapshotConfiguration();
            assertThat(current.resolveSchemaCompatibility(roundTrip(current)).isCompatibleAsIs()).isTrue();

            @SuppressWarnings({"unchecked", "rawtypes"})
            TypeSerializerSnapshot<PolicyUpdate> other = (TypeSerializerSnapshot) roundTrip(
                    new SpecificRecordSerializer<>(NormalizedRecord.class).snapshotConfiguration());
            assertThat(current.resolveSchemaCompatibility(other).isIncompatible()).isTrue();
        }

        /** The snapshot as a checkpoint holds it: written with its version and read back by class name. */
        private static <T> TypeSerializerSnapshot<T> roundTrip(TypeSerializerSnapshot<T> snapshot) throws Exception {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
            return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                    SpecificRecordSerializerTest.class.getClassLoader());
        }
    }
}
