package io.sluice.pipeline.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Real text for the development tools that read a signal's matches by eye (PII, refusals). */
public final class CorpusTexts {

    private CorpusTexts() {
    }

    /**
     * The texts of {@code source}: a JSONL file ({@code .jsonl} or {@code .jsonl.gz}, the {@code text}
     * field of each line) or a directory, whose regular files are read whole ({@code .html} files with
     * their tags stripped; fortune files split at {@code %} lines; with {@code extensions} non-empty,
     * only files with those extensions).
     */
    public static List<String> read(Path source, List<String> extensions) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".gz") || name.endsWith(".dat") || name.endsWith(".u8") || name.endsWith(".png")
                            || !extensions.isEmpty() && extensions.stream().noneMatch(e -> name.endsWith("." + e))) {
                        continue;
                    }
                    String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                    if (name.endsWith(".html") || name.endsWith(".htm")) {
                        out.add(text.replaceAll("<[^>]+>", " ").replace("&nbsp;", " "));
                    } else {
                        out.addAll(List.of(text.split("\n%\n")));
                    }
                }
            }
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try (InputStream raw = Files.newInputStream(source);
                InputStream in = source.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode text = line.isBlank() ? null : json.readTree(line).get("text");
                if (text != null && text.isTextual()) {
                    out.add(text.asText());
                }
            }
        }
        return out;
    }
}
