package io.sluice.pipeline.functions;

import io.sluice.avro.CuratedRecord;
import io.sluice.avro.ResynthesisRequest;
import io.sluice.avro.internal.NormalizedRecord;
import io.sluice.pipeline.CurationSettings;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.text.NltkEnglishTokenizer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores a normalized record and routes it by the policy given at start: accepted records on the
 * main output, quarantined records and REPAIR resynthesis requests on side outputs. Exactly one
 * output per input, always. The job uses {@link LivePolicyScoreAndDecideFunction} unless live policy
 * updates are turned off; this one stays chained to the decoder (one input, no network edge).
 */
public final class ScoreAndDecideFunction extends ProcessFunction<NormalizedRecord, CuratedRecord> {
    private static final long serialVersionUID = 1L;

    private final CurationSettings settings;
    private final OutputTag<CuratedRecord> quarantined;
    private final OutputTag<ResynthesisRequest> resynthesis;

    private transient RecordRouter router;

    public ScoreAndDecideFunction(CurationSettings settings, OutputTag<CuratedRecord> quarantined,
            OutputTag<ResynthesisRequest> resynthesis) {
        this.settings = settings;
        this.quarantined = quarantined;
        this.resynthesis = resynthesis;
    }

    @Override
    public void open(OpenContext openContext) {
        NltkEnglishTokenizer.preloadModelsInBackground();
        router = new RecordRouter(settings, new PolicyLoader().parse(settings.policyYaml(), settings.policyOrigin()),
                getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(NormalizedRecord in, Context ctx, Collector<CuratedRecord> out) {
        CuratedRecord curated = router.decide(in);
        switch (curated.getDecision().getRoute()) {
            case ACCEPTED -> out.collect(curated);
            case QUARANTINED -> ctx.output(quarantined, curated);
            case RESYNTHESIS -> ctx.output(resynthesis, router.repairRequest(curated));
        }
    }
}
