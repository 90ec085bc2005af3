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

    /**
     * More distinct paragraphs (~60–70 words each, written for these tests), for tests that need
     * several accepted records: deduplication quarantines later copies of one text.
     */
    public static final java.util.List<String> DISTINCT_PARAGRAPHS = java.util.List.of(
            "The committee met on Tuesday to discuss the proposal for a new directive on the protection of workers. "
                    + "Several members argued that the text should be strengthened, while others warned that the costs "
                    + "for small businesses would be too high. After a long debate the committee agreed to ask the "
                    + "Commission for an impact assessment before the vote in plenary next month.",
            "Rain is expected over the northern hills tonight, with snow above eight hundred metres and strong winds "
                    + "along the coast until the morning. Drivers are advised to check the state of the mountain passes "
                    + "before setting out, and ferry services to the islands may be delayed or cancelled. The weekend "
                    + "should bring calmer weather and some sunshine in the south.",
            "The library will close for renovation at the end of the month and reopen in the spring with a larger "
                    + "reading room, a children's corner and longer opening hours. During the works, borrowed books can "
                    + "be returned at the town hall, and a small selection of new titles will be available at the "
                    + "community centre on weekday afternoons.",
            "Researchers at the university have found that bees remember the colours of flowers they visited days "
                    + "earlier and use that memory to plan their routes. In a series of experiments, the insects "
                    + "learned to prefer blue feeders that had offered more sugar, and kept visiting them even after "
                    + "the rewards were moved to other colours.",
            "Our hotel is a short walk from the old harbour, where fishing boats still land their catch every "
                    + "morning. Guests can rent bicycles at the reception, join a guided tour of the fortress on the hill, "
                    + "or simply relax on the terrace with a view of the bay. Breakfast is served from seven until ten "
                    + "in the garden.",
            "The new timetable adds two morning trains between the capital and the airport and moves the last evening "
                    + "departure half an hour later. Season tickets bought before the change remain valid, and "
                    + "passengers with reduced mobility can book assistance online at least a day before travelling. "
                    + "Details are posted at every station and on the operator's website.");

    private TestRecords() {}

    public static SyntheticRecord synthetic(String id, String text) {
        return SyntheticRecord.newBuilder()
                .setId(id).setText(text).setEventTime(Instant.now())
                .setGeneratorModel("it-model").setGeneratorVersion("1").setPromptId("p-1")
                .setParentIds(List.of()).setLineageDepth(0).setTaskType("summarization")
                .build();
    }

    /**
     * A scraped record of {@link #PARAGRAPH} at {@code eventTime}, declaring {@code language}: drift
     * counts it under that language whatever the text (tests shift the language mix this way).
     */
    public static ScrapedRecord scrapedAt(String id, long eventTime, String language) {
        return ScrapedRecord.newBuilder()
                .setId(id).setText(PARAGRAPH).setEventTime(Instant.ofEpochMilli(eventTime))
                .setUrl("https://www.example.org/articles/" + id).setFetchTime(Instant.ofEpochMilli(eventTime))
                .setLanguage(language).setLicense("CC-BY-4.0")
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
