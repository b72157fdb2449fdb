package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpLayoutTest {
    private static String help(int width, String... path) {
        CommandLine cl = Main.commandLine();
        cl.setUsageHelpAutoWidth(false); // a test has no terminal to measure
        cl.setUsageHelpWidth(width);
        for (String name : path) cl = cl.getSubcommands().get(name);
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The lines after "Examples:" up to the next blank line. */
    private static List<String> examples(String help) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : help.split("\\R")) {
            if (line.equals("Examples:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void helpIsAsWideAsTheTerminal() {
        CommandLine cl = Main.commandLine();
        assertTrue(cl.isUsageHelpAutoWidth());
        assertTrue(cl.getSubcommands().get("train").isUsageHelpAutoWidth());
    }

    @Test
    void exampleCommandsAreNeverBrokenAcrossLines() {
        for (int width : new int[] {200, 60}) {
            for (String command : List.of("demo", "schedule", "train", "predict", "stats", "evaluate", "models", "info")) {
                String help = help(width, command);
                List<String> examples = examples(help);
                assertFalse(examples.isEmpty(), help);
                for (String line : examples) {
                    assertTrue(line.startsWith("  dynaseg "), command + " --help at " + width + " columns: '" + line + "' in\n" + help);
                    // a remark is a shell comment: "(...)" after a command is a syntax error when pasted
                    assertFalse(line.matches(".*\\s\\(.*"), command + ": '" + line + "'");
                }
            }
        }
    }

    @Test
    void descriptionsFlowAtTheWidth() {
        String demo = help(200, "demo");
        assertTrue(demo.lines().anyMatch(l -> l.contains("synthesize abdominal CT phantoms, train the eight columns")), demo);
        String schedule = help(200, "schedule");
        assertTrue(schedule.lines().anyMatch(l -> l.contains("schedule and print, as CSV")), schedule);
    }
}
