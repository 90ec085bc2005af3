package io.sluice.pipeline.types;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The Flink type of an Avro specific record class, serialized by {@link SpecificRecordSerializer}.
 * Every Avro record the job sends between operators or keeps in state is declared with {@link #forRecord},
 * never with {@code TypeInformation.of}, which would pick {@code flink-avro}'s serializer (see
 * {@link SpecificRecordSerializer} for why that matters on a shared cluster).
 */
public final class SpecificRecordTypeInfo<T extends SpecificRecord> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private SpecificRecordTypeInfo(Class<T> type) {
        this.type = type;
    }

    public static <T extends SpecificRecord> SpecificRecordTypeInfo<T> forRecord(Class<T> type) {
        return new SpecificRecordTypeInfo<>(type);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new SpecificRecordSerializer<>(type);
    }

    @Override
    public String toString() {
        return "SpecificRecord<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificRecordTypeInfo<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SpecificRecordTypeInfo<?>;
    }
}
