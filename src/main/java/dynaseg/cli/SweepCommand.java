package dynaseg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dynaseg sweep}: independent training runs listed in a file, as Spark tasks or one after the other. */
@Command(name = "sweep", header = "Train the runs a file lists, as Spark tasks (--spark) or one after the other.",
        mixinStandardHelpOptions = true,
        description = {"Train independent runs, each into its own run folder: with --spark as Spark tasks (local[N] on this "
                + "machine runs N / --threads at once, each with the plain command's threads unless --threads says "
                + "otherwise, so the metrics are the sequential ones; on a cluster the run folders and data must be on storage all nodes mount), "
                + "without it one after the other. A run folder that holds the same run is resumed from its last "
                + "checkpoint, or reused when finished, so a task that Spark tries again (spark.task.maxFailures, "
                + "local[N,R]) and a sweep started again continue where they stopped. A failed run is reported and "
                + "the others go on; the exit code is 1 when any failed.",
            "RUNS_FILE (YAML): config: FILE (optional, config.yaml keys every run starts from); report: DIR (optional: "
                + "a report of the runs once all are done, as dynaseg report); runs: a list of {out: RUN_DIR, config: FILE "
                + "(optional), set: {KEY: VALUE, ...} (optional keys over the config)}. Paths are relative to the file's folder.",
            "Each run's console goes to RUN_DIR.log beside its folder."},
        footer = {"", "Example RUNS_FILE:", "  config: base.yaml", "  report: report",
            "  runs:", "    - {out: runs/unet3d-none, set: {strategy: none}}", "    - {out: runs/unet3d-cbs, set: {strategy: cbs}}",
            "", "Examples:", "  dynaseg sweep runs.yaml --spark 'local[2]'", "  dynaseg sweep runs.yaml"})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUNS_FILE", description = "the runs (YAML, see above)")
    Path runsFile;

    @Mixin SparkMasterOption spark;

    @Mixin TorchThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        return dynaseg.spark.SparkEntry.sweep(runsFile, spark.master(), threads.value(), System.out, System.err);
    }
}
