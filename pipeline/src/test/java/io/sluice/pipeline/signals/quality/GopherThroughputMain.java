package io.sluice.pipeline.signals.quality;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: end-to-end single-thread throughput of the NLTK tokenizer and both
 * Gopher families (shared tokens, as {@code SignalRegistry.standard()} runs them) over a JSON Lines
 * corpus, including reading and writing JSON Lines. Writes {@code id} and every Gopher signal per
 * document, so two builds can also be diffed for identical values.
 * Usage: {@code GopherThroughputMain corpus.jsonl[.gz] out.jsonl [repeat]}; run it pinned
 * ({@code taskset -c 0 java ...}) and time the whole process.
 */
public final class GopherThroughputMain {

    private GopherThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ObjectMapper om = new ObjectMapper();
        SharedWords words = new SharedWords();
        GopherQuality quality = new GopherQuality(words);
        GopherRepetition repetition = new GopherRepetition(words);
        List<String> names = new ArrayList<>(quality.signalNames());
        names.addAll(repetition.signalNames());
        double[] values = new double[names.size()];
        long docs = 0;
        long t0 = System.nanoTime();
        try (OutputStream os = new FileOutputStream(args[1]);
             JsonGenerator gen = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            for (int r = 0; r < repeat; r++) {
                try (BufferedReader in = reader(args[0])) {
                    for (String line; (line = in.readLine()) != null; ) {
                        JsonNode doc = om.readTree(line);
                        String text = doc.get("text").asText();
                        int[] slot = {0};
                        quality.compute(text, (name, value) -> values[slot[0]++] = value);
                        repetition.compute(text, (name, value) -> values[slot[0]++] = value);
                        gen.writeStartObject();
                        gen.writeStringField("id", repeat == 1 ? doc.get("id").asText() : doc.get("id").asText() + "#" + r);
                        gen.writeObjectFieldStart("signals");
                        for (int i = 0; i < values.length; i++) {
                            gen.writeNumberField(names.get(i), values[i]);
                        }
                        gen.writeEndObject();
                        gen.writeEndObject();
                        gen.writeRaw('\n');
                        docs++;
                    }
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d documents in %.2f s: %.0f docs/s (one thread, incl. JSONL I/O and warm-up)%n",
                docs, secs, docs / secs);
    }

    private static BufferedReader reader(String path) throws Exception {
        InputStream in = new FileInputStream(path);
        if (path.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
