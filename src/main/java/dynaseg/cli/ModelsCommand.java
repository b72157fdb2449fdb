package dynaseg.cli;

import picocli.CommandLine.Command;

/** STUB: to be implemented. */
@Command(name = "models", description = "(not yet implemented)")
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("models is not implemented yet");
    }
}
