package dynaseg.demo;

import dynaseg.data.MsdDataset;
import dynaseg.data.synth.PhantomGenerator;
import dynaseg.data.synth.SyntheticDatasetWriter;
import dynaseg.eval.ReportWriter;
import dynaseg.eval.RunComparison;
import dynaseg.eval.Table1Report;
import dynaseg.train.Checkpoints;
import dynaseg.train.RunConfig;
import dynaseg.train.RunDirectory;
import dynaseg.train.Trainer;
import dynaseg.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's experiment end to end on phantoms: synthesize a dataset, train the eight columns of
 * Table 1 with one budget, and write the report. Finished runs are reused and interrupted ones
 * resumed, so starting the demo again continues where it stopped and never retrains what is done.
 *
 * <p>Layout under the output folder: {@code <plan>/data} (MSD phantoms), {@code <plan>/runs/<model>-<strategy>},
 * {@code <plan>/report} (report.md, report.csv, report.html).
 */
public final class PaperExperiment {
    private final DemoPlan plan;
    private final Path root;
    private final PrintStream out;

    public PaperExperiment(DemoPlan plan, Path outDir, PrintStream out) {
        this.plan = plan;
        this.root = outDir.resolve(plan.name());
        this.out = out;
    }

    public Path dataDir() { return root.resolve("data"); }
    public Path runsDir() { return root.resolve("runs"); }
    public Path reportDir() { return root.resolve("report"); }

    /** Runs what is not done yet and returns the report. */
    public Table1Report run() throws IOException {
        long start = System.nanoTime();
        synthesizeIfMissing();
        List<Path> runDirs = new ArrayList<>();
        int i = 0;
        for (DemoPlan.RunSpec spec : DemoPlan.RUNS) {
            i++;
            Path dir = runsDir().resolve(spec.folderName());
            runDirs.add(dir);
            out.printf(Locale.ROOT, "%n== [%d/%d] %s, strategy %s (%.1f min so far)%n", i, DemoPlan.RUNS.size(),
                    spec.model(), spec.strategy(), (System.nanoTime() - start) / 60e9);
            train(spec, dir);
        }
        Table1Report report = RunComparison.build(runDirs, List.of(), w -> out.println("warning: " + w));
        List<Path> written = ReportWriter.write(report, reportDir());
        out.println();
        out.print(ReportWriter.markdown(report));
        out.println();
        for (Path p : written) out.println("wrote " + p);
        out.printf(Locale.ROOT, "demo: %.1f min in all%n", (System.nanoTime() - start) / 60e9);
        return report;
    }

    private void synthesizeIfMissing() throws IOException {
        if (Files.isRegularFile(dataDir().resolve(MsdDataset.FILE_NAME))) {
            out.println("demo: reusing the phantoms in " + dataDir());
            return;
        }
        out.printf(Locale.ROOT, "demo: synthesizing %d phantoms of %d^3 into %s%n", plan.cases(), plan.size(), dataDir());
        PhantomGenerator generator = new PhantomGenerator(plan.size(), plan.spacing(), plan.seed());
        new SyntheticDatasetWriter(generator, Runtime.getRuntime().availableProcessors())
                .write(dataDir(), plan.cases(), "dynaseg demo phantoms (" + plan.name() + ")", done -> { });
    }

    /** Trains one column, or resumes it, or reuses it when it is finished. */
    private void train(DemoPlan.RunSpec spec, Path dir) throws IOException {
        RunConfig planned = plan.runConfig(spec, dataDir().toAbsolutePath().toString());
        RunDirectory run = new RunDirectory(dir);
        if (!Files.exists(run.config())) {
            Trainer.start(planned, dir, out).run();
            return;
        }
        RunConfig existing = RunConfig.read(run.config());
        existing.setOrgans(List.of());
        if (!existing.equals(planned)) {
            throw new IllegalArgumentException(dir + " holds a run with other settings than this demo's; "
                    + "move it away or choose another --out (finished results are never overwritten)");
        }
        Optional<TrainingState> last = new Checkpoints(run).lastState();
        if (last.isPresent() && last.get().epoch() >= plan.epochs()) {
            out.println("demo: reusing the finished run " + dir);
            return;
        }
        Trainer.resume(dir, null, out).run();
    }
}
