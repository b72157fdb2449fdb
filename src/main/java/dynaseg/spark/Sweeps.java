package dynaseg.spark;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the tasks of a sweep, without Spark (one after the other) or through {@link SparkSweep};
 * each run's console goes to {@code <run folder>.log} beside its folder (appended, one block per
 * attempt), and one line per run start and end to the console.
 */
public final class Sweeps {
    private Sweeps() {}

    /** Where a run's console goes. */
    public static Path logFile(String dir) {
        Path d = Path.of(dir).toAbsolutePath().normalize();
        return d.resolveSibling(d.getFileName() + ".log");
    }

    /**
     * A task's attempt in a child JVM ({@link SweepChild}: runs at once need one JVM each) with
     * {@code threads} PyTorch threads; its console in its log.
     */
    static SweepResult attemptInChild(SweepTask task, int attempt, int threads, int slots, PrintStream console) throws Exception {
        Path log = logFile(task.dir());
        Files.createDirectories(log.getParent());
        console.printf(Locale.ROOT, "sweep: %s: attempt %d started (console in %s)%n", task.dir(), attempt + 1, log);
        console.flush();
        try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
            out.printf(Locale.ROOT, "== attempt %d of %s (own JVM, %s PyTorch threads)%n", attempt + 1, task.dir(),
                    threads > 0 ? Integer.toString(threads) : "all cores'");
        }
        try {
            SweepResult r = SweepChild.run(task, attempt, threads, slots, log, console);
            console.printf(Locale.ROOT, "sweep: %s: %s in %.1f s (%s)%n", task.dir(), r.status().toString().toLowerCase(Locale.ROOT),
                    r.seconds(), r.message());
            console.flush();
            return r;
        } catch (Exception e) {
            console.printf(Locale.ROOT, "sweep: %s: attempt %d failed: %s%n", task.dir(), attempt + 1, message(e));
            console.flush();
            throw e;
        }
    }

    /** A task's attempt in this JVM with its console in its log; exceptions are thrown after the log is closed. */
    static SweepResult attempt(SweepTask task, int attempt, PrintStream console) throws Exception {
        Path log = logFile(task.dir());
        Files.createDirectories(log.getParent());
        console.printf(Locale.ROOT, "sweep: %s: attempt %d started (console in %s)%n", task.dir(), attempt + 1, log);
        console.flush();
        try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
            out.printf(Locale.ROOT, "== attempt %d of %s%n", attempt + 1, task.dir());
            try {
                SweepResult r = task.run(attempt, out);
                console.printf(Locale.ROOT, "sweep: %s: %s in %.1f s (%s)%n", task.dir(), r.status().toString().toLowerCase(Locale.ROOT),
                        r.seconds(), r.message());
                console.flush();
                return r;
            } catch (Exception | Error e) {
                e.printStackTrace(out);
                console.printf(Locale.ROOT, "sweep: %s: attempt %d failed: %s%n", task.dir(), attempt + 1, message(e));
                console.flush();
                throw e;
            }
        }
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The tasks one after the other in this JVM (one attempt each); a failed run does not stop the others. */
    public static List<SweepResult> sequential(List<? extends SweepTask> tasks, PrintStream console) {
        List<SweepResult> results = new ArrayList<>();
        for (SweepTask t : tasks) {
            try {
                results.add(attempt(t, 0, console));
            } catch (Exception e) {
                results.add(new SweepResult(t.dir(), SweepResult.Status.FAILED, message(e), 0, 0));
            } catch (OutOfMemoryError e) {
                results.add(new SweepResult(t.dir(), SweepResult.Status.FAILED, message(e), 0, 0));
            }
        }
        return results;
    }

    /** The summary: one line per failed run, then the counts; true when none failed. */
    public static boolean summarize(List<SweepResult> results, double seconds, PrintStream out, PrintStream err) {
        int[] n = new int[SweepResult.Status.values().length];
        for (SweepResult r : results) {
            n[r.status().ordinal()]++;
            if (r.status() == SweepResult.Status.FAILED) err.println("error: " + r.dir() + ": " + r.message());
        }
        err.flush();
        out.printf(Locale.ROOT, "sweep: %d runs in %.1f min: %d trained, %d resumed, %d reused, %d failed%n", results.size(),
                seconds / 60, n[0], n[1], n[2], n[3]);
        out.flush();
        return n[3] == 0;
    }

}
