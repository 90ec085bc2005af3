package io.sluice.pipeline.signals;

import io.sluice.pipeline.dedup.DuplicationSignals;

import io.sluice.pipeline.lang.LanguageIdentifier;
import io.sluice.pipeline.signals.blocklist.BlocklistSignals;
import io.sluice.pipeline.signals.blocklist.Blocklists;
import io.sluice.pipeline.signals.contamination.ContaminationIndex;
import io.sluice.pipeline.signals.contamination.ContaminationSignals;
import io.sluice.pipeline.signals.pii.PiiSignals;
import io.sluice.pipeline.signals.provenance.ProvenanceConfig;
import io.sluice.pipeline.signals.provenance.ProvenanceSignals;
import io.sluice.pipeline.signals.quality.GopherQuality;
import io.sluice.pipeline.text.EnglishTokenizer;
import io.sluice.pipeline.signals.synthetic.SyntheticArtifacts;
import io.sluice.pipeline.signals.quality.GopherRepetition;
import io.sluice.pipeline.signals.quality.SharedWords;
import io.sluice.pipeline.text.UnspacedSegments;
import io.sluice.pipeline.signals.quality.C4Quality;
import io.sluice.pipeline.signals.quality.FineWebQuality;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The signal families a scorer runs, in order, and the names of every signal they emit.
 *
 * <p>Policy validation checks rule signals against {@link #names()}, so a typo in a policy fails at
 * load time rather than silently never matching. New families are added to {@link #standard()}; a
 * change to what an existing signal means bumps {@link #SIGNALS_VERSION}, which every output record
 * carries so that consumers never compare values computed under different definitions.
 */
public final class SignalRegistry {

    /** Version of the standard signal definitions; written next to the signals of every record. */
    public static final String SIGNALS_VERSION = "24";

    private final List<SignalFamily> families;
    private final Set<String> names;
    private final String version;

    /**
     * Builds a registry over the given families.
     *
     * @throws IllegalArgumentException if two families share a name or emit the same signal, or a
     *                                  signal is not prefixed by its family name
     */
    public SignalRegistry(String version, List<SignalFamily> families) {
        this.version = version;
        this.families = List.copyOf(families);
        Set<String> familyNames = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        for (SignalFamily family : this.families) {
            if (!familyNames.add(family.name())) {
                throw new IllegalArgumentException("two signal families are named '" + family.name() + "'");
            }
            for (String signal : family.signalNames()) {
                if (!signal.startsWith(family.name() + ".")) {
                    throw new IllegalArgumentException("signal '" + signal + "' of family '" + family.name()
                            + "' must be named '" + family.name() + ".<signal>'");
                }
                if (!all.add(signal)) {
                    throw new IllegalArgumentException("signal '" + signal + "' is emitted by two families");
                }
            }
        }
        this.names = Collections.unmodifiableSet(all);
    }

    /**
     * The standard families, version {@link #SIGNALS_VERSION}: {@code text}, {@code record},
     * {@code gopher} (Gopher quality), {@code repetition} (Gopher repetition), the web rule
     * families {@code c4} (in FineWeb's setup, see {@link C4Quality.Options#FINEWEB}) and {@code fineweb},
     * with datatrove's default thresholds and the standard English tokenizer (Gopher's stop words in
     * the record's language, see {@link GopherQuality#languageAware}), {@code lang}
     * (language identification), and {@code pii}, {@code provenance}, {@code synthetic},
     * {@code contamination}, {@code blocklist}, and {@code dup} (what deduplication found before scoring).
     */
    public static SignalRegistry standard() {
        return standard(ProvenanceConfig.NONE);
    }

    /** The standard families with the provenance lists of a policy ({@link io.sluice.pipeline.policy.Policy#provenance()}). */
    public static SignalRegistry standard(ProvenanceConfig provenance) {
        return standard(provenance, ContaminationIndex.NONE);
    }

    /** The standard families with a policy's provenance lists and benchmark index. */
    public static SignalRegistry standard(ProvenanceConfig provenance, ContaminationIndex contamination) {
        return standard(provenance, contamination, Blocklists.NONE);
    }

    /** The standard families with a policy's provenance lists, benchmark index and blocklists. */
    public static SignalRegistry standard(ProvenanceConfig provenance, ContaminationIndex contamination,
            Blocklists blocklists) {
        // Fresh instances each time: families may keep per-thread scratch buffers in future.
        List<SignalFamily> families = new ArrayList<>();
        // Text statistics and the shared tokens cut each text's runs of unspaced scripts (Chinese,
        // Japanese, Thai...) into words once between them: ICU's dictionaries cost ~100 ns a char.
        UnspacedSegments unspaced = new UnspacedSegments();
        families.add(new TextStatistics(unspaced));
        families.add(new RecordChecks());
        // Gopher's stop words and the sentence splitter follow the record's language, identified once.
        RecordLanguage language = new RecordLanguage(LanguageIdentifier.standard());
        // The Gopher families and FineWeb's word count read the same NLTK word tokens, computed once.
        SharedWords words = SharedWords.languageAware(language, unspaced);
        families.add(GopherQuality.languageAware(words, language));
        families.add(new GopherRepetition(words));
        families.add(C4Quality.languageAware(EnglishTokenizer.standard(), C4Quality.Options.FINEWEB, language, words));
        families.add(FineWebQuality.languageAware(words, FineWebQuality.Options.DATATROVE_DEFAULTS, language));
        families.add(new LanguageSignals(language));
        families.add(new PiiSignals());
        families.add(new ProvenanceSignals(provenance));
        families.add(new SyntheticArtifacts(language));
        families.add(new ContaminationSignals(contamination));
        families.add(new BlocklistSignals(blocklists, language));
        families.add(new DuplicationSignals());
        return new SignalRegistry(SIGNALS_VERSION, families);
    }

    /** The families, in the order they run. */
    public List<SignalFamily> families() {
        return families;
    }

    /** Every signal name the families emit, in emission order. */
    public Set<String> names() {
        return names;
    }

    /** True if some family emits {@code signal}. */
    public boolean contains(String signal) {
        return names.contains(signal);
    }

    /** The signals version written next to values computed by this registry. */
    public String version() {
        return version;
    }
}
