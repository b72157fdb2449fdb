package dynaseg.train;

import java.io.IOException;

/**
 * Called by the training loop at the end of every epoch, after validation and the schedule's
 * update, in the order the listeners were added: the checkpoint first, then the run's records
 * (metrics row, events, plots, console table), then any other. The loop stops after the epoch when
 * a listener's {@link #stopAfter} says so (as a killed process would, without the run's end).
 */
@FunctionalInterface
public interface EpochListener {
    void epochEnded(EpochEnd end) throws IOException;

    /** Whether the loop stops after this epoch; by default it goes on to the configured epochs. */
    default boolean stopAfter(EpochEnd end) {
        return false;
    }

    /** A listener that only stops the loop after {@code epoch}. */
    static EpochListener stopAfterEpoch(int epoch) {
        return new EpochListener() {
            @Override
            public void epochEnded(EpochEnd end) {}

            @Override
            public boolean stopAfter(EpochEnd end) {
                return end.epoch() == epoch;
            }
        };
    }
}
