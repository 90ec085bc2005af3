package io.sluice.pipeline.signals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.SourceKind;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Dev tool, not a test: CPU microseconds per document of each standard signal family over a JSON
 * Lines corpus (every other record scored as synthetic with requested language "en"). Thread CPU
 * time rather than wall time, because the shared dev machine's load makes wall time meaningless.
 * Usage: {@code FamilyCostMain ../shared/corpus/dev_corpus.jsonl.gz [rounds]}.
 */
public final class FamilyCostMain {

    private FamilyCostMain() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<SignalInput> inputs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(args[0])),
                StandardCharsets.UTF_8))) {
            String line;
            int i = 0;
            while ((line = r.readLine()) != null) {
                String text = json.readTree(line).get("text").asText();
                SourceKind kind = (i++ & 1) == 0 ? SourceKind.SCRAPED : SourceKind.SYNTHETIC;
                inputs.add(new SignalInput("x", text, kind, 1L, null, 2L, new RecordContext(null, "m", 0, null, "en", -1)));
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<SignalFamily> families = SignalRegistry.standard().families();
        for (int round = 0; round < rounds; round++) {
            StringBuilder sb = new StringBuilder("round " + round + ":");
            long total = 0;
            for (SignalFamily f : families) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (SignalInput in : inputs) {
                    f.compute(in, (n, v) -> { });
                }
                long dt = cpu.getCurrentThreadCpuTime() - t0;
                total += dt;
                sb.append(String.format(Locale.ROOT, " %s %.1f us", f.name(), dt / 1e3 / inputs.size()));
            }
            sb.append(String.format(Locale.ROOT, " | all %.0f docs/cpu-s", inputs.size() / (total / 1e9)));
            System.out.println(sb);
        }
    }
}
