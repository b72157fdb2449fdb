package dynaseg.train;

import java.io.IOException;

/**
 * Called by the training loop at the end of every epoch, in the order the listeners were added:
 * the trainer's own first (the checkpoint, then the run's records: metrics row, events, plots,
 * console table), then those added with {@link Trainer#addEpochListener}. The schedule's update is
 * not a listener: it comes before all of them, as part of the epoch, because the
 * {@link EpochEnd} every listener gets, and the checkpoint saves, already holds the schedule's
 * state and the next epoch's weights (see {@link Trainer} for the whole order).
 *
 * <p>A listener sees the epoch; it does not change it. When any listener's {@link #stopAfter} says
 * so, the loop ends after the epoch (after every listener has seen it) as a killed process would:
 * without test scoring and without the run's {@code end} event, so that
 * {@link Trainer#resume} (or {@code dynaseg train --resume}) continues the run later, to the same
 * results as a run done in one go.
 */
@FunctionalInterface
public interface EpochListener {
    void epochEnded(EpochEnd end) throws IOException;

    /** Whether the loop ends after this epoch (e.g. a time budget); by default it goes on to the configured epochs. */
    default boolean stopAfter(EpochEnd end) {
        return false;
    }
}
