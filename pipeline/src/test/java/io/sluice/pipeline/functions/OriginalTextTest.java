package io.sluice.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.pipeline.RecordNormalizer;
import io.sluice.pipeline.TestSettings;
import io.sluice.pipeline.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/**
 * A normalized record carries its text once between the job's operators, and the curated record
 * still holds the input record exactly as it was decoded, whether normalization changed the text
 * or not.
 */
class OriginalTextTest {

    private static final SpecificData MODEL = SpecificData.getForClass(NormalizedRecord.class);
    private static final KafkaInput FROM = new KafkaInput("sluice.ingest.scraped", 0, 7, 1_000L, null, new byte[0]);
    private static final String PROSE = "Das Parlament hat heute über den Haushalt abgestimmt – mit großer Mehrheit. "
            .repeat(30);

    /** The normalized record after an Avro round trip, as the job's network edges move it. */
    private static NormalizedRecord overTheWire(NormalizedRecord record, int[] size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new SpecificDatumWriter<NormalizedRecord>(NormalizedRecord.getClassSchema(), MODEL).write(record, encoder);
        encoder.flush();
        size[0] = bytes.size();
        return new SpecificDatumReader<NormalizedRecord>(NormalizedRecord.getClassSchema(), NormalizedRecord.getClassSchema(), MODEL)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    private static CuratedRecord route(NormalizedRecord record) {
        RecordRouter router = new RecordRouter(TestSettings.withDefaults(), new PolicyLoader().loadDefault(),
                new UnregisteredMetricsGroup());
        return router.decide(record);
    }

    @Test
    void textThatNormalizationKeepsTravelsOnceAndComesBackInTheOriginal() throws Exception {
        ScrapedRecord input = ScrapedRecord.newBuilder().setId("s1").setText(PROSE).setEventTime(Instant.ofEpochMilli(1_000L))
                .setUrl("https://www.europarl.europa.eu/doc/1.html").setLicense("europarl").build();
        ScrapedRecord asDecoded = SpecificData.get().deepCopy(ScrapedRecord.getClassSchema(), input);

        NormalizedRecord normalized = RecordNormalizer.fromScraped(input, FROM, 1);
        assertThat(normalized.getText()).isEqualTo(PROSE);
        assertThat(normalized.getOriginalTextIsText()).isTrue();
        assertThat(((ScrapedRecord) normalized.getOriginal()).getText()).isEmpty();

        int[] size = new int[1];
        NormalizedRecord received = overTheWire(normalized, size);
        int textBytes = PROSE.getBytes(StandardCharsets.UTF_8).length;
        assertThat(size[0]).isBetween(textBytes, textBytes + 400);

        CuratedRecord curated = route(received);
        assertThat(curated.getText()).isEqualTo(PROSE);
        assertThat(curated.getOriginal()).isEqualTo(asDecoded);
        // The original shares the text's instance, which the encoder writes only once.
        assertThat(((ScrapedRecord) curated.getOriginal()).getText()).isSameAs(curated.getText());
    }

    @Test
    void textThatNormalizationChangesKeepsTheRawTextInTheOriginal() throws Exception {
        // Decomposed é and CRLF line ends: NFC and LF in the normalized text, as they came in the original.
        String raw = "Cafe\u0301 au lait\r\n" + PROSE;
        SyntheticRecord input = SyntheticRecord.newBuilder().setId("y1").setText(raw).setEventTime(Instant.ofEpochMilli(1_000L))
                .setGeneratorModel("gen-1").setParentIds(List.of()).setLineageDepth(0).setTaskType("qa").build();
        SyntheticRecord asDecoded = SpecificData.get().deepCopy(SyntheticRecord.getClassSchema(), input);

        NormalizedRecord normalized = RecordNormalizer.fromSynthetic(input, FROM, 1);
        assertThat(normalized.getText()).startsWith("Café au lait\n").isNotEqualTo(raw);
        assertThat(normalized.getOriginalTextIsText()).isFalse();

        NormalizedRecord received = overTheWire(normalized, new int[1]);
        assertThat(RecordNormalizer.original(received)).isEqualTo(asDecoded);
        CuratedRecord curated = route(received);
        assertThat(curated.getOriginal()).isEqualTo(asDecoded);
        assertThat(curated.getText()).isEqualTo(normalized.getText());
    }

    @Test
    void restoringTwiceChangesNothing() {
        SyntheticRecord input = SyntheticRecord.newBuilder().setId("y2").setText(PROSE).setEventTime(Instant.ofEpochMilli(1_000L))
                .setGeneratorModel("gen-1").setParentIds(List.of()).setLineageDepth(0).build();
        NormalizedRecord normalized = RecordNormalizer.fromSynthetic(input, FROM, 1);
        Object once = RecordNormalizer.original(normalized);
        Object twice = RecordNormalizer.original(normalized);
        assertThat(twice).isSameAs(once);
        assertThat(((SyntheticRecord) twice).getText()).isEqualTo(PROSE);
    }
}
