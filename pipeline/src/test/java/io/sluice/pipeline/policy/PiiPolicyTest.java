package io.sluice.pipeline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Route;
import io.sluice.avro.SourceKind;
import io.sluice.pipeline.signals.pii.PiiKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiPolicyTest {

    private final PolicyLoader loader = new PolicyLoader();

    private static final String RULES = "version: \"v1\"\nrules: []\n";

    @Test
    void compilesActionsIntoQuarantineAndAnnotatingRules() {
        Policy p = loader.parse(RULES + "pii: { email: redact, secret: quarantine, phone: ignore }\n", "t");
        assertThat(p.pii().action(PiiKind.EMAIL)).isEqualTo(PiiPolicy.Action.REDACT);
        assertThat(p.pii().action(PiiKind.CARD)).isEqualTo(PiiPolicy.Action.IGNORE);
        assertThat(p.rules()).extracting(Rule::code).containsExactly("pii_email_redacted", "pii_secret");
        assertThat(p.pii().redactedKind("pii_email_redacted")).isEqualTo(PiiKind.EMAIL);
        assertThat(p.pii().redactedKind("pii_secret")).isNull();

        PolicyDecision secret = p.decide(SourceKind.SCRAPED, "scraped/en/general", Map.of("pii.secret", 1.0,
                "pii.email", 0.0));
        assertThat(secret.route()).isEqualTo(Route.QUARANTINED);
        assertThat(secret.reasons().get(0).getCode()).isEqualTo("pii_secret");
        PolicyDecision email = p.decide(SourceKind.SYNTHETIC, "synthetic/en/general", Map.of("pii.secret", 0.0,
                "pii.email", 2.0));
        assertThat(email.route()).isEqualTo(Route.ACCEPTED);
        assertThat(email.reasons().get(0).getCode()).isEqualTo("pii_email_redacted");
        assertThat(email.reasons().get(0).getDetail()).contains("<EMAIL>").contains("pii.email=2");
    }

    @Test
    void privateIpsIgnoreMakesTheIpRulesFireOnPublicAddressesOnly() {
        Policy p = loader.parse(RULES + "pii: { ipv4: quarantine, ipv6: redact, email: redact, private_ips: ignore }\n", "t");
        assertThat(p.pii().ignoresPrivateIps()).isTrue();
        assertThat(p.decide(SourceKind.SCRAPED, "scraped/en/general", Map.of("pii.ipv4", 2.0, "pii.ipv4_public", 0.0,
                "pii.ipv6", 0.0, "pii.ipv6_public", 0.0, "pii.email", 0.0)).route()).isEqualTo(Route.ACCEPTED);
        PolicyDecision v4 = p.decide(SourceKind.SCRAPED, "scraped/en/general", Map.of("pii.ipv4", 2.0,
                "pii.ipv4_public", 1.0, "pii.ipv6", 0.0, "pii.ipv6_public", 0.0, "pii.email", 0.0));
        assertThat(v4.route()).isEqualTo(Route.QUARANTINED);
        assertThat(v4.reasons().get(0).getDetail()).contains("public ipv4").contains("pii.ipv4_public=1");

        Policy same = loader.parse(RULES + "pii: { ipv4: quarantine, private_ips: same }\n", "t");
        assertThat(same.pii().ignoresPrivateIps()).isFalse();
        assertThat(same.decide(SourceKind.SCRAPED, "scraped/en/general", Map.of("pii.ipv4", 2.0, "pii.ipv4_public", 0.0))
                .route()).isEqualTo(Route.QUARANTINED);
        assertThat(loader.parse(RULES + "pii: { ipv4: quarantine }\n", "t").pii().ignoresPrivateIps()).isFalse();
        assertThatThrownBy(() -> loader.parse(RULES + "pii: { private_ips: keep, private_ip: ignore }\n", "t"))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors()).containsExactly(
                        "pii.private_ips: expected 'ignore' (the ipv4/ipv6 actions leave private and reserved "
                                + "addresses alone) or 'same' (treat them like public ones), not 'keep'",
                        "pii.private_ip: unknown kind 'private_ip' (did you mean 'private_ips'?) (known: email, phone, "
                                + "ipv4, ipv6, card, iban, ssn, secret; and private_ips)"));
    }

    @Test
    void sliceOverridesCanDisableGeneratedRules() {
        Policy p = loader.parse(RULES + "pii: { email: redact }\nslices:\n  \"*/de/*\": { disable: [pii_email_redacted] }\n",
                "t");
        assertThat(p.decide(SourceKind.SCRAPED, "scraped/de/general", Map.of("pii.email", 1.0)).reasons()).isEmpty();
    }

    @Test
    void rejectsUnknownKindsAndActionsWithSuggestions() {
        assertThatThrownBy(() -> loader.parse(RULES + "pii: { emial: redact, card: delete, iban: [x] }\n", "t.yaml"))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors()).containsExactly(
                        "pii.emial: unknown kind 'emial' (did you mean 'email'?) (known: email, phone, ipv4, ipv6, "
                                + "card, iban, ssn, secret; and private_ips)",
                        "pii.card: unknown action 'delete' (expected one of: ignore, redact, quarantine)",
                        "pii.iban: unknown action of type a list (expected one of: ignore, redact, quarantine)"));
    }

    @Test
    void rejectsANonMappingSectionAndCodeClashes() {
        assertThatThrownBy(() -> loader.parse(RULES + "pii: [email]\n", "t"))
                .hasMessageContaining("pii: must be a mapping from kind (email, phone");
        String clash = """
                version: "v1"
                rules:
                  - code: pii_secret
                    when: { signal: pii.secret, op: ">", value: 3 }
                    route: quarantine
                pii: { secret: quarantine }
                """;
        assertThatThrownBy(() -> loader.parse(clash, "t"))
                .hasMessageContaining("pii.secret: generates rule code 'pii_secret', which a rule in rules: already uses");
    }
}
