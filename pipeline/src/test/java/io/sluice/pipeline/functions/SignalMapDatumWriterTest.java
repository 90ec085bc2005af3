package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.signals.SignalValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The encoder's writer writes a curated record's signals ({@link SignalValues}) byte for byte as
 * Avro's own writer does, and the bytes read back to the same signals.
 */
class SignalMapDatumWriterTest {

    private static final SpecificData MODEL = SpecificData.getForClass(CuratedRecord.class);
    private static final Schema SCHEMA = MODEL.getSchema(CuratedRecord.class);

    private static byte[] encode(DatumWriter<CuratedRecord> writer, CuratedRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        writer.write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    @Test
    void writesTheBytesAvrosWriterWrites() throws Exception {
        DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault());
        String text = "Als KI-Sprachmodell kann ich das nicht. Contact me at a.b@example.org, "
                + "or call +44 20 7946 0958.\n\nZweiter Absatz – mit Umlauten: äöü, 😀 und 中文.";
        Map<String, Double> signals = scorer.score(new ScoringInput("d1", text, SourceKind.SCRAPED, 0L, null, null, null))
                .signals();
        assertThat(signals).isInstanceOf(SignalValues.class).hasSizeGreaterThan(80);
        CuratedRecord record = DriftTestRecords.curated("d1", 1_000L, "de", Route.QUARANTINED, 1.0);
        record.setSignals(signals);

        byte[] ours = encode(new SignalMapDatumWriter<>(SCHEMA, MODEL), record);
        byte[] avros = encode(new SpecificDatumWriter<>(SCHEMA, MODEL), record);
        assertThat(ours).isEqualTo(avros);

        CuratedRecord back = new SpecificDatumReader<CuratedRecord>(SCHEMA, SCHEMA, MODEL)
                .read(null, DecoderFactory.get().binaryDecoder(ours, null));
        assertThat(new LinkedHashMap<>(back.getSignals())).isEqualTo(new LinkedHashMap<>(signals));

        // A map of another class takes Avro's path: same bytes as well.
        record.setSignals(new LinkedHashMap<>(Map.of("text.char_count", 3.0)));
        assertThat(encode(new SignalMapDatumWriter<>(SCHEMA, MODEL), record))
                .isEqualTo(encode(new SpecificDatumWriter<>(SCHEMA, MODEL), record));
    }

    /**
     * A text written twice as one instance (the record's text and its original's) is encoded once;
     * the bytes stay Avro's over a run of records in which the shared instance, equal texts of other
     * instances, and different texts follow each other, as they do through one encoder.
     */
    @Test
    void aLongTextWrittenTwiceAsOneInstanceKeepsAvrosBytes() throws Exception {
        String base = "Één tekst van genoeg lengte – με ελληνικά, 中文 und 😀 – ".repeat(12);
        assertThat(base.length()).isGreaterThanOrEqualTo(SignalMapDatumWriter.REMEMBERED_MIN_CHARS);
        String other = base + "anders";
        // Equal to base but a different instance: must not be mistaken for a repeat of base.
        String equalCopy = new String(base.toCharArray());
        String[][] textAndOriginal = {
            {base, base}, {base, base}, {equalCopy, base}, {other, base}, {other, other}, {base, equalCopy},
            {"short", "short"}, {base, other},
        };
        SignalMapDatumWriter<CuratedRecord> ours = new SignalMapDatumWriter<>(SCHEMA, MODEL);
        SpecificDatumWriter<CuratedRecord> avros = new SpecificDatumWriter<>(SCHEMA, MODEL);
        for (String[] pair : textAndOriginal) {
            CuratedRecord record = DriftTestRecords.curated("d", 1_000L, "nl", Route.ACCEPTED, 1.0);
            record.setText(pair[0]);
            ((io.sluice.avro.ScrapedRecord) record.getOriginal()).setText(pair[1]);
            byte[] bytes = encode(ours, record);
            assertThat(bytes).isEqualTo(encode(avros, record));
            CuratedRecord back = new SpecificDatumReader<CuratedRecord>(SCHEMA, SCHEMA, MODEL)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            assertThat(back.getText()).isEqualTo(pair[0]);
            assertThat(((io.sluice.avro.ScrapedRecord) back.getOriginal()).getText()).isEqualTo(pair[1]);
        }
    }
}
