package io.sluice.it;

import io.sluice.avro.ScrapedRecord;
import io.sluice.avro.SyntheticRecord;
import java.time.Instant;
import java.util.List;

/** Input records for integration tests, with real prose long enough to pass the default policy. */
public final class TestRecords {
    /** A real paragraph (Europarl, English), ~70 words: accepted by the default policy. */
    public static final String PARAGRAPH = "The directive on equal treatment between men and women in the access to and "
            + "supply of goods and services has been in preparation for a long time. It was first included in the "
            + "social policy agenda of the Commission in June 2000, and it is important to state that equality "
            + "between men and women is now a fundamental principle of the Union. We therefore call on the Commission "
            + "to put forward new proposals to combat discrimination effectively in every area of life.";

    private TestRecords() {}

    public static SyntheticRecord synthetic(String id, String text) {
        return SyntheticRecord.newBuilder()
                .setId(id).setText(text).setEventTime(Instant.now())
                .setGeneratorModel("it-model").setGeneratorVersion("1").setPromptId("p-1")
                .setParentIds(List.of()).setLineageDepth(0).setTaskType("summarization")
                .build();
    }

    public static ScrapedRecord scraped(String id, String text) {
        return ScrapedRecord.newBuilder()
                .setId(id).setText(text).setEventTime(Instant.now().minusSeconds(60))
                .setUrl("https://www.example.org/articles/" + id).setFetchTime(Instant.now())
                .setCrawlId("it-crawl").setContentType("text/html").setLicense("CC-BY-4.0").setExtractor("it/1")
                .build();
    }
}
