package io.sluice.pipeline.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Development tool, not a test: writes the sentences and words of every document of a JSON Lines
 * corpus ({@code id}, {@code text}; gzip) as JSON Lines, to diff against NLTK.
 * Usage: {@code TokenizerDumpMain in.jsonl.gz out.jsonl}.
 */
public final class TokenizerDumpMain {

    private TokenizerDumpMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper om = new ObjectMapper();
        NltkEnglishTokenizer tok = NltkEnglishTokenizer.instance();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new FileInputStream(args[0])), StandardCharsets.UTF_8));
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(args[1]),
                     StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode doc = om.readTree(line);
                String text = doc.get("text").asText();
                ObjectNode o = om.createObjectNode();
                o.put("id", doc.get("id").asText());
                o.set("sents", om.valueToTree(tok.sentences(text)));
                o.set("words", om.valueToTree(tok.words(text)));
                out.write(om.writeValueAsString(o));
                out.write('\n');
            }
        }
    }
}
