package io.sluice.pipeline;

import io.sluice.avro.Provenance;
import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SourceKind;
import io.sluice.avro.SyntheticRecord;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.connectors.kafka.KafkaInput;
import io.sluice.pipeline.scoring.TextNormalizer;
import java.net.URI;

/**
 * Turns either input kind into the one internal record the rest of the pipeline works on, so
 * scoring, dedup and drift never branch on the source kind. Plain Java, shared with the offline
 * command.
 */
public final class RecordNormalizer {
    private static final TextNormalizer TEXT = new TextNormalizer();

    private RecordNormalizer() {}

    /**
     * The record {@code in} becomes. When normalization leaves the text as it came (most records),
     * {@code in} keeps an empty text and the result says so ({@code original_text_is_text}): the
     * original is otherwise a second copy of the text, which every network edge of the job would
     * serialize and deserialize again. Read the original back with {@link #original}.
     */
    public static NormalizedRecord fromSynthetic(SyntheticRecord in, KafkaInput from, int writerSchemaId) {
        String domain = in.getTaskType() != null ? in.getTaskType() : in.getRequestedSlice();
        String text = TEXT.normalize(in.getText());
        // normalize returns its argument when there is nothing to change.
        boolean unchanged = text == in.getText();
        if (unchanged) {
            in.setText("");
        }
        return NormalizedRecord.newBuilder()
                .setId(in.getId())
                .setText(text)
                .setOriginalTextIsText(unchanged)
                .setSourceKind(SourceKind.SYNTHETIC)
                .setEventTime(in.getEventTime())
                .setLanguage(in.getLanguage())
                .setDomain(domain)
                .setUrl(null)
                .setOriginal(in)
                .setProvenance(provenance(from, writerSchemaId, in.getGeneratorModel(), null))
                .build();
    }

    /** As {@link #fromSynthetic}, for a scraped record. */
    public static NormalizedRecord fromScraped(ScrapedRecord in, KafkaInput from, int writerSchemaId) {
        String host = hostOf(in.getUrl());
        String text = TEXT.normalize(in.getText());
        boolean unchanged = text == in.getText();
        if (unchanged) {
            in.setText("");
        }
        return NormalizedRecord.newBuilder()
                .setId(in.getId())
                .setText(text)
                .setOriginalTextIsText(unchanged)
                .setSourceKind(SourceKind.SCRAPED)
                .setEventTime(in.getEventTime())
                .setLanguage(in.getLanguage())
                .setDomain(host)
                .setUrl(in.getUrl())
                .setOriginal(in)
                .setProvenance(provenance(from, writerSchemaId, host, in.getLicense()))
                .build();
    }

    /**
     * The input record of {@code record} exactly as decoded: its text is put back first when it
     * travelled only as {@code record}'s text (see {@link #fromSynthetic}). Idempotent; the original
     * shares the text's instance afterwards.
     */
    public static Object original(NormalizedRecord record) {
        Object original = record.getOriginal();
        if (record.getOriginalTextIsText()) {
            if (original instanceof SyntheticRecord s) {
                s.setText(record.getText());
            } else if (original instanceof ScrapedRecord s) {
                s.setText(record.getText());
            }
        }
        return original;
    }

    private static Provenance provenance(KafkaInput from, int writerSchemaId, String source, String license) {
        return Provenance.newBuilder()
                .setTopic(from.topic)
                .setPartition(from.partition)
                .setOffset(from.offset)
                .setWriterSchemaId(writerSchemaId)
                .setSource(source)
                .setLicense(license)
                .setIngestTime(java.time.Instant.ofEpochMilli(from.timestamp))
                .build();
    }

    /** The URL's host, lowercased, or null when the URL does not parse (the policy flags that). */
    static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url.trim()).getHost();
            return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        } catch (Exception e) {
            return null;
        }
    }
}
