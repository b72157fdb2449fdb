package dynaseg.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads N}: worker threads of a command that reads, writes or scores cases in parallel
 * (dataset, synth, evaluate); a picocli mixin. Not {@link TorchThreadsOption}, PyTorch's threads.
 */
public final class WorkerThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, 0 = all cores (default: all cores).")
    Integer threads;

    /** The given count, or the number of cores when not given or 0. */
    public int workers() {
        if (threads != null && threads < 0) {
            throw new IllegalArgumentException("--threads is " + threads + ", expected 0 or more (0 = all cores)");
        }
        return threads == null || threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
