package dynaseg.cli;

import picocli.CommandLine.Command;

/** STUB: to be implemented. */
@Command(name = "bench", description = "(not yet implemented)")
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("bench is not implemented yet");
    }
}
