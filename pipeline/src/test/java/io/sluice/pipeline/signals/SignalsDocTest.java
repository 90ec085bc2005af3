package io.sluice.pipeline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The signals table in {@code docs/SIGNALS.md} has exactly one row per signal of the standard registry. */
class SignalsDocTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9_]+\\.[a-z0-9_]+)` \\|");

    @Test
    void everyStandardSignalHasOneRowAndEveryRowIsASignal() throws IOException {
        Path doc = Path.of("..", "docs", "SIGNALS.md");
        Matcher m = ROW.matcher(Files.readString(doc));
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(rows).doesNotHaveDuplicates();
        assertThat(rows.stream().collect(Collectors.toSet()))
                .as("signals documented in %s", doc)
                .isEqualTo(SignalRegistry.standard().names());
    }
}
