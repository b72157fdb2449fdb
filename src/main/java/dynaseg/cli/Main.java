package dynaseg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dynaseg} command: one subcommand per verb, each in its own class. */
@Command(
        name = "dynaseg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, run and compare 3D multi-organ CT segmentation networks with dynamic class loss scheduling.",
        // The mapping of CliErrorHandler (exceptions), picocli (usage errors) and main (DYNASEG_ONEDNN_ISA).
        footer = {"", "Exit codes:",
            "  0  success (also --help and --version)",
            "  1  the work failed: a file that cannot be read or written, a failed scan, a stopped training run",
            "  2  bad usage or input: an unknown option, a missing or invalid value or setting",
            "", "Environment:",
            "  DYNASEG_THREADS     PyTorch intra-op threads, read by bin/dynaseg (default: all cores)",
            "  DYNASEG_JAVA_OPTS   JVM options, read by bin/dynaseg (default: -Xmx8g)",
            "  DYNASEG_CACHE       folder of the preprocessed-case caches (--cache wins; default: DATA/.dynaseg-cache)",
            "  DYNASEG_ONEDNN_ISA  oneDNN kernel cap: auto (default), none, or an ISA such as AVX2 (see dynaseg env)",
            "  DYNASEG_DEBUG       set to any value to print the stack trace of an error",
            "  DYNASEG_PYTHON      Python of the peers of dynaseg bench (default: /usr/bin/python3)",
            "", "Shell completion (bash, zsh through bashcompinit):",
            "  source <(dynaseg completion)",
            "", "See docs/CLI.md."},
        subcommands = {
            EnvCommand.class,
            InfoCommand.class,
            SynthCommand.class,
            DemoCommand.class,
            TrainCommand.class,
            SweepCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            StatsCommand.class,
            DatasetCommand.class,
            ModelsCommand.class,
            ScheduleCommand.class,
            BenchCommand.class,
            EvaluateCommand.class,
            ReportCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Nothing is ever downloaded at run time: the PyTorch native library comes from the jar on the class path.
        System.setProperty("ai.djl.offline", "true");
        // Before any kernel runs: oneDNN reads its instruction-set cap once (see OneDnnIsaCap).
        try {
            dynaseg.engine.OneDnnIsaCap.apply();
        } catch (IllegalArgumentException e) {
            System.err.println("dynaseg: " + e.getMessage());
            System.exit(2);
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new CliErrorHandler());
        HelpLayout.apply(cl);
        return cl;
    }
}
