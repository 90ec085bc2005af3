package io.sluice.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.lang.LanguageGuess;
import io.sluice.pipeline.policy.InvalidPolicyException;
import io.sluice.pipeline.policy.Policy;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.scoring.DocumentScorer;
import io.sluice.pipeline.dedup.Duplication;
import io.sluice.pipeline.dedup.FirstSeenIndex;
import io.sluice.pipeline.scoring.ScoringInput;
import io.sluice.pipeline.scoring.ScoringResult;
import io.sluice.pipeline.signals.HttpUrls;
import io.sluice.pipeline.signals.quality.FilterFamily;
import io.sluice.pipeline.signals.quality.FilterVerdict;
import io.sluice.pipeline.signals.quality.ReferenceProfile;
import io.sluice.pipeline.text.EnglishTokenizer;
import io.sluice.pipeline.signals.RecordContext;
import io.sluice.pipeline.signals.SignalValues;
import io.sluice.pipeline.signals.pii.PiiKind;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice score}: the stream job's normalizer, signals and policy run offline over a JSON Lines
 * file, for backfills and for dry runs of a policy change on historical data.
 *
 * <p>One input line gives one output line, in order, so outputs can be joined back to inputs by line
 * number. A malformed line does not stop the run: it is counted, reported on stderr (the first
 * {@value #MAX_REPORTED_ERRORS}) and written as {@code {"line": n, "id": ..., "error": ...}}. Jackson
 * streaming is used on both sides because tree or data-binding would allocate a node per field and
 * dominate the cost of scoring.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Score a JSON Lines file offline with the same normalizer, signals and policy as the stream job; "
                    + "for backfills and dry runs of a policy change.",
            "",
            "Input lines are JSON objects with \"id\" and \"text\", and optionally \"source_kind\" "
                    + "(synthetic | scraped, default scraped), \"lang\" or \"language\", \"url\", \"domain\", "
                    + "\"task_type\", \"source\", \"license\", \"generator_model\", \"prompt\", \"lineage_depth\", \"fetch_time\" and \"event_time\" (epoch ms or ISO-8601; default: the start of "
                    + "the run). The slice domain is \"domain\" if given, else the URL host (or \"source\") for "
                    + "scraped records and \"task_type\" for synthetic ones.",
            "Each output line has id, signals, signals_version, pii (match counts per kind), slice, lang (identified "
                    + "code, confidence, runner-up) and decision (route, reasons, "
                    + "policy_version, repair_instruction for resynthesis), and redacted_text when the policy redacted PII; "
                    + "malformed input lines give "
                    + "{\"line\", \"id\", \"error\"} instead.",
            "With --profile datatrove, the reference setup of the web rule families runs instead, on the text "
                    + "as given (not normalized), without a policy: datatrove's default thresholds, its English "
                    + "tokenizer for every document, C4 with filter_no_terminal_punct=False. Each output line then "
                    + "has id, signals and filters: {\"c4\": {\"keep\": bool, \"reason\": name or null}, ...}, "
                    + "comparable with datatrove's verdicts by `sluice agreement`."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every line was read (malformed lines are reported, not fatal)",
            "1:an I/O error stopped the run",
            "2:bad arguments: unreadable input or policy, invalid policy"
        })
public final class ScoreCommand implements Callable<Integer> {

    /** Malformed lines reported one by one on stderr; the rest are only counted and in the output. */
    static final int MAX_REPORTED_ERRORS = 20;

    private static final int BUFFER = 1 << 16;
    static final String PROFILE_DEFAULT = "default";
    static final String PROFILE_DATATROVE = "datatrove";
    private static final PiiKind[] PII_KINDS = PiiKind.values();

    @Option(names = "--in", required = true, paramLabel = "F.jsonl[.gz]",
            description = "Input JSON Lines; gzip is detected by the .gz extension or the gzip magic bytes. "
                    + "'-' reads stdin.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "G.jsonl[.gz]",
            description = "Output JSON Lines; gzip-compressed when the name ends in .gz. '-' writes stdout.")
    Path out;

    @Option(names = "--policy", paramLabel = "P.yaml",
            description = "Policy YAML (default: the policy shipped with Sluice, "
                    + PolicyLoader.DEFAULT_POLICY_RESOURCE + ").")
    Path policyFile;

    @Option(names = "--profile", defaultValue = PROFILE_DEFAULT, paramLabel = "NAME",
            description = "default: the normalizer, every standard signal and the policy, as the stream job runs "
                    + "them; datatrove: the reference setup of the rule families, for comparison with datatrove "
                    + "(default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--c4-filter-no-terminal-punct",
            description = "With --profile datatrove: run C4 as datatrove's stock default, which also removes lines "
                    + "without terminal punctuation (the reference decisions' c4_default column).")
    boolean c4FilterNoTerminalPunct;

    @Option(names = "--dedup", description = "Also look for duplicates within the file: every record is checked "
            + "against the records before it, exactly and nearly (MinHash LSH), as the stream job does with "
            + "dedup.enabled=true: dup.* signals, the policy's duplicate rules, and \"dup_of\" naming the first copy.")
    boolean dedupWithinFile;

    /** The default of --max-text-chars; {@code sluice drift}, which scores too, keeps to it. */
    static final int DEFAULT_MAX_TEXT_CHARS = 5_000_000;

    @Option(names = "--max-text-chars", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_TEXT_CHARS,
            description = "Longest text scored, in chars (default: ${DEFAULT-VALUE}); a longer one is reported as "
                    + "a malformed line and the run goes on. A scorer holds ~60-70 bytes per char of its document, "
                    + "so on each thread a 5M-char text needs ~0.3 GB of the heap.")
    int maxTextChars;

    @Option(names = "--threads", paramLabel = "N",
            description = "Scoring threads (default: the processors this process may use, as `taskset` or a "
                    + "container limits them). The input is cut into batches of lines that N threads score, each "
                    + "with its own scorer; the output keeps the input's order and is byte for byte the same as "
                    + "with one thread. With --dedup the reading thread checks each record against the ones before "
                    + "it, in file order, before its batch is scored.")
    Integer threadsOption;

    /** The threads of this run: {@link #threadsOption}, or its default. */
    private int threads;

    /** When the run started: the event time of input lines that carry none. */
    private final long runStartMillis = System.currentTimeMillis();

    /** Malformed lines reported on stderr so far, over all threads. */
    private final AtomicInteger reportedErrors = new AtomicInteger();

    @Option(names = "--progress-seconds", defaultValue = "2", paramLabel = "S",
            description = "Seconds between progress lines on stderr; 0 turns them off (default: ${DEFAULT-VALUE}).")
    double progressSeconds;

    @Spec
    CommandSpec spec;

    private final JsonFactory json = jsonFactory();

    private static JsonFactory jsonFactory() {
        return new JsonFactoryBuilder()
                // Jackson refuses strings over 20M chars by default, with a parser's message; the line is
                // in memory already, so the parser may read any string and --max-text-chars decides.
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .rootValueSeparator((String) null)
                .build();
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!PROFILE_DEFAULT.equals(profile) && !PROFILE_DATATROVE.equals(profile)) {
            err.println("score: unknown --profile '" + profile + "' (expected default or datatrove)");
            return 2;
        }
        boolean reference = PROFILE_DATATROVE.equals(profile);
        if (reference && policyFile != null) {
            err.println("score: --policy does not apply to --profile datatrove, which gives each rule family's "
                    + "verdict instead of a route; drop one of them");
            return 2;
        }
        if (!reference && c4FilterNoTerminalPunct) {
            err.println("score: --c4-filter-no-terminal-punct only applies to --profile datatrove");
            return 2;
        }
        threads = threadsOption != null ? threadsOption : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            err.println("score: --threads must be at least 1, got " + threads);
            return 2;
        }
        if (!isStdio(in) && !Files.isReadable(in)) {
            err.println("score: cannot read --in " + in + ": no such readable file");
            return 2;
        }
        if (reference) {
            err.println("score: " + in + " -> " + out + " with the datatrove reference profile"
                    + (c4FilterNoTerminalPunct ? " (C4 stock default: filter_no_terminal_punct=True)" : ""));
            err.flush();
            return execute(() -> new Run(ReferenceProfile.datatrove(EnglishTokenizer.standard(),
                    c4FilterNoTerminalPunct), err), err);
        }
        Policy policy;
        try {
            policy = policyFile == null ? new PolicyLoader().loadDefault() : new PolicyLoader().load(policyFile);
        } catch (InvalidPolicyException e) {
            err.println("score: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("score: cannot read --policy " + policyFile + ": " + describe(e));
            return 2;
        }
        err.println("score: " + in + " -> " + out + " with policy " + policy.version()
                + (policyFile == null ? " (default)" : " (" + policyFile + ")"));
        err.flush();
        // One scorer per thread (scorers keep per-document scratch state); the policy is immutable and shared.
        return execute(() -> new Run(new DocumentScorer(policy), err), err);
    }

    private int execute(Supplier<Run> newRun, PrintWriter err) {
        if (threads > 1) {
            return executeInParallel(newRun, err);
        }
        Run run = newRun.get();
        try (InputStream input = openInput(); OutputStream output = openOutput()) {
            run.process(input, output);
        } catch (IOException e) {
            err.println("score: stopped after " + run.lines + " lines: " + describe(e));
            err.flush();
            return 1;
        }
        run.summary();
        return 0;
    }

    /** Bytes of input per batch: a few hundred typical documents, large enough that hand-over costs nothing. */
    static final int BATCH_BYTES = 1 << 20;

    /** {@link #BATCH_BYTES}; tests make it small to cut their inputs into many batches. */
    int batchBytes = BATCH_BYTES;

    /**
     * Scores batches of lines on {@link #threads} threads and writes their outputs in input order. At most
     * two batches per thread are in flight, so memory stays bounded whatever the input's size.
     */
    private int executeInParallel(Supplier<Run> newRun, PrintWriter err) {
        List<Run> runs = new CopyOnWriteArrayList<>();
        ThreadLocal<Run> runOfThread = ThreadLocal.withInitial(() -> {
            Run run = newRun.get();
            run.forParallelRun();
            runs.add(run);
            return run;
        });
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "score-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long linesRead = 0;
        long linesWritten = 0;
        long nextProgress = progressSeconds > 0 ? start + (long) (progressSeconds * 1e9) : Long.MAX_VALUE;
        ArrayDeque<Future<ScoredBatch>> inFlight = new ArrayDeque<>();
        try (InputStream input = openInput(); OutputStream output = openOutput()) {
            BatchReader batches = new BatchReader(input, batchBytes);
            // --dedup: every record is checked against the ones before it, so here, in file order.
            FirstSeenIndex seen = dedupWithinFile ? new FirstSeenIndex() : null;
            LineBatch batch;
            IOException readError = null;
            while (true) {
                try {
                    batch = batches.next(linesRead);
                } catch (IOException e) {
                    // A truncated or corrupt input: what was read before it is still scored and written,
                    // as on one thread, and the error is reported after it.
                    readError = e;
                    break;
                }
                if (batch == null) {
                    break;
                }
                linesRead += batch.lines();
                LineBatch scored = seen == null ? batch : batch.withDuplications(duplications(batch, seen));
                inFlight.add(pool.submit(() -> runOfThread.get().processBatch(scored)));
                while (inFlight.size() >= 2 * threads || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                    linesWritten += writeNext(inFlight, output);
                }
                if (System.nanoTime() >= nextProgress) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    err.printf(Locale.ROOT, "score: %,d lines, %,.0f lines/s on %d threads%n", linesWritten,
                            linesWritten / seconds, threads);
                    err.flush();
                    nextProgress = System.nanoTime() + (long) (progressSeconds * 1e9);
                }
            }
            while (!inFlight.isEmpty()) {
                linesWritten += writeNext(inFlight, output);
            }
            if (readError != null) {
                throw readError;
            }
        } catch (IOException e) {
            err.println("score: stopped after " + linesWritten + " lines: " + describe(e));
            err.flush();
            return 1;
        } finally {
            pool.shutdownNow();
        }
        if (runs.isEmpty()) {
            newRun.get().summary(start);
            return 0;
        }
        Run total = runs.get(0);
        for (Run other : runs.subList(1, runs.size())) {
            total.absorb(other);
        }
        total.summary(start);
        return 0;
    }

    /**
     * The dedup answer of each non-blank line of {@code batch}, as a one-thread run would give it: only
     * lines that parse are checked (and remembered), in order.
     */
    private Duplication[] duplications(LineBatch batch, FirstSeenIndex seen) throws IOException {
        List<Duplication> answers = new ArrayList<>();
        LineReader line = new LineReader(new ByteArrayInputStream(batch.bytes(), 0, batch.length()));
        while (line.next()) {
            if (line.isBlank()) {
                continue;
            }
            LineParser parsed = new LineParser(runStartMillis, maxTextChars);
            Duplication answer = null;
            try {
                parsed.parse(json, line);
                ScoringInput input = parsed.toInput();
                answer = seen.see(input.id(), input.text());
            } catch (MalformedLineException | RuntimeException unparsable) {
                // The scoring thread reports it; it was never remembered.
            }
            answers.add(answer);
        }
        return answers.toArray(Duplication[]::new);
    }

    private static long writeNext(ArrayDeque<Future<ScoredBatch>> inFlight, OutputStream output) throws IOException {
        ScoredBatch done;
        try {
            done = inFlight.remove().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("a scoring thread failed", e.getCause());
        }
        output.write(done.output());
        return done.lines();
    }

    /**
     * Whole lines of the input, the first being line {@code firstLine} (1-based); with --dedup, the
     * reading thread's answer for each non-blank line in order (null for a line that does not parse).
     */
    record LineBatch(byte[] bytes, int length, long firstLine, int lines, Duplication[] duplications) {

        LineBatch withDuplications(Duplication[] answers) {
            return new LineBatch(bytes, length, firstLine, lines, answers);
        }
    }

    /** A batch's output lines, in order. */
    record ScoredBatch(byte[] output, int lines) {
    }

    /**
     * Cuts the input into batches of whole lines of about {@code batchBytes} (more when one line is
     * longer); the last line may lack its newline.
     */
    static final class BatchReader {
        private final InputStream in;
        private final int batchBytes;
        private byte[] carry = new byte[0];
        private int carried;
        private boolean eof;
        /** A read error met after some whole lines: those lines are handed out first, the error next. */
        private IOException pending;

        BatchReader(InputStream in, int batchBytes) {
            this.in = in;
            this.batchBytes = batchBytes;
        }

        /** The next batch, numbered from {@code linesBefore + 1}; null at the end of the input. */
        LineBatch next(long linesBefore) throws IOException {
            if (pending != null) {
                throw pending;
            }
            if (eof && carried == 0) {
                return null;
            }
            byte[] buf = Arrays.copyOf(carry, Math.max(batchBytes, carried + batchBytes / 4));
            int filled = carried;
            int lastNewline = -1;
            for (int i = 0; i < filled; i++) {
                lastNewline = buf[i] == '\n' ? i : lastNewline;
            }
            while (!eof && (filled < batchBytes || lastNewline < 0)) {
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n;
                try {
                    n = in.read(buf, filled, buf.length - filled);
                } catch (IOException e) {
                    if (lastNewline < 0) {
                        throw e;
                    }
                    // Hand out the whole lines read so far; the cut line after them is lost, as on one thread.
                    pending = e;
                    carried = 0;
                    carry = new byte[0];
                    return batchOf(buf, lastNewline + 1, linesBefore);
                }
                if (n < 0) {
                    eof = true;
                    break;
                }
                for (int i = filled; i < filled + n; i++) {
                    lastNewline = buf[i] == '\n' ? i : lastNewline;
                }
                filled += n;
            }
            int end = eof ? filled : lastNewline + 1;
            carried = filled - end;
            carry = Arrays.copyOfRange(buf, end, filled);
            if (end == 0) {
                return null;
            }
            return batchOf(buf, end, linesBefore);
        }

        private static LineBatch batchOf(byte[] buf, int end, long linesBefore) {
            int lines = 0;
            for (int i = 0; i < end; i++) {
                lines += buf[i] == '\n' ? 1 : 0;
            }
            if (buf[end - 1] != '\n') {
                lines++; // the last line, without its newline
            }
            return new LineBatch(buf, end, linesBefore + 1, lines, null);
        }
    }

    /** The state of one pass over the input, with either a scorer (default profile) or a reference profile. */
    private final class Run {
        private final DocumentScorer scorer;
        private final ReferenceProfile reference;
        /** Remembers every text scored so far (default profile with --dedup). */
        private FirstSeenIndex dedup;
        private final SerializedString[] signalNames;
        private final SerializedString[] filterNames;
        private final double[] values;
        private final FilterVerdict[] verdicts;
        private final long[] kept;
        private int emitted;
        private final PrintWriter err;
        /** With --dedup on several threads: the reading thread's answers for the current batch's lines. */
        private Duplication[] batchDuplications;
        private int nextDuplication;
        /** Signal names as pre-encoded JSON field names (a per-thread cache: one Run per thread). */
        private final SignalFields fieldNames = new SignalFields();
        /** Records per route (default profile only: Route is an Avro enum, whose schema parsing the reference profile skips). */
        private final long[] routes;
        /** The default event time of lines without one: the run's start, the same on every thread. */
        private final long defaultEventTime = runStartMillis;
        private final long start = System.nanoTime();
        private long lines;
        private long records;
        private long errors;
        private long nextProgress;

        Run(DocumentScorer scorer, PrintWriter err) {
            this(scorer, null, err);
        }

        Run(ReferenceProfile reference, PrintWriter err) {
            this(null, reference, err);
        }

        private Run(DocumentScorer scorer, ReferenceProfile reference, PrintWriter err) {
            this.scorer = scorer;
            this.reference = reference;
            List<String> names = reference == null ? List.of() : reference.signalNames();
            List<FilterFamily> families = reference == null ? List.of() : reference.families();
            // Pre-encoded names: the same few dozen keys are written on every line.
            this.signalNames = names.stream().map(SerializedString::new).toArray(SerializedString[]::new);
            this.filterNames = families.stream().map(f -> new SerializedString(f.filterName()))
                    .toArray(SerializedString[]::new);
            this.values = new double[names.size()];
            this.verdicts = new FilterVerdict[families.size()];
            this.kept = new long[families.size()];
            this.routes = scorer == null ? null : new long[Route.values().length];
            this.dedup = scorer == null || !dedupWithinFile ? null : new FirstSeenIndex();
            this.err = err;
            this.nextProgress = progressSeconds > 0 ? start + (long) (progressSeconds * 1e9) : Long.MAX_VALUE;
        }

        /**
         * A Run on one of several threads: no progress lines (the reading thread reports for all) and
         * no index of its own (with --dedup the reading thread, which sees the file in order, answers).
         */
        void forParallelRun() {
            nextProgress = Long.MAX_VALUE;
            dedup = null;
        }

        /** Scores one batch of lines; error lines carry their numbers in the whole input. */
        ScoredBatch processBatch(LineBatch batch) throws IOException {
            lines = batch.firstLine() - 1;
            batchDuplications = batch.duplications();
            nextDuplication = 0;
            var output = new ByteArrayOutputStream(batch.length() * 2);
            process(new ByteArrayInputStream(batch.bytes(), 0, batch.length()), output);
            return new ScoredBatch(output.toByteArray(), batch.lines());
        }

        /** Adds another thread's counts to this one's, for the summary of a parallel run. */
        void absorb(Run other) {
            records += other.records;
            errors += other.errors;
            for (int i = 0; i < kept.length; i++) {
                kept[i] += other.kept[i];
            }
            if (routes != null) {
                for (int i = 0; i < routes.length; i++) {
                    routes[i] += other.routes[i];
                }
            }
        }

        void process(InputStream input, OutputStream output) throws IOException {
            LineReader reader = new LineReader(input);
            try (JsonGenerator gen = json.createGenerator(output)) {
                while (reader.next()) {
                    lines++;
                    if (reader.isBlank()) {
                        continue;
                    }
                    scoreLine(reader, gen);
                    gen.writeRaw('\n');
                    if ((lines & 0xFF) == 0 && System.nanoTime() >= nextProgress) {
                        progress();
                    }
                }
            }
        }

        private void scoreLine(LineReader line, JsonGenerator gen) throws IOException {
            if (reference != null) {
                referenceLine(line, gen);
                return;
            }
            LineParser parsed = new LineParser(defaultEventTime, maxTextChars);
            ScoringResult result;
            Duplication duplication = Duplication.NONE;
            // Taken for every non-blank line, parsable or not, to stay aligned with the reader's answers.
            Duplication fromReader = batchDuplications == null ? null : batchDuplications[nextDuplication++];
            try {
                parsed.parse(json, line);
                ScoringInput input = parsed.toInput();
                if (fromReader != null || dedup != null) {
                    duplication = fromReader != null ? fromReader : dedup.see(input.id(), input.text());
                    input = new ScoringInput(input.id(), input.text(), input.kind(), input.eventTimeMillis(),
                            input.language(), input.domain(), input.url(), input.context().withDuplication(duplication));
                }
                result = scorer.score(input);
            } catch (MalformedLineException e) {
                error(gen, parsed.id, e.getMessage());
                return;
            } catch (RuntimeException e) {
                // A scorer bug must not cost the rest of a backfill; the line says what happened.
                error(gen, parsed.id, "scoring failed: " + e);
                return;
            }
            write(gen, parsed.id, result, duplication.firstSeenId(), fieldNames);
            records++;
            routes[result.route().ordinal()]++;
        }

        private void referenceLine(LineReader line, JsonGenerator gen) throws IOException {
            LineParser parsed = new LineParser(defaultEventTime, maxTextChars);
            try {
                parsed.parse(json, line);
                emitted = 0;
                // Families emit their declared names in order, exactly once (SignalFamily's contract),
                // so a position is enough to know the name.
                reference.evaluate(parsed.text, (name, value) -> values[emitted++] = value, verdicts);
            } catch (MalformedLineException e) {
                error(gen, parsed.id, e.getMessage());
                return;
            } catch (RuntimeException e) {
                error(gen, parsed.id, "scoring failed: " + e);
                return;
            }
            gen.writeStartObject();
            gen.writeStringField("id", Json.safe(parsed.id));
            gen.writeObjectFieldStart("signals");
            for (int i = 0; i < values.length; i++) {
                gen.writeFieldName(signalNames[i]);
                Json.writeNumber(gen, values[i]);
            }
            gen.writeEndObject();
            gen.writeObjectFieldStart("filters");
            for (int i = 0; i < verdicts.length; i++) {
                gen.writeFieldName(filterNames[i]);
                gen.writeStartObject();
                gen.writeBooleanField("keep", verdicts[i].keep());
                gen.writeFieldName("reason");
                if (verdicts[i].reason() == null) {
                    gen.writeNull();
                } else {
                    gen.writeString(verdicts[i].reason());
                }
                gen.writeEndObject();
                if (verdicts[i].keep()) {
                    kept[i]++;
                }
            }
            gen.writeEndObject();
            gen.writeEndObject();
            records++;
        }

        private void error(JsonGenerator gen, String id, String message) throws IOException {
            errors++;
            int reported = reportedErrors.incrementAndGet();
            if (reported <= MAX_REPORTED_ERRORS) {
                err.println("score: line " + lines + (id == null ? "" : " (id " + id + ")") + ": " + message);
                if (reported == MAX_REPORTED_ERRORS) {
                    err.println("score: further malformed lines are only counted and written to the output");
                }
                err.flush();
            }
            gen.writeStartObject();
            gen.writeNumberField("line", lines);
            if (id != null) {
                gen.writeStringField("id", Json.safe(id));
            }
            gen.writeStringField("error", Json.safe(message));
            gen.writeEndObject();
        }

        private void progress() {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "score: %,d lines, %,.0f records/s%n", lines, (records + errors) / seconds);
            err.flush();
            nextProgress = System.nanoTime() + (long) (progressSeconds * 1e9);
        }

        void summary() {
            summary(start);
        }

        /** The totals on stderr, timed from {@code startNanos}. */
        void summary(long startNanos) {
            double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-9);
            if (reference != null) {
                StringBuilder kinds = new StringBuilder();
                for (int i = 0; i < kept.length; i++) {
                    kinds.append(i == 0 ? "" : ", ").append(filterNames[i].getValue()).append(" keeps ")
                            .append(String.format(Locale.ROOT, "%,d (%.1f%%)", kept[i],
                                    records == 0 ? 0.0 : 100.0 * kept[i] / records));
                }
                err.printf(Locale.ROOT, "score: %,d records in %.2f s (%,.0f records/s): %s; %,d malformed lines%n",
                        records, seconds, (records + errors) / seconds, kinds, errors);
                err.flush();
                return;
            }
            err.printf(Locale.ROOT, "score: %,d records in %.2f s (%,.0f records/s): %,d accepted, %,d quarantined, "
                            + "%,d resynthesis; %,d malformed lines%n",
                    records, seconds, (records + errors) / seconds, routes[Route.ACCEPTED.ordinal()],
                    routes[Route.QUARANTINED.ordinal()], routes[Route.RESYNTHESIS.ordinal()], errors);
            err.flush();
        }
    }

    private static void write(JsonGenerator gen, String id, ScoringResult r, String dupOf,
            SignalFields fields) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", Json.safe(id));
        gen.writeObjectFieldStart("signals");
        Map<String, Double> signals = r.signals();
        SignalValues values = signals instanceof SignalValues v ? v : null;
        if (values != null) {
            // By position: no boxed value and no name lookup for the ~130 signals of every line.
            SerializedString[] names = fields.namesOf(values.layout());
            for (int i = 0; i < names.length; i++) {
                gen.writeFieldName(names[i]);
                Json.writeNumber(gen, values.valueAt(i));
            }
        } else {
            for (Map.Entry<String, Double> e : signals.entrySet()) {
                gen.writeFieldName(fields.name(e.getKey()));
                Json.writeNumber(gen, e.getValue());
            }
        }
        gen.writeEndObject();
        gen.writeStringField("signals_version", r.signalsVersion());
        // Counts per PII kind, every kind present, so consumers need no knowledge of signal names.
        gen.writeObjectFieldStart("pii");
        int[] piiPositions = values == null ? null : fields.piiPositionsOf(values.layout());
        for (int k = 0; k < PII_KINDS.length; k++) {
            int count;
            if (values != null) {
                count = piiPositions[k] < 0 ? 0 : (int) values.valueAt(piiPositions[k]);
            } else {
                Double boxed = signals.get(PII_KINDS[k].signal());
                count = boxed == null ? 0 : boxed.intValue();
            }
            gen.writeNumberField(PII_KINDS[k].key(), count);
        }
        gen.writeEndObject();
        gen.writeStringField("slice", Json.safe(r.slice()));
        if (dupOf != null) {
            gen.writeStringField("dup_of", Json.safe(dupOf));
        }
        if (r.language() != null) {
            LanguageGuess lang = r.language();
            gen.writeObjectFieldStart("lang");
            gen.writeStringField("code", lang.code());
            gen.writeNumberField("confidence", round4(lang.confidence()));
            gen.writeStringField("second", lang.secondCode());
            gen.writeNumberField("second_confidence", round4(lang.secondConfidence()));
            gen.writeEndObject();
        }
        gen.writeObjectFieldStart("decision");
        gen.writeStringField("route", r.route().name());
        gen.writeArrayFieldStart("reasons");
        for (ReasonCode reason : r.reasons()) {
            gen.writeStartObject();
            gen.writeStringField("code", reason.getCode());
            if (reason.getDetail() != null) {
                gen.writeStringField("detail", reason.getDetail());
            }
            if (reason.getSignal() != null) {
                gen.writeStringField("signal", reason.getSignal());
                gen.writeFieldName("value");
                Json.writeNumber(gen, reason.getValue());
                gen.writeFieldName("threshold");
                Json.writeNumber(gen, reason.getThreshold());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeStringField("policy_version", r.policyVersion());
        if (r.repairInstruction() != null) {
            gen.writeStringField("repair_instruction", r.repairInstruction());
        }
        gen.writeEndObject();
        if (r.redactedText() != null) {
            gen.writeStringField("redacted_text", Json.safe(r.redactedText()));
        }
        gen.writeEndObject();
    }

    /**
     * Signal names encoded as JSON field names once per run (one per thread), not per line: every
     * line carries the same ~130 names. For a layout, the names by position and where the PII counts
     * sit in it; for signals in any other map, by name.
     */
    static final class SignalFields {
        private final Map<String, SerializedString> byName = new HashMap<>();
        private SignalValues.Layout layout;
        private SerializedString[] names;
        private int[] piiPositions;

        SerializedString name(String signal) {
            return byName.computeIfAbsent(signal, SerializedString::new);
        }

        SerializedString[] namesOf(SignalValues.Layout l) {
            prepare(l);
            return names;
        }

        /** Per {@link PiiKind} in declaration order, the position of its count, or -1. */
        int[] piiPositionsOf(SignalValues.Layout l) {
            prepare(l);
            return piiPositions;
        }

        private void prepare(SignalValues.Layout l) {
            if (l == layout) {
                return;
            }
            SerializedString[] encoded = new SerializedString[l.size()];
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = name(l.nameAt(i));
            }
            int[] pii = new int[PII_KINDS.length];
            for (int k = 0; k < pii.length; k++) {
                pii[k] = l.positionOf(PII_KINDS[k].signal());
            }
            names = encoded;
            piiPositions = pii;
            layout = l;
        }
    }

    /** Four decimals: confidences are estimates, and shorter lines read and compress better. */
    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private InputStream openInput() throws IOException {
        InputStream raw = isStdio(in) ? System.in : Files.newInputStream(in);
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        // Sniff the gzip magic too: compressed dumps are not always named .gz.
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = (b0 == 0x1f && b1 == 0x8b) || in.toString().endsWith(".gz");
        return gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    private OutputStream openOutput() throws IOException {
        // Standard output as a plain file stream, not System.out: a PrintStream swallows write errors, so
        // a closed pipe (`score --out - | head`) went unnoticed while the whole input was still scored,
        // and FilterOutputStream passed every buffer on one byte at a time.
        OutputStream raw = isStdio(out) ? new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // leave stdout open for whoever else writes to it
            }
        } : Files.newOutputStream(out);
        OutputStream buffered = new BufferedOutputStream(raw, BUFFER);
        return out.toString().endsWith(".gz") ? new GZIPOutputStream(buffered, BUFFER) : buffered;
    }

    private static boolean isStdio(Path p) {
        return p.toString().equals("-");
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file " + e.getMessage() : e.toString();
    }

    /** An input line that cannot be scored; the message says why, for the line's error field. */
    static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Splits an input stream into lines at {@code \n}, as bytes: JSON Lines are UTF-8 and the parser
     * reads bytes, so decoding each line into a String first would only double the work. A trailing
     * {@code \r} is left to the parser, which skips it as whitespace.
     */
    static final class LineReader {
        private final InputStream in;
        private byte[] buf = new byte[BUFFER];
        private int filled;
        private int lineStart;
        private int lineEnd;
        private int next;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Advances to the next line; false at the end of the input. */
        boolean next() throws IOException {
            int from = next;
            while (true) {
                for (int i = from; i < filled; i++) {
                    if (buf[i] == '\n') {
                        lineStart = next;
                        lineEnd = i;
                        next = i + 1;
                        return true;
                    }
                }
                if (eof) {
                    if (next < filled) {
                        lineStart = next;
                        lineEnd = filled;
                        next = filled;
                        return true;
                    }
                    return false;
                }
                from = filled - next;
                fill();
            }
        }

        /** Moves the unread rest to the front, grows the buffer if a line fills it, and reads more. */
        private void fill() throws IOException {
            int rest = filled - next;
            if (next > 0) {
                System.arraycopy(buf, next, buf, 0, rest);
            } else if (rest == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            filled = rest;
            next = 0;
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }

        byte[] buffer() {
            return buf;
        }

        int start() {
            return lineStart;
        }

        int length() {
            return lineEnd - lineStart;
        }

        boolean isBlank() {
            for (int i = lineStart; i < lineEnd; i++) {
                byte b = buf[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != 0x0B && b != '\f') {
                    return false;
                }
            }
            return true;
        }

        String decode() {
            return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
        }

        boolean isValidUtf8() {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, lineStart, lineEnd - lineStart),
                            CharBuffer.allocate(lineEnd - lineStart), true).isUnderflow();
        }
    }

    /** The fields of one input line, read with a streaming parser. */
    static final class LineParser {
        private final long defaultEventTime;
        /** Longer texts are malformed lines: scoring them could take the whole heap, and the run with it. */
        private final int maxTextChars;
        String id;
        String text;
        /**
         * The source kind as a flag rather than the Avro enum: touching {@code SourceKind} initializes
         * it, which parses its schema and loads Avro and Jackson databind (about a second on one core),
         * a cost the reference profile, which never needs the kind, should not pay.
         */
        boolean synthetic;
        long eventTime;
        String language;
        String url;
        String domain;
        String taskType;
        String source;
        String license;
        String generatorModel;
        int lineageDepth = -1;
        String prompt;
        String finishReason;
        long fetchTime = -1;

        LineParser(long defaultEventTime, int maxTextChars) {
            this.defaultEventTime = defaultEventTime;
            this.eventTime = defaultEventTime;
            this.maxTextChars = maxTextChars;
        }

        /**
         * Parses one line straight from its UTF-8 bytes, which spares decoding it into a String first. A
         * line that is not valid UTF-8 is decoded with replacement characters and parsed again, as a
         * character reader would have: a stray byte in one field must not cost the record.
         */
        void parse(JsonFactory json, LineReader line) throws MalformedLineException {
            try {
                parse(json.createParser(line.buffer(), line.start(), line.length()));
            } catch (MalformedLineException | IOException e) {
                if (!line.isValidUtf8()) {
                    reset();
                    try {
                        parse(json.createParser(line.decode()));
                        return;
                    } catch (IOException retry) {
                        throw new MalformedLineException("bad JSON: " + retry.getMessage());
                    }
                }
                if (e instanceof MalformedLineException m) {
                    throw m;
                }
                throw new MalformedLineException("bad JSON: " + e.getMessage());
            }
        }

        private void reset() {
            id = null;
            text = null;
            synthetic = false;
            eventTime = defaultEventTime;
            language = null;
            url = null;
            domain = null;
            taskType = null;
            source = null;
            license = null;
            generatorModel = null;
            lineageDepth = -1;
            prompt = null;
            finishReason = null;
            fetchTime = -1;
        }

        private void parse(JsonParser parser) throws MalformedLineException {
            try (JsonParser p = parser) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedLineException("not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "id": id = scalar(p, value, name, true); break;
                        case "text": text = scalar(p, value, name, false); break;
                        case "source_kind": synthetic = synthetic(scalar(p, value, name, false)); break;
                        case "lang":
                        case "language": language = scalar(p, value, name, false); break;
                        case "url": url = scalar(p, value, name, false); break;
                        case "domain": domain = scalar(p, value, name, false); break;
                        case "task_type": taskType = scalar(p, value, name, false); break;
                        case "source": source = scalar(p, value, name, false); break;
                        case "event_time": eventTime = eventTime(p, value); break;
                        case "license": license = scalar(p, value, name, false); break;
                        case "generator_model": generatorModel = scalar(p, value, name, false); break;
                        case "prompt": prompt = scalar(p, value, name, false); break;
                        case "finish_reason": finishReason = scalar(p, value, name, false); break;
                        case "lineage_depth": lineageDepth = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1; break;
                        case "fetch_time": fetchTime = value == JsonToken.VALUE_NULL ? -1 : eventTime(p, value); break;
                        default: p.skipChildren(); break;
                    }
                }
                if (p.nextToken() != null) {
                    throw new MalformedLineException("bad JSON: more content after the object");
                }
            } catch (JsonProcessingException e) {
                // Not every parse error has a location (a broken constraint has none).
                throw new MalformedLineException("bad JSON" + (e.getLocation() == null ? ""
                        : " at column " + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new MalformedLineException("bad JSON: " + e.getMessage());
            }
            if (id == null) {
                throw new MalformedLineException("missing \"id\"");
            }
            if (text == null) {
                throw new MalformedLineException("missing \"text\"");
            }
            if (text.length() > maxTextChars) {
                throw new MalformedLineException("a text of " + text.length() + " chars, above --max-text-chars "
                        + maxTextChars);
            }
        }

        /** The source kind (synthetic or scraped, the default). */
        SourceKind kind() {
            return synthetic ? SourceKind.SYNTHETIC : SourceKind.SCRAPED;
        }

        ScoringInput toInput() {
            String sliceDomain = domain;
            if (sliceDomain == null) {
                if (!synthetic) {
                    String host = HttpUrls.host(url);
                    sliceDomain = host != null ? host : source;
                } else {
                    sliceDomain = taskType;
                }
            }
            // For synthetic records "language" is the language the generator was asked for.
            RecordContext context = new RecordContext(license, generatorModel, lineageDepth, prompt,
                    synthetic ? language : null, fetchTime, synthetic ? finishReason : null);
            return new ScoringInput(id, text, kind(), eventTime, language, sliceDomain, url, context);
        }

        /** A string field; ids may also be numbers, since many dumps number their records. */
        private static String scalar(JsonParser p, JsonToken t, String name, boolean numberAllowed)
                throws IOException, MalformedLineException {
            if (t == JsonToken.VALUE_STRING || (numberAllowed && t == JsonToken.VALUE_NUMBER_INT)) {
                return p.getText();
            }
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            throw new MalformedLineException("\"" + name + "\" must be a string, not " + describe(t));
        }

        private static boolean synthetic(String value) throws MalformedLineException {
            if (value == null) {
                return false;
            }
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "synthetic": return true;
                case "scraped": return false;
                default: throw new MalformedLineException("\"source_kind\" must be synthetic or scraped, not '"
                        + value + "'");
            }
        }

        private long eventTime(JsonParser p, JsonToken t) throws IOException, MalformedLineException {
            switch (t) {
                case VALUE_NUMBER_INT: return p.getLongValue();
                case VALUE_NUMBER_FLOAT: return (long) p.getDoubleValue();
                case VALUE_NULL: return defaultEventTime;
                case VALUE_STRING:
                    String s = p.getText().trim();
                    try {
                        return Long.parseLong(s);
                    } catch (NumberFormatException notMillis) {
                        try {
                            return Instant.parse(s).toEpochMilli();
                        } catch (DateTimeParseException notIso) {
                            throw new MalformedLineException("\"event_time\" must be epoch milliseconds or an "
                                    + "ISO-8601 instant, not '" + s + "'");
                        }
                    }
                default:
                    throw new MalformedLineException("\"event_time\" must be epoch milliseconds, not " + describe(t));
            }
        }

        private static String describe(JsonToken t) {
            switch (t) {
                case START_OBJECT: return "an object";
                case START_ARRAY: return "an array";
                case VALUE_TRUE:
                case VALUE_FALSE: return "a boolean";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT: return "a number";
                default: return t.asString() == null ? t.name() : t.asString();
            }
        }
    }

    /** Small helpers for writing output lines. */
    static final class Json {
        private Json() {
        }

        /** Integral values as integers (counts read better, and format faster), others as doubles. */
        static void writeNumber(JsonGenerator gen, Double value) throws IOException {
            if (value == null) {
                gen.writeNull();
                return;
            }
            writeNumber(gen, value.doubleValue());
        }

        /** As {@link #writeNumber(JsonGenerator, Double)}, without boxing. */
        static void writeNumber(JsonGenerator gen, double v) throws IOException {
            if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
                gen.writeNumber((long) v);
            } else if (Double.isFinite(v)) {
                gen.writeNumber(v);
            } else {
                gen.writeNull(); // JSON has no NaN or Infinity
            }
        }

        /**
         * Replaces unpaired surrogates, which the UTF-8 generator refuses to encode; input ids and
         * metadata may carry them (a JSON "\ud800" escape), and one bad id must not end the run.
         */
        static String safe(String s) {
            if (s == null) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                    } else {
                        return replaceLoneSurrogates(s);
                    }
                }
            }
            return s;
        }

        private static String replaceLoneSurrogates(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                } else {
                    sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            }
            return sb.toString();
        }
    }
}
