package io.sluice.pipeline.functions;

import io.sluice.pipeline.signals.SignalValues;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;

/**
 * Avro's specific writer, with two shortcuts that write the same bytes:
 * <ul>
 *   <li>a record's signals ({@code map<double>} held as {@link SignalValues}) are written by
 *       {@link SignalValues#writeAvroMap}, with the ~130 names encoded once per job instead of once
 *       per record;</li>
 *   <li>a long string written again as the very same instance is not encoded to UTF-8 again: a
 *       curated record carries its text twice, as {@code text} and in {@code original}, one
 *       instance when normalization and redaction changed nothing (see
 *       {@link io.sluice.pipeline.RecordNormalizer#original}).</li>
 * </ul>
 * Every other value, and signal maps of any other class, go through {@link SpecificDatumWriter}
 * unchanged. One per encoding thread, like any datum writer.
 */
final class SignalMapDatumWriter<T> extends SpecificDatumWriter<T> {

    /** Shorter strings are cheaper to encode again than to remember. */
    static final int REMEMBERED_MIN_CHARS = 256;

    /** The last string of at least {@link #REMEMBERED_MIN_CHARS} written, and its UTF-8 form. */
    private String lastLong;
    private Utf8 lastLongUtf8;

    SignalMapDatumWriter(Schema schema, SpecificData model) {
        super(schema, model);
    }

    @Override
    protected void writeString(Object datum, Encoder out) throws IOException {
        if (datum instanceof String s && s.length() >= REMEMBERED_MIN_CHARS) {
            // Identity, not equality: equal texts of different records are encoded each time, and a
            // reference check costs nothing on the strings that differ.
            if (s != lastLong) {
                lastLong = s;
                lastLongUtf8 = new Utf8(s);
            }
            out.writeString(lastLongUtf8);
        } else {
            super.writeString(datum, out);
        }
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
