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
    private static final long REF_SEED = 0x5EF5L;

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
        long ref = recordRef(in);
        long[] bands = signature.bandKeys();
        int expected = 1 + bands.length;
        // A blank text asks under a key of its own, which no other record has: never a duplicate.
        long exactKey = signature.blank() ? MurmurHash3.hash(ref, BLANK_SEED)[0] : signature.exactKey();
        long ingestTimeMs = in.getProvenance().getIngestTime().toEpochMilli();
        long offset = in.getProvenance().getOffset();
        ctx.output(probes, new DedupProbe(exactKey, true, in.getId(), ref, ingestTimeMs, offset, expected));
        for (long band : bands) {
            ctx.output(probes, new DedupProbe(band, false, in.getId(), ref, ingestTimeMs, offset, expected));
        }
        out.collect(in);
    }

    /**
     * A 64-bit hash of the record's input coordinates (topic, partition, offset), unique per input
     * record (its id need not be) but for a 2^-64 chance; a long, so the answers and the join's key
     * are cheap to send and compare.
     */
    public static long recordRef(NormalizedRecord in) {
        var p = in.getProvenance();
        long topic = MurmurHash3.hash(p.getTopic().toCharArray(), REF_SEED)[0];
        return MurmurHash3.hash(new long[] {topic, p.getPartition(), p.getOffset()}, REF_SEED)[0];
    }
}
