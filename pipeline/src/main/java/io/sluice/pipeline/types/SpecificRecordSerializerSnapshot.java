package io.sluice.pipeline.types;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.formats.avro.typeutils.AvroSerializerSnapshot;

/**
 * What a checkpoint records of a {@link SpecificRecordSerializer}: the record class and the schema its
 * values were written with. On a restore the new build's snapshot decides:
 * <ul>
 *   <li>the same schema: compatible as is;</li>
 *   <li>an earlier schema the class's schema can read (Avro's resolution rules: fields added with
 *       defaults, fields removed): compatible after migration, the state read with the earlier schema;</li>
 *   <li>a snapshot of Flink's own {@code AvroSerializer}, which builds before 2026-11-29 used for these
 *       records: compatible after migration, the state read by that serializer (from {@code flink-avro},
 *       which the job jar still carries for this) and written by this one;</li>
 *   <li>anything else: incompatible, and Flink refuses the restore.</li>
 * </ul>
 */
public final class SpecificRecordSerializerSnapshot<T extends SpecificRecord> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;

    private Class<T> type;
    private Schema writerSchema;

    /** For Flink, which reads the snapshot into a new instance. */
    public SpecificRecordSerializerSnapshot() {}

    SpecificRecordSerializerSnapshot(Class<T> type, Schema writerSchema) {
        this.type = type;
        this.writerSchema = writerSchema;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
        // writeUTF holds 64 KB at most; schemas grow.
        byte[] schema = writerSchema.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(schema.length);
        out.write(schema);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("unknown version " + readVersion + " of " + getClass().getSimpleName());
        }
        String className = in.readUTF();
        try {
            type = (Class<T>) Class.forName(className, false, userCodeClassLoader);
        } catch (ClassNotFoundException e) {
            throw new IOException("the checkpoint holds records of class " + className + ", which this job does not have", e);
        }
        byte[] schema = new byte[in.readInt()];
        in.readFully(schema);
        writerSchema = new Schema.Parser().parse(new String(schema, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new SpecificRecordSerializer<>(type, writerSchema);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof AvroSerializerSnapshot<T>) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        if (!(oldSnapshot instanceof SpecificRecordSerializerSnapshot<T> old) || !old.type.getName().equals(type.getName())) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.writerSchema.equals(writerSchema)) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return SchemaCompatibility.checkReaderWriterCompatibility(writerSchema, old.writerSchema).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
