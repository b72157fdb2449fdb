package dynaseg.cli;

import dynaseg.demo.DemoPlan;
import dynaseg.demo.PaperExperiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dynaseg demo}: the paper's experiment end to end on synthetic phantoms, on a CPU. */
@Command(name = "demo", header = "Run the paper's experiment end to end on phantoms and print its Table 1.", mixinStandardHelpOptions = true,
        description = {"Run the paper's experiment end to end on a CPU: synthesize abdominal CT phantoms, train the",
            "eight columns of Table 1 with one budget (UNETR with none, TCF, PCF and CBS; UNet3D and Lambda3D",
            "with none and CBS; cpu presets, same seed and data), then print and write the Table 1 report",
            "(report.md, report.csv, report.html with plots). About 30 minutes on 2 cores; --quick about 5.",
            "Started again, it reuses finished runs and resumes interrupted ones."},
        footer = {"", "Examples:", "  dynaseg demo", "  dynaseg demo --quick --out /tmp/demo"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}); data, runs and report go to DIR/full or DIR/quick.")
    Path out;

    @Option(names = "--quick", description = "Fewer and smaller phantoms, fewer epochs, a smaller patch (about 5 minutes).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        DemoPlan plan = quick ? DemoPlan.quick() : DemoPlan.full();
        new PaperExperiment(plan, out, System.out).run();
        return 0;
    }
}
