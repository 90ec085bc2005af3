package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    /** picocli interpolates ${...} in descriptions: the secret reference syntax must be escaped to show. */
    @Test
    void helpShowsTheSecretReferenceSyntaxLiterally() {
        String usage = new CommandLine(new RunCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(usage).contains("${env:NAME}").contains("${file:/path}").doesNotContain("given as null");
    }
}
