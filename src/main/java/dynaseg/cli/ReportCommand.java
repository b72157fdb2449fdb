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
                + "voxels, 'Voxels %%'), a Mean row, a column per model + strategy. Several runs of one model and "
                + "strategy are seed repetitions (seed from config.yaml): a cell is their mean, with the sample sd "
                + "and n in report-stats.csv and report.html.",
            "A run's score per organ is its mean Dice over the held-out test cases when it has "
                + "test/evaluation.json, else its best validation Dice (the epoch with the best mean Dice); the "
                + "caption says which, and says so when runs mix the two.",
            "Each model's baseline is its strategy-none column, or the column of the run given with --baseline. "
                + "A * marks organs with mean Dice < 0.8 in a baseline; bold marks a column beating its model's baseline.",
            "'The paper's claims, checked': per rule column, the change in mean Dice vs the baseline with a 95%% "
                + "interval paired over seeds and test cases, poor organs raised, the paper's own figures and a verdict "
                + "(also claims.csv). Runs that skipped non-finite training steps are listed under the table.",
            "Writes report.md, report.csv, report-stats.csv, claims.csv and report.html (with each run's plots, and "
                + "for dynamic strategies weights-<model>-<strategy>.png: weights and Dice over epochs, trigger epochs "
                + "dashed) into --out. Voxels %% counts the label maps of the first run's data-dirs; without them "
                + "the column is omitted."},
        footer = {"", "Examples:",
            "  dynaseg report runs/unet-none runs/unet-tcf runs/unet-cbs",
            "  dynaseg report runs/* --out paper-table",
            "  dynaseg report runs/unetr-none-s1 runs/unetr-none-s2 runs/unetr-cbs-s1 runs/unetr-cbs-s2",
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
