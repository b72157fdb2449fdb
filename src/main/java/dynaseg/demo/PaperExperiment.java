package dynaseg.demo;

import dynaseg.data.formats.MsdDataset;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.eval.ReportWriter;
import dynaseg.eval.RunComparison;
import dynaseg.eval.Table1Report;
import dynaseg.export.ModelExporter;
import dynaseg.run.Checkpoints;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.train.Trainer;
import dynaseg.run.TrainingState;
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
 * <p>With several run seeds every column is trained once per seed on the same phantoms and the same
 * split (only network initialisation and patch sampling change), and the report shows each cell as
 * the mean over seeds.
 *
 * <p>Layout under the output folder: {@code <plan>/data} (MSD phantoms), {@code <plan>/runs/<model>-<strategy>}
 * (and {@code -seed<S>} for the other seeds), each with its best checkpoint exported as
 * {@code model.zip}, {@code <plan>/report} (report.md, report.csv, report.html).
 */
public final class PaperExperiment {
    private final DemoPlan plan;
    private final Path root;
    private final PrintStream out;
    private final List<Long> runSeeds;

    /** One run per column, with the plan's seed. */
    public PaperExperiment(DemoPlan plan, Path outDir, PrintStream out) {
        this(plan, outDir, out, plan.seed(), 1);
    }

    /** {@code seeds} runs per column, with run seeds firstSeed .. firstSeed + seeds - 1. */
    public PaperExperiment(DemoPlan plan, Path outDir, PrintStream out, long firstSeed, int seeds) {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        this.plan = plan;
        this.root = outDir.resolve(plan.name());
        this.out = out;
        List<Long> s = new ArrayList<>();
        for (int k = 0; k < seeds; k++) s.add(firstSeed + k);
        this.runSeeds = List.copyOf(s);
    }

    public Path dataDir() { return root.resolve("data"); }
    public Path runsDir() { return root.resolve("runs"); }
    public Path reportDir() { return root.resolve("report"); }

    /** One run of the experiment: a column, a run seed and its folder (index 1 .. total). */
    public record PlannedRun(DemoPlan.RunSpec spec, long seed, Path dir, int index, int total) {}

    /** The runs of the experiment, in the order {@link #run()} trains them. */
    public List<PlannedRun> plannedRuns() {
        List<PlannedRun> runs = new ArrayList<>();
        int total = DemoPlan.RUNS.size() * runSeeds.size();
        for (long runSeed : runSeeds) {
            for (DemoPlan.RunSpec spec : DemoPlan.RUNS) {
                runs.add(new PlannedRun(spec, runSeed, runsDir().resolve(plan.folderName(spec, runSeed)), runs.size() + 1, total));
            }
        }
        return List.copyOf(runs);
    }

    /** Runs what is not done yet and returns the report. */
    public Table1Report run() throws IOException {
        long start = System.nanoTime();
        prepare();
        List<Path> runDirs = new ArrayList<>();
        for (PlannedRun r : plannedRuns()) {
            runDirs.add(r.dir());
            out.printf(Locale.ROOT, "%n== [%d/%d] %s, strategy %s, seed %d (%.1f min so far)%n", r.index(), r.total(),
                    r.spec().model(), r.spec().strategy(), r.seed(), (System.nanoTime() - start) / 60e9);
            trainOne(r);
        }
        return report(runDirs, start);
    }

    /** The phantoms, unless already there: the step before any run. */
    public void prepare() throws IOException {
        synthesizeIfMissing();
    }

    /** Trains (or resumes, or reuses) one run and exports its best checkpoint. */
    public void trainOne(PlannedRun r) throws IOException {
        train(r.spec(), r.seed(), r.dir());
        exportBest(r.dir());
    }

    /** The report of finished runs ({@code start}: System.nanoTime() when the demo began). */
    public Table1Report report(List<Path> runDirs, long start) throws IOException {
        Table1Report report = RunComparison.build(runDirs, List.of(), w -> out.println("warning: " + w));
        List<Path> written = ReportWriter.write(report, reportDir());
        out.println();
        out.print(ReportWriter.markdown(report));
        out.println();
        for (Path p : written) out.println("wrote " + p);
        out.printf(Locale.ROOT, "demo: %.1f min in all%n", (System.nanoTime() - start) / 60e9);
        return report;
    }

    /** {@code <run>/model.zip}: the run's best checkpoint as one file (dynaseg export), unless already there and newer. */
    private void exportBest(Path dir) throws IOException {
        Path zip = modelFile(dir);
        Path best = new RunDirectory(dir).readableCheckpoint(RunDirectory.BEST).resolve(Checkpoints.MODEL);
        if (Files.isRegularFile(zip) && Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(best)) >= 0) return;
        ModelExporter.Result r = ModelExporter.export(dir, RunDirectory.BEST, zip, true);
        out.printf(Locale.ROOT, "demo: exported the best checkpoint (epoch %d) as %s (%.1f MB)%n", r.manifest().source().epoch(),
                zip, r.bytes() / 1e6);
    }

    /** Where the demo puts a run's exported model. */
    public static Path modelFile(Path runDir) {
        return runDir.resolve("model.zip");
    }

    private void synthesizeIfMissing() throws IOException {
        if (Files.isRegularFile(dataDir().resolve(MsdDataset.FILE_NAME))) {
            out.println("demo: reusing the phantoms in " + dataDir());
            return;
        }
        out.printf(Locale.ROOT, "demo: synthesizing %d phantoms of %d^3 into %s%n", plan.cases(), plan.size(), dataDir());
        PhantomGenerator generator = new PhantomGenerator(plan.size(), plan.spacing(), plan.seed(), plan.minOrganRadius());
        new SyntheticDatasetWriter(generator, Runtime.getRuntime().availableProcessors())
                .write(dataDir(), plan.cases(), "dynaseg demo phantoms (" + plan.name() + ")", done -> { });
    }

    /** Trains one column with one run seed, or resumes it, or reuses it when it is finished (and scored). */
    private void train(DemoPlan.RunSpec spec, long runSeed, Path dir) throws IOException {
        RunConfig planned = plan.runConfig(spec, dataDir().toAbsolutePath().toString(), runSeed);
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
        boolean scored = plan.testFraction() == 0 || Files.isRegularFile(run.testEvaluation());
        if (last.isPresent() && last.get().epoch() >= plan.epochs() && scored) {
            out.println("demo: reusing the finished run " + dir);
            return;
        }
        Trainer.resume(dir, null, out).run();
    }
}
