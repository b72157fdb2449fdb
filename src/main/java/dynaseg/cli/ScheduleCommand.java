package dynaseg.cli;

import picocli.CommandLine.Command;

/** STUB: to be implemented. */
@Command(name = "schedule", description = "(not yet implemented)")
public final class ScheduleCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("schedule is not implemented yet");
    }
}
