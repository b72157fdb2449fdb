package dynaseg.spark;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The runs of a sweep as Spark tasks, one task per run, each run in a JVM of its own that the task
 * starts ({@link SweepChild}) with the task's PyTorch threads: the plain command's (or --threads) in
 * local[N] ({@link SparkSupport#localPlan}), spark.task.cpus on a cluster (executors' class path must then hold dynaseg's jars: see README). A task that fails (the executor died, the
 * run threw) is tried again by Spark (spark.task.maxFailures; local[N,R] in local mode) and the new
 * attempt resumes the run from its last checkpoint. On its last attempt a failing run is reported
 * as failed instead, so that one bad run does not cancel the others.
 */
public final class SparkSweep {
    private SparkSweep() {}

    /**
     * @param threads PyTorch threads per task for local masters (null = the plain command's, see {@link SparkSupport})
     */
    public static List<SweepResult> run(String master, List<? extends SweepTask> tasks, Integer threads, String appName,
            PrintStream out) {
        SparkSupport.LocalPlan plan = SparkSupport.configureLocalThreads(master, threads, out);
        try (JavaSparkContext sc = SparkContexts.open(master, appName, plan)) {
            int attempts = SparkContexts.maxAttempts(sc);
            out.printf(Locale.ROOT, "sweep: %d runs on Spark %s (%s, %d attempt%s per run)%n", tasks.size(), sc.master(),
                    SparkSupport.describe(plan), attempts, attempts == 1 ? "" : "s");
            out.flush();
            List<SweepTask> list = List.copyOf(tasks);
            int slots = plan != null ? plan.tasksAtOnce() : 1;
            int childThreads = plan != null ? plan.threads() : Integer.parseInt(sc.getConf().get("spark.task.cpus", "1").trim());
            return sc.parallelize(list, Math.max(1, list.size()))
                    .mapPartitions(new RunPartition(attempts, childThreads, slots)).collect();
        }
    }

    private static final class RunPartition implements FlatMapFunction<Iterator<SweepTask>, SweepResult> {
        private static final long serialVersionUID = 1L;
        private final int attempts;
        private final int threads;
        private final int slots;

        RunPartition(int attempts, int threads, int slots) {
            this.attempts = attempts;
            this.threads = threads;
            this.slots = slots;
        }

        @Override
        public Iterator<SweepResult> call(Iterator<SweepTask> tasks) throws Exception {
            int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
            java.util.List<SweepResult> results = new java.util.ArrayList<>();
            while (tasks.hasNext()) {
                SweepTask task = tasks.next();
                try {
                    results.add(Sweeps.attemptInChild(task, attempt, threads, slots, System.out));
                } catch (Exception | OutOfMemoryError e) {
                    if (attempt + 1 < attempts) throw e; // Spark tries again; the next attempt resumes
                    results.add(new SweepResult(task.dir(), SweepResult.Status.FAILED,
                            "after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": " + Sweeps.message(e), 0, attempt));
                }
            }
            return results.iterator();
        }
    }
}
