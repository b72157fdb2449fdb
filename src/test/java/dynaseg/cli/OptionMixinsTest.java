package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.CommandRun;
import java.lang.reflect.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options several commands share are declared once, in their mixin, and behave alike in every command. */
class OptionMixinsTest {
    /**
     * The classes that may declare each shared option. Two meanings share some names: --threads
     * (PyTorch's or the workers'), --json (bench's writes a file), --labels (info's counts values)
     * and --model (predict's is a model.zip).
     */
    private static final Map<String, Set<Class<?>>> OWNERS = Map.ofEntries(
            Map.entry("--device", Set.of(DeviceOption.class)),
            Map.entry("--threads", Set.of(TorchThreadsOption.class, WorkerThreadsOption.class)),
            Map.entry("--checkpoint", Set.of(CheckpointOption.class)),
            Map.entry("--overwrite", Set.of(OverwriteOption.class)),
            Map.entry("--spark", Set.of(SparkMasterOption.class)),
            Map.entry("--json", Set.of(JsonOption.class, BenchCommand.class)),
            Map.entry("--labels", Set.of(LabelTableOption.class, InfoCommand.class)),
            Map.entry("--model", Set.of(NetworkOptions.class, ModelSource.class)),
            Map.entry("--preset", Set.of(NetworkOptions.class)),
            Map.entry("--channels", Set.of(NetworkOptions.class)),
            Map.entry("--tau", Set.of(ScheduleOptions.class)),
            Map.entry("--delta", Set.of(ScheduleOptions.class)),
            Map.entry("--epsilon", Set.of(ScheduleOptions.class)),
            Map.entry("--zeta", Set.of(ScheduleOptions.class)),
            Map.entry("--ema", Set.of(ScheduleOptions.class)),
            Map.entry("--initial-score", Set.of(ScheduleOptions.class)),
            Map.entry("--format", Set.of(DatasetSourceOptions.class)),
            Map.entry("--label-map", Set.of(DatasetSourceOptions.class)));

    /** The least each command with --device needs to parse. */
    private static final Map<String, List<String>> DEVICE_COMMANDS = Map.of(
            "train", List.of(),
            "predict", List.of("--run", "run", "-i", "scans", "-o", "out"));

    @TempDir Path tmp;

    @Test
    void everySharedOptionIsDeclaredByItsMixin() {
        List<String> checked = new ArrayList<>();
        forEachCommand(Main.commandLine(), cl -> {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                Set<Class<?>> owners = OWNERS.get(o.longestName());
                if (owners == null) continue;
                Class<?> declaring = ((Member) o.userObject()).getDeclaringClass();
                String where = cl.getCommandSpec().qualifiedName() + " " + o.longestName();
                assertTrue(owners.contains(declaring), where + " is declared in " + declaring.getSimpleName());
                checked.add(where);
            }
        });
        assertTrue(checked.size() >= 30, "checked " + checked);
    }

    @Test
    void everyCommandWithDeviceTakesCpuAndGpuAndRefusesOthersAlike() {
        Set<String> messages = new HashSet<>();
        forEachCommand(Main.commandLine(), cl -> {
            if (cl.getCommandSpec().findOption("--device") == null) return;
            String name = cl.getCommandName();
            assertTrue(DEVICE_COMMANDS.containsKey(name), name + " takes --device: add it to DEVICE_COMMANDS");
            for (String device : List.of("cpu", "gpu", "GPU")) {
                assertEquals(device.toLowerCase(), parse(name, "--device", device).name(), name);
            }
            DeviceOption tpu = parse(name, "--device", "tpu");
            messages.add(assertThrows(IllegalArgumentException.class, tpu::name, name).getMessage());
        });
        assertEquals(1, messages.size(), messages.toString());
        String message = messages.iterator().next();
        assertTrue(message.contains("'tpu'") && message.contains("cpu, gpu"), message);

        // and the one clear line, before anything is read
        CommandRun train = CommandRun.of("train", "--data", tmp.resolve("none").toString(), "--out", tmp.resolve("run").toString(),
                "--device", "tpu");
        CommandRun predict = CommandRun.of("predict", "--run", tmp.resolve("none").toString(), "-i", tmp.toString(),
                "-o", tmp.resolve("out").toString(), "--device", "tpu");
        for (CommandRun r : List.of(train, predict)) {
            assertEquals(2, r.exitCode(), r.both());
            assertTrue(r.err().strip().endsWith("invalid input: " + message), r.err());
        }
    }

    private static DeviceOption parse(String command, String... more) {
        CommandLine root = Main.commandLine();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(DEVICE_COMMANDS.get(command));
        args.addAll(List.of(more));
        root.parseArgs(args.toArray(String[]::new));
        return root.getSubcommands().get(command).getCommandSpec().mixins().values().stream().map(CommandSpec::userObject)
                .filter(DeviceOption.class::isInstance).map(DeviceOption.class::cast).findFirst().orElseThrow();
    }

    private static void forEachCommand(CommandLine cl, Consumer<CommandLine> action) {
        action.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) forEachCommand(sub, action);
    }
}
