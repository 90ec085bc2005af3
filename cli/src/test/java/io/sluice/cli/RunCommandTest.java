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

    /** Flink's refusal arrives wrapped several levels deep; the hint names Sluice's setting for it. */
    @Test
    void recognisesARefusedRestoreOfUnclaimedStateAmongItsCauses() {
        Exception refused = new RuntimeException("Could not execute application.",
                new IllegalStateException("Failed to rollback to checkpoint/savepoint file:/tmp/chk-3.",
                        new IllegalStateException("Cannot map checkpoint/savepoint state for operator 4d8 to the new "
                                + "program, because the operator is not available in the new program. If you want to "
                                + "allow to skip this, you can set the --allowNonRestoredState option on the CLI.")));
        assertThat(RunCommand.unclaimedStateRefused(refused)).isTrue();
        assertThat(RunCommand.unclaimedStateRefused(new RuntimeException("Job failed", new IllegalStateException("boom"))))
                .isFalse();
    }
}
