package dynaseg.spark;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * One independent training run of a sweep, as sent to a Spark task: it trains into its own run
 * folder, resuming from the folder's last checkpoint when a previous attempt (or an earlier sweep)
 * left one, so that Spark's retry of a task that died continues the run instead of restarting it.
 */
public interface SweepTask extends Serializable {
    /** The run folder (on storage shared by all nodes). */
    String dir();

    /** Trains, resumes or reuses the run; {@code attempt} counts from 0 (Spark's attempt number). */
    SweepResult run(int attempt, PrintStream out) throws Exception;
}
