package dynaseg.train;

import dynaseg.run.MetricsLog;
import dynaseg.run.TrainingState;

/**
 * What an epoch ended with: the state to checkpoint (with the schedule's weights for the next
 * epoch), its metrics row, the weights the epoch trained with, whether it is the best so far and
 * how many of its steps were skipped as non-finite.
 */
public record EpochEnd(TrainingState state, MetricsLog.Row row, double[] weightsUsed, boolean best,
        long nonFiniteSteps) {
    public int epoch() {
        return state.epoch();
    }
}
