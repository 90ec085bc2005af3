package io.sluice.pipeline.signals.synthetic;

import io.sluice.pipeline.lang.EuroparlDocuments;
import io.sluice.pipeline.lang.LanguageIdentifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * How often {@code synthetic.lang_mismatch} is right on held-out real text: Europarl documents from
 * line {@value EuroparlDocuments#RESERVED_FROM_LINE} on (never trained on by the language model),
 * labelled by {@code FunctionWordLabeler}, cut into paragraphs of 200+ chars and sentences of 20–99.
 * Each text is asked about four times:
 * <ul>
 *   <li><b>as requested</b>: requested = its own language; a flag is a false alarm, which would send a
 *       good record back for regeneration;</li>
 *   <li><b>another language</b>: requested = a random other language the identifier covers;</li>
 *   <li><b>close neighbour</b>: requested = the language most easily confused with it (cs/sk, hr/sl,
 *       da/sv, es/pt, bg/ru, ...);</li>
 *   <li><b>other script</b>: requested = a language the identifier does not cover, written in another
 *       script (uk for Latin text, ko for Cyrillic and Greek text).</li>
 * </ul>
 * The last three should be flagged. Development tool: run with the test class path,
 * {@code java -cp … io.sluice.pipeline.signals.synthetic.LanguageMismatchEvaluation [per-language] [seed]}.
 */
public final class LanguageMismatchEvaluation {

    /** The language each one is most easily confused with. */
    static final Map<String, String> NEIGHBOUR = Map.ofEntries(
            Map.entry("cs", "sk"), Map.entry("sk", "cs"), Map.entry("hr", "sl"), Map.entry("sl", "hr"),
            Map.entry("da", "sv"), Map.entry("sv", "da"), Map.entry("es", "pt"), Map.entry("pt", "es"),
            Map.entry("bg", "ru"), Map.entry("ru", "bg"), Map.entry("lv", "lt"), Map.entry("lt", "lv"),
            Map.entry("fi", "et"), Map.entry("et", "fi"), Map.entry("nl", "de"), Map.entry("de", "nl"),
            Map.entry("it", "es"), Map.entry("fr", "it"), Map.entry("ro", "it"), Map.entry("en", "fr"),
            Map.entry("pl", "cs"), Map.entry("hu", "fi"), Map.entry("el", "bg"), Map.entry("mt", "it"),
            Map.entry("ga", "en"));

    /** A text in a known language and the question asked about it. */
    record Case(String lang, String text) {
    }

    /** Counts for one set and one way of asking. */
    static final class Tally {
        int asked;
        int flagged;

        double rate() {
            return asked == 0 ? 0 : flagged / (double) asked;
        }
    }

    /** Tallies per way of asking ("as requested", "another language", ...), for one check. */
    static Map<String, Tally> evaluate(List<Case> cases, BiPredicate<String, String> flags, long seed) {
        List<String> covered = LanguageIdentifier.standard().supportedLanguages();
        Random random = new Random(seed);
        Map<String, Tally> out = new LinkedHashMap<>();
        for (String way : List.of("as requested", "another language", "close neighbour", "other script")) {
            out.put(way, new Tally());
        }
        for (Case c : cases) {
            ask(out.get("as requested"), flags, c.lang(), c.text());
            String other;
            do {
                other = covered.get(random.nextInt(covered.size()));
            } while (other.equals(c.lang()));
            ask(out.get("another language"), flags, other, c.text());
            String neighbour = NEIGHBOUR.get(c.lang());
            if (neighbour != null) {
                ask(out.get("close neighbour"), flags, neighbour, c.text());
            }
            boolean latin = !List.of("bg", "ru", "el").contains(c.lang());
            ask(out.get("other script"), flags, latin ? "uk" : "ko", c.text());
        }
        return out;
    }

    private static void ask(Tally t, BiPredicate<String, String> flags, String requested, String text) {
        t.asked++;
        if (flags.test(requested, text)) {
            t.flagged++;
        }
    }

    /** Held-out Europarl paragraphs (200+ chars) or sentences (20–99 chars), at most {@code perLang} per language. */
    static List<Case> europarl(int perLang, boolean paragraphs) throws IOException {
        Map<String, List<Case>> byLang = new TreeMap<>();
        List<EuroparlDocuments.Doc> held =
                EuroparlDocuments.read(EuroparlDocuments.RESERVED_FROM_LINE, Integer.MAX_VALUE);
        for (EuroparlDocuments.Doc piece : EuroparlDocuments.pieces(held, paragraphs)) {
            byLang.computeIfAbsent(piece.lang(), k -> new ArrayList<>()).add(new Case(piece.lang(), piece.body()));
        }
        List<Case> out = new ArrayList<>();
        for (List<Case> cases : byLang.values()) {
            int n = Math.min(perLang, cases.size());
            for (int i = 0; i < n; i++) {
                out.add(cases.get((int) ((long) i * cases.size() / n))); // spread over the file order
            }
        }
        return out;
    }

    /** The check as the scorer runs it: the shared identifier's guess, then {@link LanguageMismatch}. */
    static BiPredicate<String, String> sluiceCheck() {
        LanguageIdentifier identifier = LanguageIdentifier.standard();
        LanguageMismatch check = new LanguageMismatch(identifier.supportedLanguages());
        return (requested, text) -> check.mismatch(requested, text, identifier.identify(text));
    }

    public static void main(String[] args) throws IOException {
        int perLang = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261127L;
        Map<String, BiPredicate<String, String>> checks = new LinkedHashMap<>();
        checks.put("sluice", sluiceCheck());
        for (Map.Entry<String, List<Case>> set : Map.of(
                "Europarl paragraphs >= 200 chars", europarl(perLang, true),
                "Europarl sentences 20-99 chars", europarl(perLang, false)).entrySet()) {
            System.out.printf("%n#### %s (%d texts, seed %d)%n| asked | %s |%n|---|%s%n", set.getKey(),
                    set.getValue().size(), seed, String.join(" | ", checks.keySet()), "---|".repeat(checks.size()));
            Map<String, Map<String, Tally>> results = new LinkedHashMap<>();
            checks.forEach((name, check) -> results.put(name, evaluate(set.getValue(), check, seed)));
            for (String way : results.values().iterator().next().keySet()) {
                StringBuilder row = new StringBuilder("| " + way + " |");
                for (Map<String, Tally> r : results.values()) {
                    Tally t = r.get(way);
                    row.append(String.format(" %.2f%% (%d/%d) |", 100 * t.rate(), t.flagged, t.asked));
                }
                System.out.println(row);
            }
        }
    }
}
