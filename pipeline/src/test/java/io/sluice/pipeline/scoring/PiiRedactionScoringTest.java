package io.sluice.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ReasonCode;
import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.policy.PolicyLoader;
import io.sluice.pipeline.signals.SignalRegistry;
import org.junit.jupiter.api.Test;

class PiiRedactionScoringTest {

    private final DocumentScorer scorer = new DocumentScorer(new PolicyLoader().loadDefault(),
            SignalRegistry.standard(), () -> 1_780_000_000_000L);

    private static final String PROSE = "The committee met on Tuesday to discuss the report on regional funds and "
            + "agreed to publish its conclusions next month after a further round of consultation with members. ";

    @Test
    void defaultPolicyRedactsEmailsAndIpsAndAccepts() {
        ScoringResult r = scorer.scoreText("a", PROSE + "Contact jane.doe@example.org from host 203.0.114.7.",
                SourceKind.SCRAPED);
        assertThat(r.route()).isEqualTo(Route.ACCEPTED);
        assertThat(r.redactedText()).endsWith("Contact <EMAIL> from host <IP>.");
        assertThat(r.outputText()).isSameAs(r.redactedText());
        assertThat(r.reasons()).extracting(ReasonCode::getCode).containsExactly("pii_email_redacted", "pii_ipv4_redacted");
        assertThat(r.signals().get("pii.email")).isEqualTo(1.0);
    }

    @Test
    void defaultPolicyQuarantinesSecrets() {
        ScoringResult r = scorer.scoreText("a", PROSE + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", SourceKind.SCRAPED);
        assertThat(r.route()).isEqualTo(Route.QUARANTINED);
        assertThat(r.reasons()).extracting(ReasonCode::getCode).contains("pii_secret");
        assertThat(r.redactedText()).isNull();
    }

    @Test
    void cleanTextIsNotRedacted() {
        ScoringResult r = scorer.scoreText("a", PROSE, SourceKind.SCRAPED);
        assertThat(r.redactedText()).isNull();
        assertThat(r.outputText()).isEqualTo(r.normalizedText());
    }
}
