package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.nn.Networks;
import dynaseg.schedule.Schedules;
import dynaseg.testutil.CommandRun;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** {@code dynaseg completion} and the fixed option values that --help lists and completion offers. */
class CompletionCommandTest {
    @Test
    void printsABashScriptWithTheSubcommandsAndTheFixedValues() {
        CommandRun r = CommandRun.of("completion");
        assertEquals(0, r.exitCode(), r.err());
        String script = r.out();
        assertTrue(script.contains("complete -F"), script);
        for (String command : List.of("train", "predict", "dataset", "inspect", "convert", "schedule", "models", "completion")) {
            assertTrue(script.contains(command), command);
        }
        for (String value : Networks.MODELS) assertTrue(script.contains(value), value);
        for (String value : Schedules.NAMES) assertTrue(script.contains(value), value);
    }

    /**
     * The script keeps an option's values in a bash array named after its label: two options of one
     * command with the same label would offer the values of the last one for both.
     */
    @Test
    void eachOptionOfACommandOffersItsOwnValues() {
        String script = CommandRun.of("completion").out();
        int functions = 0;
        for (String function : script.split("\nfunction ")) {
            Set<String> arrays = new HashSet<>();
            Matcher m = Pattern.compile("local (\\w+_option_args)=").matcher(function);
            while (m.find()) assertTrue(arrays.add(m.group(1)), m.group(1) + " twice in function " + function.lines().findFirst().orElse(""));
            if (!arrays.isEmpty()) functions++;
        }
        assertTrue(functions >= 6, "functions with value arrays: " + functions);
    }

    @Test
    void theOptionsWithAFixedSetOfValuesHaveThem() {
        CommandLine cl = Main.commandLine();
        Map<String, List<String>> options = Map.of(
                "train", List.of("--model", "--preset", "--strategy", "--loss", "--lr-schedule", "--device", "--format", "--label-map"),
                "predict", List.of("--checkpoint", "--device", "--progress"),
                "models", List.of("--model", "--preset"),
                "schedule", List.of("--strategy"));
        options.forEach((command, names) -> {
            for (String name : names) {
                assertNotNull(cl.getSubcommands().get(command).getCommandSpec().findOption(name).completionCandidates(),
                        command + " " + name);
            }
        });
        var model = cl.getSubcommands().get("train").getCommandSpec().findOption("--model");
        List<String> values = new ArrayList<>();
        model.completionCandidates().forEach(values::add);
        assertEquals(Networks.MODELS, values);
    }

    @Test
    void helpListsTheValuesOfEveryOptionThatHasThem() {
        CommandLine cl = Main.commandLine();
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(300); // a value list is never split over two lines
        int checked = check(cl);
        assertTrue(checked >= 15, "checked " + checked);
    }

    /** Checks {@code cl} and its subcommands; returns how many options were checked. */
    private static int check(CommandLine cl) {
        int n = 0;
        if (cl.getCommand().getClass().getPackageName().startsWith("dynaseg")) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<ArgSpec> args = new ArrayList<>(cl.getCommandSpec().options());
            args.addAll(cl.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                if (arg.completionCandidates() == null || arg.hidden()) continue;
                List<String> values = new ArrayList<>();
                arg.completionCandidates().forEach(values::add);
                String listed = String.join(", ", values);
                assertTrue(help.contains(listed), cl.getCommandSpec().qualifiedName() + ": '" + listed + "' in\n" + help);
                n++;
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) n += check(sub);
        return n;
    }
}
