package dynaseg.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads N}: PyTorch's intra-op threads, for the commands that run a network (train,
 * predict, sweep, demo); a picocli mixin. Not {@link WorkerThreadsOption}, the workers of commands that
 * read or write cases in parallel.
 */
final class TorchThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads, 0 = all cores (default: DYNASEG_THREADS, else all cores). With --spark: "
                    + "per task; a local master runs as many tasks at once as its slots hold at that count, and the "
                    + "results equal the plain command's at the same count.")
    Integer threads;

    /** The given count, or null (the run's, or the default); never negative. */
    Integer value() {
        if (threads != null && threads < 0) {
            throw new IllegalArgumentException("--threads is " + threads + ", expected 0 or more (0 = all cores)");
        }
        return threads;
    }

    /** Sets the given count for this process (see {@link #set}). */
    void apply() {
        set(value());
    }

    /**
     * PyTorch reads its thread count once, when the engine starts: set it before anything touches
     * the engine (null or 0 = PyTorch's default, all cores).
     */
    static void set(Integer n) {
        if (n != null && n > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
