package io.sluice.pipeline.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.pemistahl.lingua.api.Language;
import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Runs our identifier, Lingua (high- and low-accuracy modes) and Optimaize on the same held-out
 * texts in one JVM and prints accuracy per language and data set, and documents per second on one
 * core (a dev tool, not a test; figures go to {@code docs/LANGID.md}).
 *
 * <p>All three are restricted to the same 34 languages, so none loses points for answering a
 * language outside the set. Held-out text only: Europarl lines from 8,000 on (labelled by
 * {@link FunctionWordLabeler}), Debian fortunes (label = the package's language), coreutils
 * {@code --help} texts held out by {@code extract_debian_text.py}, and optionally the dev corpus
 * (Europarl lines before 8,000 are skipped there: they are training text).
 *
 * <p>Usage: {@code LanguageIdEvaluationMain [--per-lang N] [--fortunes DIR] [--coreutils DIR]
 * [--dev-corpus F.jsonl.gz] [--debian-manuals F.jsonl.gz] [--help-and-manpages F.jsonl.gz] [--model F] [--speed-seconds S] [--skip-lingua-high]
 * [--errors F.txt]}; {@code --debian-manuals} reads the paragraphs {@code extract_debian_manuals.py} writes;
 * {@code --errors} writes every text ours got wrong, with its label and our answer, to see causes.
 */
public final class LanguageIdEvaluationMain {

    static final List<String> LANGS = List.of("ar", "be", "bg", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et",
            "eu", "fi", "fr", "ga", "hr", "hu", "id", "it", "ja", "kk", "lt", "lv", "mk", "mt", "nl", "no", "pl",
            "pt", "ro", "ru", "sk", "sl", "sr", "sv", "tr", "uk", "vi", "zh");

    private LanguageIdEvaluationMain() {
    }

    /** A labelled text of a data set. */
    record Sample(String lang, String text) {
    }

    /** A named identifier returning an ISO 639-1 code or "und". */
    record Contender(String name, Function<String, String> detect) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--skip-lingua-high") || args[i].equals("--ours-only")) {
                opt.put(args[i].substring(2), "true");
            } else {
                opt.put(args[i].substring(2), args[++i]);
            }
        }
        int perLang = Integer.parseInt(opt.getOrDefault("per-lang", "100"));
        double speedSeconds = Double.parseDouble(opt.getOrDefault("speed-seconds", "3"));

        LanguageIdentifier ours = opt.containsKey("model")
                ? new LanguageIdentifier(LanguageModel.read(Files.newInputStream(Path.of(opt.get("model")))))
                : LanguageIdentifier.standard();
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("sluice", t -> ours.identify(t).code()));
        EnumSet<Language> linguaLangs = EnumSet.noneOf(Language.class);
        for (Language l : Language.values()) {
            if (l != Language.UNKNOWN && LANGS.contains(norwegianAsNo(l.getIsoCode639_1().name().toLowerCase(Locale.ROOT)))) {
                linguaLangs.add(l);
            }
        }
        boolean others = !opt.containsKey("ours-only");
        if (others && !opt.containsKey("skip-lingua-high")) {
            com.github.pemistahl.lingua.api.LanguageDetector high =
                    com.github.pemistahl.lingua.api.LanguageDetectorBuilder.fromLanguages(linguaLangs.toArray(Language[]::new))
                            .withPreloadedLanguageModels().build();
            contenders.add(new Contender("lingua", t -> lingua(high, t)));
        }
        if (others) {
            com.github.pemistahl.lingua.api.LanguageDetector low =
                    com.github.pemistahl.lingua.api.LanguageDetectorBuilder.fromLanguages(linguaLangs.toArray(Language[]::new))
                            .withLowAccuracyMode().withPreloadedLanguageModels().build();
            contenders.add(new Contender("lingua-low", t -> lingua(low, t)));
            List<LanguageProfile> profiles = new ArrayList<>();
            for (LanguageProfile p : new LanguageProfileReader().readAllBuiltIn()) {
                if (LANGS.contains(norwegianAsNo(p.getLocale().getLanguage()))) {
                    profiles.add(p);
                }
            }
            com.optimaize.langdetect.LanguageDetector optimaize =
                    com.optimaize.langdetect.LanguageDetectorBuilder.create(NgramExtractors.standard())
                            .withProfiles(profiles).build();
            TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();
            contenders.add(new Contender("optimaize", t -> {
                List<DetectedLanguage> p = optimaize.getProbabilities(texts.forText(t));
                return p.isEmpty() ? "und" : norwegianAsNo(p.get(0).getLocale().getLanguage());
            }));
            System.out.println("Lingua: " + linguaLangs.size() + " models (none for Maltese; Bokmål and Nynorsk both"
                    + " answer no); Optimaize " + profiles.size() + " profiles (zh-CN and zh-TW both answer zh; none for"
                    + " Esperanto)");
        }

        List<EuroparlDocuments.Doc> held = EuroparlDocuments.read(EuroparlDocuments.RESERVED_FROM_LINE, Integer.MAX_VALUE);
        Map<String, List<Sample>> sets = new LinkedHashMap<>();
        sets.put("Europarl paragraphs >= 200 chars (lines >= 8000)", europarl(held, perLang, true));
        sets.put("Europarl sentences 20-99 chars (lines >= 8000)", europarl(held, perLang, false));
        if (opt.containsKey("fortunes")) {
            List<Sample> all = fortunes(Path.of(opt.get("fortunes")));
            sets.put("Debian fortunes >= 200 chars", cap(all.stream().filter(s -> s.text.length() >= 200).toList(), perLang));
            sets.put("Debian fortunes 20-99 chars", cap(all.stream().filter(s -> s.text.length() >= 20 && s.text.length() < 100).toList(), perLang));
        }
        if (opt.containsKey("coreutils")) {
            sets.put("coreutils --help texts >= 200 chars (held out)", coreutils(Path.of(opt.get("coreutils")), perLang));
        }
        if (opt.containsKey("dev-corpus")) {
            sets.put("dev corpus (lang field; Europarl lines < 8000 skipped)", devCorpus(Path.of(opt.get("dev-corpus")), perLang));
        }
        if (opt.containsKey("debian-manuals")) {
            // Written by pipeline/src/langid-training/extract_debian_manuals.py.
            addLongAndShort(sets, "Debian manuals' translated paragraphs", Path.of(opt.get("debian-manuals")), perLang);
        }
        if (opt.containsKey("help-and-manpages")) {
            // Written by pipeline/src/langid-training/extract_help_and_manpages.py.
            addLongAndShort(sets, "GNOME help and translated man pages, paragraphs", Path.of(opt.get("help-and-manpages")),
                    perLang);
        }
        if (opt.containsKey("firefox-strings")) {
            // Written by pipeline/src/langid-training/extract_firefox_strings.py: program strings, not paragraphs.
            addLongAndShort(sets, "Firefox language packs' strings", Path.of(opt.get("firefox-strings")), perLang);
        }
        if (opt.containsKey("vim-tutors") || opt.containsKey("systemd-catalogs")) {
            List<Sample> all = new ArrayList<>();
            if (opt.containsKey("vim-tutors")) {
                all.addAll(vimTutors(Path.of(opt.get("vim-tutors"))));
            }
            if (opt.containsKey("systemd-catalogs")) {
                all.addAll(systemdCatalogs(Path.of(opt.get("systemd-catalogs"))));
            }
            sets.put("vim tutor and systemd catalog paragraphs >= 200 chars (held out)", cap(all, perLang));
        }

        StringBuilder errors = new StringBuilder();
        for (Map.Entry<String, List<Sample>> set : sets.entrySet()) {
            report(set.getKey(), set.getValue(), contenders, errors);
        }
        if (opt.containsKey("errors")) {
            Files.writeString(Path.of(opt.get("errors")), errors, StandardCharsets.UTF_8);
        }
        speed(held, contenders, speedSeconds);
    }

    /** Two held-out sets from a JSONL.gz of paragraphs with "lang" and "text": those of 200 chars or more, and of 20-99. */
    private static void addLongAndShort(Map<String, List<Sample>> sets, String name, Path file, int perLang)
            throws IOException {
        List<Sample> all = devCorpus(file, Integer.MAX_VALUE);
        sets.put(name + " >= 200 chars (held out)", cap(all.stream().filter(s -> s.text.length() >= 200).toList(), perLang));
        sets.put(name + " 20-99 chars (held out)",
                cap(all.stream().filter(s -> s.text.length() >= 20 && s.text.length() < 100).toList(), perLang));
    }

    private static String lingua(com.github.pemistahl.lingua.api.LanguageDetector d, String text) {
        Language l = d.detectLanguageOf(text);
        return l == Language.UNKNOWN ? "und" : norwegianAsNo(l.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
    }

    private static List<Sample> europarl(List<EuroparlDocuments.Doc> docs, int perLang, boolean paragraphs) {
        List<Sample> out = new ArrayList<>();
        for (EuroparlDocuments.Doc piece : EuroparlDocuments.pieces(docs, paragraphs)) {
            out.add(new Sample(piece.lang(), piece.body()));
        }
        return cap(out, perLang);
    }

    /** Fortune files by package language; {@code %} lines separate fortunes. */
    private static List<Sample> fortunes(Path dir) throws IOException {
        Map<String, String> dirs = new LinkedHashMap<>();
        for (String l : List.of("ar", "bg", "cs", "de", "eo", "es", "fr", "ga", "it", "ja", "pl", "pt", "ru", "sk", "sv")) {
            dirs.put(l, l);
        }
        dirs.put("zh_CN", "zh");
        dirs.put("zh_TW", "zh");
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<String, String> e : dirs.entrySet()) {
            Path sub = dir.resolve(e.getKey());
            if (Files.isDirectory(sub)) {
                try (var files = Files.list(sub)) {
                    for (Path f : files.sorted().toList()) {
                        readFortunes(f, e.getValue(), out);
                    }
                }
            }
        }
        for (String f : List.of("chinese", "tang300", "song100")) {
            readFortunes(dir.resolve(f), "zh", out);
        }
        for (String f : List.of("fortunes", "literature", "riddles")) {
            readFortunes(dir.resolve(f), "en", out);
        }
        return out;
    }

    /**
     * Paragraphs of Vim's tutor in each supported language ({@code tutor.<lang>.utf-8} under
     * {@code /usr/share/vim/vim90/tutor}): prose about editing, translated by hand, neither gettext
     * catalogues nor any other training text. Banner lines of {@code ~} and {@code =} are skipped.
     */
    private static List<Sample> vimTutors(Path dir) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<Path, String> e : filesByLanguage(dir, "tutor", "utf-8").entrySet()) {
            for (String p : Files.readString(e.getKey(), StandardCharsets.UTF_8).split("\n\\s*\n")) {
                if (!p.contains("~~~~") && !p.contains("====")) {
                    addParagraph(e.getValue(), p, out);
                }
            }
        }
        return out;
    }

    /**
     * Message explanations of systemd's journal catalogues ({@code systemd.<lang>.catalog} under
     * {@code /usr/lib/systemd/catalog}), without their header fields.
     */
    private static List<Sample> systemdCatalogs(Path dir) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<Path, String> e : filesByLanguage(dir, "systemd", "catalog").entrySet()) {
            String lang = e.getValue();
            StringBuilder body = new StringBuilder();
            for (String line : Files.readAllLines(e.getKey(), StandardCharsets.UTF_8)) {
                if (line.startsWith("-- ") || line.startsWith("#") || line.matches("^[A-Z][A-Za-z-]*:.*")) {
                    addParagraphs(lang, body.toString(), out);
                    body.setLength(0);
                } else {
                    body.append(line).append('\n');
                }
            }
            addParagraphs(lang, body.toString(), out);
        }
        return out;
    }

    /**
     * The files {@code <prefix>.<lang>.<suffix>} of {@code dir} in name order, with their language
     * ({@code zh_cn} and {@code pt_BR} read as {@code zh} and {@code pt}), supported languages only.
     */
    private static Map<Path, String> filesByLanguage(Path dir, String prefix, String suffix) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String[] parts = f.getFileName().toString().split("\\.");
                if (parts.length != 3 || !parts[0].equals(prefix) || !parts[2].equals(suffix)) {
                    continue;
                }
                String lang = norwegianAsNo(parts[1].split("_")[0]);
                if (LANGS.contains(lang)) {
                    out.put(f, lang);
                }
            }
        }
        return out;
    }

    /** Bokmål and Nynorsk labels as the macrolanguage code the identifier answers. */
    private static String norwegianAsNo(String lang) {
        return lang.equals("nb") || lang.equals("nn") ? "no" : lang;
    }

    private static void addParagraphs(String lang, String text, List<Sample> out) {
        for (String p : text.split("\n\\s*\n")) {
            addParagraph(lang, p, out);
        }
    }

    private static void addParagraph(String lang, String paragraph, List<Sample> out) {
        String t = paragraph.replaceAll("\\s+", " ").strip();
        if (t.length() >= 200) {
            out.add(new Sample(lang, t));
        }
    }

    private static void readFortunes(Path f, String lang, List<Sample> out) throws IOException {
        String name = f.getFileName().toString();
        if (!Files.isRegularFile(f) || name.endsWith(".dat") || name.endsWith(".u8")) {
            return;
        }
        String all = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        for (String fortune : all.split("\n%\n")) {
            String t = fortune.strip();
            if (!t.isEmpty()) {
                out.add(new Sample(lang, t));
            }
        }
    }

    private static List<Sample> coreutils(Path dir, int perLang) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String l : LANGS) {
            Path f = dir.resolve(l + ".txt");
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.length() >= 200) {
                        out.add(new Sample(l, line));
                    }
                }
            }
        }
        return cap(out, perLang);
    }

    private static List<Sample> devCorpus(Path file, int perLang) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = mapper.readTree(line);
                String id = n.path("id").asText();
                String lang = norwegianAsNo(n.path("lang").asText("").replace("zh-cn", "zh"));
                if (!LANGS.contains(lang)) {
                    continue;
                }
                if (id.startsWith("europarl:")
                        && Integer.parseInt(id.substring("europarl:".length())) < EuroparlDocuments.RESERVED_FROM_LINE) {
                    continue;
                }
                out.add(new Sample(lang, n.path("text").asText()));
            }
        }
        return cap(out, perLang);
    }

    /** At most {@code perLang} samples per language, spread evenly over the file order. */
    private static List<Sample> cap(List<Sample> samples, int perLang) {
        Map<String, List<Sample>> by = new TreeMap<>();
        for (Sample s : samples) {
            by.computeIfAbsent(s.lang, k -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>();
        for (List<Sample> l : by.values()) {
            double step = Math.max(1.0, (double) l.size() / perLang);
            int taken = 0;
            for (double i = 0; i < l.size() && taken < perLang; i += step, taken++) {
                out.add(l.get((int) i));
            }
        }
        return out;
    }

    private static void report(String title, List<Sample> samples, List<Contender> contenders, StringBuilder errors) {
        Set<String> langs = new TreeSet<>();
        samples.forEach(s -> langs.add(s.lang));
        int[][] right = new int[contenders.size()][langs.size()];
        int[] n = new int[langs.size()];
        List<String> langList = new ArrayList<>(langs);
        Map<String, Map<String, Integer>> confusions = new TreeMap<>();
        for (Sample s : samples) {
            int li = langList.indexOf(s.lang);
            n[li]++;
            for (int c = 0; c < contenders.size(); c++) {
                String got = contenders.get(c).detect.apply(s.text);
                if (got.equals(s.lang)) {
                    right[c][li]++;
                } else if (c == 0) {
                    confusions.computeIfAbsent(s.lang, k -> new TreeMap<>()).merge(got, 1, Integer::sum);
                    errors.append("=== ").append(title).append(": label ").append(s.lang).append(", ours ").append(got)
                            .append('\n').append(s.text).append('\n');
                }
            }
        }
        System.out.println();
        System.out.println("### " + title + " (" + samples.size() + " texts)");
        StringBuilder head = new StringBuilder("| lang | n |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Contender c : contenders) {
            head.append(' ').append(c.name).append(" |");
            rule.append("---|");
        }
        head.append(" sluice errors |");
        rule.append("---|");
        System.out.println(head);
        System.out.println(rule);
        int[] total = new int[contenders.size()];
        for (int li = 0; li < langList.size(); li++) {
            StringBuilder row = new StringBuilder("| " + langList.get(li) + " | " + n[li] + " |");
            for (int c = 0; c < contenders.size(); c++) {
                row.append(String.format(Locale.ROOT, " %.1f |", 100.0 * right[c][li] / n[li]));
                total[c] += right[c][li];
            }
            row.append(' ').append(confusions.getOrDefault(langList.get(li), Map.of())).append(" |");
            System.out.println(row);
        }
        StringBuilder all = new StringBuilder("| **all** | " + samples.size() + " |");
        for (int c = 0; c < contenders.size(); c++) {
            all.append(String.format(Locale.ROOT, " **%.2f** |", 100.0 * total[c] / samples.size()));
        }
        System.out.println(all.append("  |"));
        System.out.flush();
    }

    /** Single-threaded documents per second on held-out Europarl documents of 800–1,300 chars. */
    private static void speed(List<EuroparlDocuments.Doc> held, List<Contender> contenders, double seconds) {
        List<String> docs = new ArrayList<>();
        for (EuroparlDocuments.Doc d : held) {
            if (d.body().length() >= 800 && d.body().length() <= 1300 && docs.size() < 1000) {
                docs.add(d.body());
            }
        }
        double meanChars = docs.stream().mapToInt(String::length).average().orElse(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "### Speed: one thread, %d Europarl documents (mean %.0f chars), median of 3 runs "
                + "of %.0f s after a warm-up%n", docs.size(), meanChars, seconds);
        System.out.println("| contender | docs per CPU-second (median) | docs/s wall (median) | CPU runs | wall runs |");
        System.out.println("|---|---|---|---|---|");
        for (Contender c : contenders) {
            run(c, docs, seconds); // warm-up
            double[] cpu = new double[3];
            double[] wall = new double[3];
            for (int i = 0; i < 3; i++) {
                double[] r = run(c, docs, seconds);
                cpu[i] = r[0];
                wall[i] = r[1];
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s |%n", c.name, median(cpu), median(wall),
                    format(cpu), format(wall));
            System.out.flush();
        }
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<String> format(double[] v) {
        return Arrays.stream(v).mapToObj(r -> String.format(Locale.ROOT, "%,.0f", r)).toList();
    }

    /**
     * Documents per CPU-second of this thread and per wall second. The machine is shared, so the
     * CPU-time figure (what one core does when it runs the detector) is the one to compare.
     */
    private static double[] run(Contender c, List<String> docs, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long count = 0;
        int sink = 0;
        outer:
        while (true) {
            for (String d : docs) {
                sink += c.detect.apply(d).length();
                count++;
                if ((count & 7) == 0 && System.nanoTime() >= deadline) {
                    break outer;
                }
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new double[] {count / cpuSeconds, count / ((System.nanoTime() - start) / 1e9)};
    }
}
