package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's --help reads as written: picocli wraps each description line on its own, so a
 * line written wider than its column leaves a word or two dangling on a line of their own. Lines
 * of a multi-line command description must fit the 80-column usage width, lines of a multi-line
 * option description the option column; a one-line description is wrapped as prose. Each command
 * has a one-line header that fits the command list of {@code mptcp-inspect --help}.
 */
class HelpLayoutTest {
    private static final int WIDTH = 80;
    /** The command list of mptcp-inspect --help starts descriptions in column 15. */
    private static final int HEADER_WIDTH = WIDTH - 15;

    @Test
    void descriptionLinesFitTheirColumns() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        List<String> tooWide = new ArrayList<>();
        int commands = 0;
        for (Object command : Main.subcommands(new ByteArrayOutputStream(), err)) {
            CommandSpec spec = new CommandLine(command).getCommandSpec();
            commands++;
            String[] header = spec.usageMessage().header();
            if (header.length != 1 || header[0].length() > HEADER_WIDTH) {
                tooWide.add(spec.name() + " header (one line of at most " + HEADER_WIDTH + "): " + String.join("|", header));
            }
            String[] description = spec.usageMessage().description();
            for (String line : description.length > 1 ? description : new String[0]) {
                if (line.length() >= WIDTH) {
                    tooWide.add(spec.name() + " description: " + line);
                }
            }
            int column = WIDTH - optionColumnStart(spec);
            for (OptionSpec option : spec.options()) {
                String[] lines = option.description();
                for (int i = 0; lines.length > 1 && i < lines.length; i++) {
                    if (lines[i].length() > column) {
                        tooWide.add(spec.name() + " " + option.longestName() + ": " + lines[i]);
                    }
                }
            }
        }
        assertEquals(11, commands, "every subcommand of Main is checked");
        assertEquals(List.of(), tooWide, "help lines wider than their column (picocli would break them)");
    }

    /** Where picocli starts option descriptions: after the widest synopsis it allows (usageHelpLongOptionsMaxWidth). */
    private static int optionColumnStart(CommandSpec spec) {
        String help = new CommandLine(spec).getUsageMessage(CommandLine.Help.Ansi.OFF);
        int start = help.indexOf("  -h, --help");
        assertTrue(start >= 0, spec.name() + " has a --help line");
        String line = help.substring(start, help.indexOf('\n', start));
        return line.indexOf("Show this help");
    }
}
