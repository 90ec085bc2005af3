package io.sluice.pipeline.types;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for one Avro specific record class, in Avro binary, with the Avro the job jar
 * carries. Flink's own {@code AvroSerializer} lives in {@code flink-avro}, whose classes load
 * parent-first: on a cluster with {@code flink-avro} in its {@code lib/} (common where SQL jobs read
 * Avro) it comes with that cluster's Avro, does not see the job's generated classes as specific
 * records, and writes them by reflection, which fails on every record holding a null in a nullable
 * field. This class loads with the job, so the cluster's jars do not matter.
 *
 * <p>Stateful (its encoder and decoder are reused), so {@link #duplicate} makes a new one. Values
 * are read with {@code writerSchema} (the schema a snapshot recorded them with) resolved to the
 * class's own schema, so state written by an earlier build whose record had other fields is read.
 */
public final class SpecificRecordSerializer<T extends SpecificRecord> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    /** The schema values were written with: the class's own, or an earlier one when restoring state. */
    private final String writerSchemaJson;

    private transient Schema schema;
    private transient SpecificData data;
    private transient SpecificDatumWriter<T> writer;
    private transient SpecificDatumReader<T> reader;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;
    private transient ViewOutputStream out;
    private transient ViewInputStream in;

    public SpecificRecordSerializer(Class<T> type) {
        this(type, (String) null);
    }

    /** A serializer reading values written with {@code writerSchema} (null: the class's schema). */
    SpecificRecordSerializer(Class<T> type, Schema writerSchema) {
        this(type, writerSchema == null ? null : writerSchema.toString());
    }

    private SpecificRecordSerializer(Class<T> type, String writerSchemaJson) {
        this.type = Objects.requireNonNull(type, "type");
        this.writerSchemaJson = writerSchemaJson;
    }

    Class<T> type() {
        return type;
    }

    /** The schema this serializer writes with: the class's own. */
    Schema schema() {
        return SpecificData.getForClass(type).getSchema(type);
    }

    private void init() {
        if (schema != null) {
            return;
        }
        data = SpecificData.getForClass(type);
        Schema own = data.getSchema(type);
        Schema writerSchema = writerSchemaJson == null ? own : new Schema.Parser().parse(writerSchemaJson);
        writer = new SpecificDatumWriter<>(own, data);
        reader = new SpecificDatumReader<>(writerSchema, own, data);
        out = new ViewOutputStream();
        in = new ViewInputStream();
        schema = own; // last: it marks the rest as set
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        // The schema stays in its JSON form: it is parsed once, by the copy's first use.
        return new SpecificRecordSerializer<>(type, writerSchemaJson);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T createInstance() {
        init();
        return (T) data.newRecord(null, schema);
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        init();
        return data.deepCopy(schema, from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        init();
        out.target = target;
        // A direct encoder: it writes through, so nothing is left in a buffer after the record.
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        writer.write(record, encoder);
        encoder.flush();
        out.target = null;
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return deserialize(null, source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        init();
        in.source = source;
        // A direct decoder: it reads no byte past the record, which the next reader of the view owns.
        decoder = DecoderFactory.get().directBinaryDecoder(in, decoder);
        T record = reader.read(null, decoder);
        in.source = null;
        return record;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificRecordSerializer<?> other && other.type == type
                && Objects.equals(other.writerSchemaJson, writerSchemaJson);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new SpecificRecordSerializerSnapshot<>(type, schema());
    }

    @Override
    public String toString() {
        return "SpecificRecordSerializer(" + type.getName() + ")";
    }

    /** An {@link OutputStream} onto the current {@link DataOutputView}. */
    private static final class ViewOutputStream extends OutputStream {
        DataOutputView target;

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }
    }

    /** An {@link InputStream} onto the current {@link DataInputView}. */
    private static final class ViewInputStream extends InputStream {
        DataInputView source;

        @Override
        public int read() throws IOException {
            try {
                return source.readUnsignedByte();
            } catch (java.io.EOFException e) {
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return source.read(b, off, len);
        }
    }
}
