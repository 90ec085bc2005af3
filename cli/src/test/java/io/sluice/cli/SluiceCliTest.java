package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line built for one subcommand behaves as the one built with all of them. */
class SluiceCliTest {

    @Test
    void aNamedSubcommandAloneHasTheSameUsageAsInTheFullCommandLine() {
        CommandLine full = SluiceCli.commandLine();
        assertThat(full.getSubcommands()).hasSize(SluiceCli.SUBCOMMANDS.size());
        for (Class<?> c : SluiceCli.SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (c == CommandLine.HelpCommand.class) {
                continue;
            }
            CommandLine lazy = SluiceCli.commandLine(name, "--help");
            assertThat(lazy.getSubcommands()).as(name).containsOnlyKeys(name);
            CommandLine one = lazy.getSubcommands().get(name);
            assertThat(one.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name)
                    .isEqualTo(full.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF));
            // Case-insensitive enum values reach the subcommand (and its own subcommands) too.
            assertThat(one.isCaseInsensitiveEnumValuesAllowed()).as(name).isTrue();
            one.getSubcommands().values().forEach(sub -> assertThat(sub.isCaseInsensitiveEnumValuesAllowed()).isTrue());
        }
    }

    @Test
    void helpTyposAndNoArgumentsGetEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "score"}, {"scroe"}}) {
            assertThat(SluiceCli.commandLine(args).getSubcommands()).hasSize(SluiceCli.SUBCOMMANDS.size());
        }
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceCli.commandLine("scroe");
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("scroe")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean").contains("score");
    }
}
