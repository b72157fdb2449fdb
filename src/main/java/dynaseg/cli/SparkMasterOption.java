package dynaseg.cli;

import picocli.CommandLine.Option;

/**
 * {@code --spark MASTER}: run a command's tasks (scans, training runs) on Spark; a picocli mixin of
 * predict, demo and sweep, the commands {@link SparkSubmitMain} adds it to. What a task is, each
 * command's description says.
 */
final class SparkMasterOption {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run as Spark tasks: local[N] on this machine with N cores (tasks at once: N / --threads), local[N,R] to try a failing task R times, "
                    + "or a cluster's master with the files on storage every node mounts (see README: Spark).")
    String master;

    /** The master, or null to run without Spark. */
    String master() {
        return master;
    }
}
