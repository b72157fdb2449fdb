package dynaseg.testutil;

import dynaseg.train.EpochEnd;
import dynaseg.train.EpochListener;

/**
 * Ends a run's training loop after {@code epoch}, as if the process had been killed there (after
 * the epoch's checkpoint and records, before the next epoch): for the tests that resume a run.
 */
public record StopAfterEpoch(int epoch) implements EpochListener {
    @Override
    public void epochEnded(EpochEnd end) {}

    @Override
    public boolean stopAfter(EpochEnd end) {
        return end.epoch() == epoch;
    }
}
