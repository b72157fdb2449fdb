package dynaseg.cli;

import dynaseg.demo.DemoPlan;
import dynaseg.demo.PaperExperiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynaseg demo}: the paper's experiment end to end on synthetic phantoms, on a CPU. */
@Command(name = "demo", header = "Run the paper's experiment end to end on phantoms and print its Table 1.", mixinStandardHelpOptions = true,
        description = {"Run the paper's experiment end to end on a CPU: synthesize abdominal CT phantoms, train the "
                + "eight columns of Table 1 with one budget (UNETR with none, TCF, PCF and CBS; UNet3D and Lambda3D "
                + "with none and CBS; cpu presets, same seed, data and split), score every run's best checkpoint on "
                + "held-out test cases, then print and write the Table 1 report with the paper's claims checked "
                + "(report.md, report.csv, claims.csv, report.html with the weight figures). Measured on 2 cores of an "
                + "Intel Xeon (2026): 27 minutes, --quick 3; --seeds N takes N times as long.",
            "Started again, it reuses finished runs and resumes interrupted ones.",
            "--spark trains the runs as Spark tasks, one per run (a retried task resumes its run; on a cluster --out must "
                + "be on storage every node mounts), then writes the same report."},
        footer = {"", "Examples:", "  dynaseg demo", "  dynaseg demo --quick --out /tmp/demo", "  dynaseg demo --seeds 3",
            "  dynaseg demo --quick --spark 'local[2]'              # one run at a time with 2 threads: the report of 'dynaseg demo --quick'",
            "  dynaseg demo --quick --spark 'local[2]' --threads 1  # two runs at a time, 1 thread each"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}); data, runs and report go to DIR/full or DIR/quick.")
    Path out;

    @Option(names = "--quick", description = "Fewer and smaller phantoms, fewer epochs, a smaller patch (about 3 minutes).")
    boolean quick;

    @Option(names = "--seed", paramLabel = "S", description = "First run seed (default: the plan's, 1); network initialisation and patch sampling only: the phantoms and the split stay fixed.")
    Long seed;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Runs per column, with seeds S .. S+N-1; the report shows the mean over seeds (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Mixin SparkMasterOption spark;

    @Mixin TorchThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        DemoPlan plan = quick ? DemoPlan.quick() : DemoPlan.full();
        if (spark.master() != null) {
            return dynaseg.spark.SparkEntry.demo(plan, out, seed != null ? seed : plan.seed(), seeds, spark.master(),
                    threads.value(), System.out, System.err);
        }
        threads.apply();
        new PaperExperiment(plan, out, System.out, seed != null ? seed : plan.seed(), seeds).run();
        return 0;
    }
}
