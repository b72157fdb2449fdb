package dynaseg.cli;

import dynaseg.run.RunDirectory;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --checkpoint best|last}: which checkpoint of a run folder; a picocli mixin of export and predict. */
final class CheckpointOption {
    // No picocli defaultValue: predict has to tell a given --checkpoint from the default (see ModelSource).
    @Option(names = "--checkpoint", paramLabel = "CHECKPOINT", completionCandidates = Choices.CheckpointNames.class,
            description = "Checkpoint of the run: ${COMPLETION-CANDIDATES}; best = the epoch with the best validation Dice, "
                    + "last = the latest epoch (default: " + RunDirectory.BEST + ").")
    String checkpoint;

    /** Whether --checkpoint was given on the command line. */
    boolean given() {
        return checkpoint != null;
    }

    /** The checkpoint in lower case: the given one, else best. */
    String name() {
        if (checkpoint == null) return RunDirectory.BEST;
        String c = checkpoint.toLowerCase(Locale.ROOT);
        if (!RunDirectory.BEST.equals(c) && !RunDirectory.LAST.equals(c)) {
            throw new IllegalArgumentException("unknown checkpoint '" + checkpoint + "' (choose one of "
                    + String.join(", ", new Choices.CheckpointNames()) + ")");
        }
        return c;
    }
}
