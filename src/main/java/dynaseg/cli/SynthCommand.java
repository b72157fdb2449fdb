package dynaseg.cli;

import picocli.CommandLine.Command;

/** STUB: to be implemented. */
@Command(name = "synth", description = "(not yet implemented)")
public final class SynthCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("synth is not implemented yet");
    }
}
