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
    void defaultPolicyLeavesPrivateAddressesMasksAndVersionsAlone() {
        String config = PROSE + "Edit /etc/hosts: 127.0.0.1 localhost, gateway 192.168.0.1, netmask 255.255.255.0, "
                + "link fe80::1. Firefox version 2.0.0.16 is described in Section 6.2.4.3.";
        ScoringResult r = scorer.scoreText("a", config, SourceKind.SCRAPED);
        assertThat(r.redactedText()).isNull();
        assertThat(r.reasons()).extracting(ReasonCode::getCode).doesNotContain("pii_ipv4_redacted", "pii_ipv6_redacted");
        assertThat(r.signals().get("pii.ipv4")).isEqualTo(2.0);
        assertThat(r.signals().get("pii.ipv6")).isEqualTo(1.0);
        assertThat(r.signals().get("pii.ip_private")).isEqualTo(3.0);
        assertThat(r.signals().get("pii.ipv4_public")).isZero();

        // A public address next to private ones: only the public one is redacted.
        ScoringResult mixed = scorer.scoreText("b", PROSE + "Resolver 8.8.8.8 answers, 192.168.0.1 forwards.",
                SourceKind.SCRAPED);
        assertThat(mixed.redactedText()).endsWith("Resolver <IP> answers, 192.168.0.1 forwards.");
        assertThat(mixed.reasons()).extracting(ReasonCode::getCode).containsExactly("pii_ipv4_redacted");
    }

    @Test
    void defaultPolicyRedactsObfuscatedEmailsWhole() {
        ScoringResult r = scorer.scoreText("a", PROSE + "Presse: info(at)zdh(dot)de oder buergerservice [at] uba [dot] de.",
                SourceKind.SCRAPED);
        assertThat(r.redactedText()).endsWith("Presse: <EMAIL> oder <EMAIL>.");
        assertThat(r.signals().get("pii.email")).isEqualTo(2.0);
    }

    @Test
    void privateIpsSameRedactsPrivateAddressesToo() {
        String yaml = "version: \"v1\"\nrules: []\npii: { ipv4: redact, private_ips: same }\n";
        DocumentScorer strict = new DocumentScorer(new PolicyLoader().parse(yaml, "t"), SignalRegistry.standard(),
                () -> 1_780_000_000_000L);
        ScoringResult r = strict.scoreText("a", PROSE + "Resolver 8.8.8.8 answers, 192.168.0.1 forwards.",
                SourceKind.SCRAPED);
        assertThat(r.redactedText()).endsWith("Resolver <IP> answers, <IP> forwards.");
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
