package dynaseg.cli;

import dynaseg.eval.ReportWriter;
import dynaseg.eval.RunComparison;
import dynaseg.eval.Table1Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynaseg report}: the paper's Table 1 for a set of training runs (see {@link Table1Report}). */
@Command(
        name = "report", header = "Compare runs in the layout of the paper's Table 1 (md, csv, html).",
        mixinStandardHelpOptions = true,
        description = {
            "Compare training runs in the layout of the paper's Table 1: a row per organ (by share of labelled "
                + "voxels, 'Voxels %%'), a Mean row, a column per run (model + strategy) with its best validation "
                + "Dice per organ, i.e. the values at the epoch with the best mean Dice (the 'best' checkpoint).",
            "Each model's baseline is its run with strategy none, or the run given with --baseline. A * marks "
                + "organs with Dice < 0.8 in a baseline; bold marks a run beating its model's baseline.",
            "Writes report.md, report.csv and report.html (with each run's Dice and weight plots) into --out. "
                + "Voxels %% counts the label maps of the first run's data-dirs; without them the column is omitted."},
        footer = {"", "Examples:",
            "  dynaseg report runs/unet-none runs/unet-tcf runs/unet-cbs",
            "  dynaseg report runs/* --out paper-table",
            "  dynaseg report runs/unetr-pcf --baseline runs/unetr-none-long"})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "training run folders (config.yaml + metrics.csv)")
    List<Path> runs;

    @Option(names = "--baseline", paramLabel = "RUN_DIR",
            description = "the baseline run of its model (repeat for several models); default: each model's strategy-none run")
    List<Path> baselines = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        Table1Report report = RunComparison.build(runs, baselines, w -> err.println("dynaseg report: warning: " + w));
        err.flush();
        List<Path> written = ReportWriter.write(report, out);
        var stdout = spec.commandLine().getOut();
        stdout.print(ReportWriter.markdown(report));
        stdout.println();
        for (Path p : written) stdout.println("wrote " + p);
        stdout.flush();
        return 0;
    }
}
