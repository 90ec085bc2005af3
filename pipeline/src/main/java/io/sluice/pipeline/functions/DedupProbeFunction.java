package io.sluice.pipeline.functions;

import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.dedup.TextSignature;
import org.apache.datasketches.hash.MurmurHash3;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Computes a record's dedup keys ({@link TextSignature}) and sends one probe per key on a side
 * output, to be keyed by key; the record itself goes on, to wait for the answers in {@link DedupJoinFunction}.
 */
public final class DedupProbeFunction extends ProcessFunction<NormalizedRecord, NormalizedRecord> {
    private static final long serialVersionUID = 1L;

    private static final long BLANK_SEED = 0xB1A2CL;

    private final OutputTag<DedupProbe> probes;
    private transient TextSignature signatures;

    public DedupProbeFunction(OutputTag<DedupProbe> probes) {
        this.probes = probes;
    }

    @Override
    public void processElement(NormalizedRecord in, Context ctx, Collector<NormalizedRecord> out) {
        if (signatures == null) {
            signatures = new TextSignature();
        }
        TextSignature.Signature signature = signatures.of(in.getText());
        String ref = recordRef(in);
        long[] bands = signature.bandKeys();
        int expected = 1 + bands.length;
        // A blank text asks under a key of its own, which no other record has: never a duplicate.
        long exactKey = signature.blank() ? MurmurHash3.hash(ref.toCharArray(), BLANK_SEED)[0]
                : signature.exactKey();
        ctx.output(probes, new DedupProbe(exactKey, true, in.getId(), ref, expected));
        for (long band : bands) {
            ctx.output(probes, new DedupProbe(band, false, in.getId(), ref, expected));
        }
        out.collect(in);
    }

    /** The record's input coordinates, unique per input record (its id need not be). */
    public static String recordRef(NormalizedRecord in) {
        var p = in.getProvenance();
        return p.getTopic() + "/" + p.getPartition() + "@" + p.getOffset();
    }
}
