package io.sluice.pipeline.signals.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {

    @Test
    void replacesChosenKindsWithTypedPlaceholders() {
        String text = "Mail jane@example.com or call +44 20 7946 0958 from 8.8.8.8 with key AKIAIOSFODNN7EXAMPLE.";
        PiiMatches m = new PiiScanner().scan(text);
        String out = PiiRedactor.redact(text, m, EnumSet.of(PiiKind.EMAIL, PiiKind.IPV4, PiiKind.PHONE));
        assertThat(out).isEqualTo("Mail <EMAIL> or call <PHONE> from <IP> with key AKIAIOSFODNN7EXAMPLE.");
    }

    @Test
    void returnsTheSameTextWhenNothingIsRedacted() {
        String text = "Mail jane@example.com";
        PiiMatches m = new PiiScanner().scan(text);
        assertThat(PiiRedactor.redact(text, m, EnumSet.of(PiiKind.CARD))).isSameAs(text);
    }

    @Test
    void redactsEveryKind() {
        String text = "a@b.org 123-45-6789 4111111111111111 DE89370400440532013000 ::1 ghp_"
                + "x".repeat(36);
        String out = PiiRedactor.redact(text, new PiiScanner().scan(text), EnumSet.allOf(PiiKind.class));
        assertThat(out).isEqualTo("<EMAIL> <SSN> <CARD> <IBAN> <IP> <SECRET>");
    }
}
