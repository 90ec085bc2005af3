package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice agreement}: how often Sluice's rule-family verdicts agree with a reference run (e.g.
 * datatrove's), per family, and what the disagreements are. This is how parity with the field's
 * filters is reported, so its output names counts, not just percentages, and gives example ids to
 * look at.
 *
 * <p>Both files are JSON Lines with an {@code id} and, per family, {@code {"keep": bool, "reason":
 * name}}: under {@code filters} in ours (as {@code score --profile datatrove} writes), at the top level
 * or under {@code filters} in the reference (datatrove's decisions put them at the top level). Documents
 * are matched by id; those in only one file are counted, not compared.
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {
            "Compare the keep/drop verdicts of `sluice score --profile datatrove` with a reference run, per rule "
                    + "family: agreement (%%, counts) and the most frequent disagreements as (our reason, reference "
                    + "reason, count, example ids)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:compared (whatever the agreement)",
            "1:an I/O error stopped the run",
            "2:bad arguments: unreadable file, bad --map, nothing to compare"
        })
public final class AgreementCommand implements Callable<Integer> {

    private static final String KEEP = "keep";

    @Option(names = "--ours", required = true, paramLabel = "G.jsonl[.gz]",
            description = "Our verdicts: the output of `sluice score --profile datatrove`.")
    Path ours;

    @Option(names = "--reference", required = true, paramLabel = "D.jsonl[.gz]",
            description = "Reference verdicts, e.g. datatrove's decisions.")
    Path reference;

    @Option(names = "--map", paramLabel = "OURS=REF",
            description = "Compare our family OURS with the reference's REF (e.g. c4=c4_default); repeatable. "
                    + "Families are otherwise compared by the same name.")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Disagreement kinds listed per family (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--examples", defaultValue = "3", paramLabel = "K",
            description = "Example ids per disagreement kind (default: ${DEFAULT-VALUE}).")
    int examples;

    @Spec
    CommandSpec spec;

    /** A verdict as read from either file. */
    record Verdict(boolean keep, String reason) {
        /** The reason, or "keep" for a kept document, so kinds read as "too_few_sentences vs keep". */
        String label() {
            return keep ? KEEP : Objects.requireNonNullElse(reason, "drop");
        }
    }

    /** Counts for one family. */
    static final class FamilyStats {
        final String ours;
        final String reference;
        long compared;
        long agreed;
        long oursKept;
        long referenceKept;
        final Map<List<String>, Kind> kinds = new HashMap<>();

        FamilyStats(String ours, String reference) {
            this.ours = ours;
            this.reference = reference;
        }

        double agreement() {
            return compared == 0 ? 0.0 : 100.0 * agreed / compared;
        }
    }

    /** One kind of disagreement: our label, the reference's label, how often, and a few ids. */
    static final class Kind {
        final String ours;
        final String reference;
        long count;
        final List<String> ids = new ArrayList<>();

        Kind(String ours, String reference) {
            this.ours = ours;
            this.reference = reference;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> map = new HashMap<>();
        for (String m : mappings) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                err.println("agreement: --map wants OURS=REF (e.g. c4=c4_default), not '" + m + "'");
                return 2;
            }
            map.put(m.substring(0, eq).trim(), m.substring(eq + 1).trim());
        }
        for (Path p : List.of(ours, reference)) {
            if (!Files.isReadable(p)) {
                err.println("agreement: cannot read " + p + ": no such readable file");
                return 2;
            }
        }
        // Built here, not statically: picocli instantiates every subcommand at start-up, and
        // ObjectMapper loads a few hundred classes that `score` does not need.
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Map<String, Verdict>> referenceById = new HashMap<>();
        Map<String, FamilyStats> stats = new LinkedHashMap<>();
        long oursLines = 0;
        long oursUnusable = 0;
        long missingInReference = 0;
        try {
            try (BufferedReader r = open(reference)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = mapper.readTree(line);
                    JsonNode id = node.get("id");
                    if (id == null || id.isNull()) {
                        continue;
                    }
                    JsonNode filters = node.has("filters") ? node.get("filters") : node;
                    referenceById.put(id.asText(), verdicts(filters));
                }
            }
            long matched = 0;
            try (BufferedReader r = open(ours)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    oursLines++;
                    JsonNode node = mapper.readTree(line);
                    JsonNode id = node.get("id");
                    JsonNode filters = node.get("filters");
                    if (id == null || filters == null || !filters.isObject()) {
                        oursUnusable++; // error lines of `score`, or another tool's output
                        continue;
                    }
                    Map<String, Verdict> theirs = referenceById.get(id.asText());
                    if (theirs == null) {
                        missingInReference++;
                        continue;
                    }
                    matched++;
                    for (Map.Entry<String, Verdict> e : verdicts(filters).entrySet()) {
                        String family = e.getKey();
                        String refFamily = map.getOrDefault(family, family);
                        Verdict ref = theirs.get(refFamily);
                        if (ref == null) {
                            continue;
                        }
                        FamilyStats s = stats.computeIfAbsent(family, f -> new FamilyStats(f, refFamily));
                        count(s, id.asText(), e.getValue(), ref);
                    }
                }
            }
            if (stats.isEmpty()) {
                err.println("agreement: no family to compare: " + matched + " of " + oursLines
                        + " lines of --ours matched a reference id, and no family name is in both files"
                        + (map.isEmpty() ? " (see --map)" : ""));
                return 2;
            }
            print(out, stats, oursLines, oursUnusable, missingInReference, referenceById.size(), matched);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("agreement: " + e.getMessage());
            return 1;
        }
    }

    private void count(FamilyStats s, String id, Verdict ours, Verdict ref) {
        s.compared++;
        if (ours.keep()) {
            s.oursKept++;
        }
        if (ref.keep()) {
            s.referenceKept++;
        }
        if (ours.keep() == ref.keep()) {
            s.agreed++;
            return;
        }
        Kind kind = s.kinds.computeIfAbsent(List.of(ours.label(), ref.label()), k -> new Kind(k.get(0), k.get(1)));
        kind.count++;
        if (kind.ids.size() < examples) {
            kind.ids.add(id);
        }
    }

    private void print(PrintWriter out, Map<String, FamilyStats> stats, long oursLines, long unusable,
                       long missing, int referenceDocs, long matched) {
        out.printf(Locale.ROOT, "agreement: %,d documents compared (%,d lines in --ours, %,d in --reference; "
                + "%,d of ours not in the reference, %,d without verdicts)%n", matched, oursLines, referenceDocs,
                missing, unusable);
        out.println();
        out.printf(Locale.ROOT, "%-14s %9s %9s %9s %10s %10s%n", "family", "agree %", "agreed", "compared",
                "ours keep", "ref keep");
        for (FamilyStats s : stats.values()) {
            String name = s.ours.equals(s.reference) ? s.ours : s.ours + "~" + s.reference;
            out.printf(Locale.ROOT, "%-14s %8.2f%% %,9d %,9d %,10d %,10d%n", name, s.agreement(), s.agreed,
                    s.compared, s.oursKept, s.referenceKept);
        }
        for (FamilyStats s : stats.values()) {
            if (s.kinds.isEmpty()) {
                continue;
            }
            out.println();
            out.printf(Locale.ROOT, "%s: top disagreements (ours vs reference, count, examples)%n", s.ours);
            List<Kind> kinds = new ArrayList<>(s.kinds.values());
            kinds.sort((a, b) -> a.count != b.count ? Long.compare(b.count, a.count)
                    : (a.ours + a.reference).compareTo(b.ours + b.reference));
            for (Kind k : kinds.subList(0, Math.min(top, kinds.size()))) {
                out.printf(Locale.ROOT, "  %-24s %-24s %,7d  %s%n", k.ours, k.reference, k.count,
                        String.join(", ", k.ids));
            }
        }
    }

    /** The {@code {"keep", "reason"}} members of {@code node}, by name; other members are skipped. */
    private static Map<String, Verdict> verdicts(JsonNode node) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isObject() && v.has(KEEP) && v.get(KEEP).isBoolean()) {
                JsonNode reason = v.get("reason");
                out.put(e.getKey(), new Verdict(v.get(KEEP).booleanValue(),
                        reason == null || reason.isNull() ? null : reason.asText()));
            }
        });
        return out;
    }

    private static BufferedReader open(Path p) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
