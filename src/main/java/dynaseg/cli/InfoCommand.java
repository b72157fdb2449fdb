package dynaseg.cli;

import picocli.CommandLine.Command;

/** STUB: to be implemented. */
@Command(name = "info", description = "(not yet implemented)")
public final class InfoCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("info is not implemented yet");
    }
}
