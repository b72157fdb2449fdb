package dynaseg.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} is laid out: as wide as the terminal (picocli's default of 80 columns broke
 * sentences and example commands in the middle), and a footer line that starts with two spaces
 * (an example command, a row of a table) is printed whole, never wrapped, so that it can be copied
 * into a shell as it is; other footer lines flow at the width like the description.
 */
final class HelpLayout {
    private HelpLayout() {}

    /** Applies the layout to {@code cl} and every subcommand it holds (call it after adding them). */
    static void apply(CommandLine cl) {
        cl.setUsageHelpAutoWidth(true);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        cl.setHelpSectionMap(sections);
    }

    static String footer(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        StringBuilder sb = new StringBuilder();
        for (String line : usage.footer()) {
            if (line.startsWith("  ")) {
                // formatted like picocli's lines (%% is a percent sign), markup applied, but not wrapped
                sb.append(help.colorScheme().text(String.format(line))).append(System.lineSeparator());
            } else {
                Help.join(help.colorScheme().ansi(), usage.width(), usage.adjustLineBreaksForWideCJKCharacters(),
                        new String[] {line}, sb);
            }
        }
        return sb.toString();
    }
}
