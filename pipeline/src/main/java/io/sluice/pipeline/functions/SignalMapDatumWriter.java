package io.sluice.pipeline.functions;

import io.sluice.pipeline.signals.SignalValues;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's specific writer, except that a record's signals ({@code map<double>} held as {@link
 * SignalValues}) are written by {@link SignalValues#writeAvroMap}: the same bytes, with the ~130
 * names encoded once per job instead of once per record. Every other value, and signal maps of any
 * other class, go through {@link SpecificDatumWriter} unchanged.
 */
final class SignalMapDatumWriter<T> extends SpecificDatumWriter<T> {

    SignalMapDatumWriter(Schema schema, SpecificData model) {
        super(schema, model);
    }

    @Override
    protected void writeMap(Schema schema, Object datum, Encoder out) throws IOException {
        if (datum instanceof SignalValues signals && schema.getValueType().getType() == Schema.Type.DOUBLE) {
            signals.writeAvroMap(out);
        } else {
            super.writeMap(schema, datum, out);
        }
    }
}
