package io.sluice.pipeline.drift;

import io.sluice.avro.ResynthesisKind;
import io.sluice.avro.ResynthesisRequest;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a window's accepted-slice counts into FILL_GAP requests for the targets it falls short of.
 * Rate-limited twice: at most {@code max_requests_per_window} per window (the largest gaps first),
 * and one request per target per {@code cooldown_windows}, so a generator is not flooded while the
 * records it was asked for are still on their way.
 *
 * <p>Requests are keyed {@code fill-gap-<pattern>-<window start>}, never an input id, and timestamped
 * with the window end, so a replay of the same input produces the same requests.
 */
public final class FillGapPlanner {
    /** Prefix of every FILL_GAP request id (and Kafka key). */
    public static final String ID_PREFIX = "fill-gap-";

    private final TargetMix mix;
    private final Map<String, Long> lastRequestWindow = new HashMap<>();

    public FillGapPlanner(TargetMix mix) {
        this.mix = mix;
    }

    /**
     * Requests for one window.
     *
     * @param window          the window's sequence number (for the cooldown)
     * @param acceptedSlices  accepted-record counts per slice in the window
     * @param aggregate       the window (its end, and exemplar ids per slice)
     */
    public List<ResynthesisRequest> plan(long window, WindowAggregate aggregate, Map<String, Long> acceptedSlices,
            String policyVersion, String pipelineVersion) {
        long accepted = acceptedSlices.values().stream().mapToLong(Long::longValue).sum();
        if (mix.targets().isEmpty() || accepted < mix.minAccepted()) {
            return List.of();
        }
        record Gap(TargetMix.Target target, long have, long wanted, double share) {}
        List<Gap> gaps = new ArrayList<>();
        for (TargetMix.Target t : mix.targets()) {
            long have = 0;
            for (Map.Entry<String, Long> e : acceptedSlices.entrySet()) {
                if (t.matches(e.getKey())) {
                    have += e.getValue();
                }
            }
            double share = (double) have / accepted;
            if (share >= t.share() - mix.tolerance()) {
                continue;
            }
            Long last = lastRequestWindow.get(t.pattern());
            if (last != null && window - last <= mix.cooldownWindows()) {
                continue;
            }
            // Records to add so that (have + x) / (accepted + x) reaches the target.
            long wanted = (long) Math.ceil((t.share() * accepted - have) / (1 - t.share()));
            gaps.add(new Gap(t, have, Math.max(1, wanted), share));
        }
        gaps.sort((a, b) -> Double.compare(b.target.share() - b.share, a.target.share() - a.share));
        List<ResynthesisRequest> out = new ArrayList<>();
        for (Gap g : gaps.subList(0, Math.min(gaps.size(), mix.maxRequestsPerWindow()))) {
            lastRequestWindow.put(g.target.pattern(), window);
            Set<String> exemplars = new LinkedHashSet<>();
            for (String slice : acceptedSlices.keySet()) {
                if (g.target.matches(slice)) {
                    exemplars.addAll(aggregate.exemplars(slice));
                }
            }
            String instruction = String.format(Locale.ROOT, "Generate %d records for slice %s: it was %.1f%% of "
                            + "accepted records in the window ending %s, target %.1f%% (tolerance %.1f points).",
                    g.wanted, g.target.pattern(), 100 * g.share, Instant.ofEpochMilli(aggregate.end()),
                    100 * g.target.share(), 100 * mix.tolerance());
            out.add(ResynthesisRequest.newBuilder()
                    .setRequestId(ID_PREFIX + g.target.pattern() + "-" + aggregate.start())
                    .setKind(ResynthesisKind.FILL_GAP)
                    .setSlice(g.target.pattern())
                    // Priority 1..10 by the gap in percentage points: a slice at 0% of a 20% target outranks one 2 points short.
                    .setPriority((int) Math.max(1, Math.min(10, Math.round(100 * (g.target.share() - g.share) / 2))))
                    .setInstruction(instruction)
                    .setRecord(null)
                    .setFailingSignals(Map.of())
                    .setWantedCount((int) Math.min(Integer.MAX_VALUE, g.wanted))
                    .setExemplarIds(new ArrayList<>(exemplars))
                    .setPolicyVersion(policyVersion)
                    .setPipelineVersion(pipelineVersion)
                    .setCreatedAt(Instant.ofEpochMilli(aggregate.end()))
                    .build());
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(lastRequestWindow.size());
        for (Map.Entry<String, Long> e : lastRequestWindow.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    void read(DataInput in) throws IOException {
        lastRequestWindow.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            lastRequestWindow.put(in.readUTF(), in.readLong());
        }
    }
}
