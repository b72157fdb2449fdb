package dynaseg.spark;

import dynaseg.demo.DemoPlan;
import dynaseg.demo.PaperExperiment;
import dynaseg.eval.ReportWriter;
import dynaseg.eval.RunComparison;
import dynaseg.eval.Table1Report;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam between the commands and Spark: the commands call these methods, which touch Spark's
 * classes only when a Spark master is given (this class imports none), so that the plain commands
 * run without Spark on the class path.
 */
public final class SparkEntry {
    private SparkEntry() {}

    /** {@code dynaseg predict --spark}; returns the exit code. */
    public static int predict(CohortRequest req, PrintStream out, PrintStream err) throws Exception {
        SparkSupport.requireSpark();
        return SparkCohortPrediction.run(req, out, err);
    }

    /**
     * {@code dynaseg demo --spark}: the phantoms on the driver, the runs as a sweep, then the same
     * report as the sequential demo; returns the exit code.
     */
    public static int demo(DemoPlan plan, Path outDir, long firstSeed, int seeds, String master, Integer threads,
            PrintStream out, PrintStream err) throws Exception {
        SparkSupport.requireSpark();
        long start = System.nanoTime();
        PaperExperiment experiment = new PaperExperiment(plan, outDir, out, firstSeed, seeds);
        experiment.prepare();
        List<DemoRunTask> tasks = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (PaperExperiment.PlannedRun r : experiment.plannedRuns()) {
            String dir = r.dir().toAbsolutePath().normalize().toString();
            tasks.add(new DemoRunTask(plan.name(), outDir.toAbsolutePath().normalize().toString(), firstSeed, seeds,
                    r.index() - 1, dir));
            dirs.add(r.dir());
        }
        List<SweepResult> results = SparkSweep.run(master, tasks, threads, "dynaseg demo " + plan.name(), out);
        if (!Sweeps.summarize(results, (System.nanoTime() - start) / 1e9, out, err)) {
            err.println("error: the report needs every run; start the demo again to resume the failed ones");
            return 1;
        }
        experiment.report(dirs, start);
        return 0;
    }

    /**
     * {@code dynaseg sweep RUNS_FILE [--spark MASTER]}: the runs as Spark tasks, or one after the
     * other without a master; then the report when the file asks for one. Returns the exit code.
     */
    public static int sweep(Path runsFile, String master, Integer threads, PrintStream out, PrintStream err) throws Exception {
        long start = System.nanoTime();
        SweepFile file = SweepFile.read(runsFile);
        List<SweepResult> results;
        if (master != null) {
            SparkSupport.requireSpark();
            results = SparkSweep.run(master, file.runs(), threads, "dynaseg sweep " + runsFile.getFileName(), out);
        } else {
            if (threads != null && threads > 0) {
                System.setProperty(SparkSupport.THREADS_PROPERTY, threads.toString());
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            results = Sweeps.sequential(file.runs(), out);
        }
        boolean ok = Sweeps.summarize(results, (System.nanoTime() - start) / 1e9, out, err);
        if (ok && file.report() != null) {
            List<Path> dirs = file.runs().stream().map(t -> Path.of(t.dir())).toList();
            Table1Report report = RunComparison.build(dirs, List.of(), w -> out.println("warning: " + w));
            for (Path p : ReportWriter.write(report, file.report())) out.println("wrote " + p);
        }
        return ok ? 0 : 1;
    }
}
