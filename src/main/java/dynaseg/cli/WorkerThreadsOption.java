package dynaseg.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: worker threads of a command that reads or writes cases in parallel; a picocli mixin. */
public final class WorkerThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of cores).")
    Integer threads;

    /** The given count, or the number of cores. */
    public int workers() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
