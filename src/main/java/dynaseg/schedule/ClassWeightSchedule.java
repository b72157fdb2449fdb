package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A runtime class-weight schedule ("runtime freezing", see docs/SCHEDULES.md): after every
 * validated epoch it reads the per-class validation Dice and returns the loss weights of the
 * N foreground classes for the next epoch. Background is never scheduled.
 *
 * <p>Weights start at 1 (or at the static weights of {@link PrevalenceWeights}). Epoch numbers
 * passed to {@link #update} must increase strictly, starting at 1 or later; windows of the rules are
 * defined on these epoch numbers. A schedule is not thread-safe.
 */
public interface ClassWeightSchedule {

    /**
     * Reads the scores measured after {@code epoch} and returns the weights for the next epoch.
     *
     * @param epoch  the epoch just finished, 1-based, larger than the previous one
     * @param scores length N, each in [0, 1] or NaN (class absent from every validation case)
     * @return a fresh copy of the N weights to use in epoch {@code epoch + 1}
     * @throws IllegalArgumentException on a wrong length, a score outside [0, 1] or a non-increasing epoch
     */
    double[] update(int epoch, double[] scores);

    /** A copy of the current N foreground weights. */
    double[] weights();

    /** Number N of foreground classes. */
    int numClasses();

    /** The schedule's name as given to {@link Schedules#create} (with {@code +ema} when smoothed). */
    String name();

    /** The last epoch passed to {@link #update}, 0 before the first. */
    int lastEpoch();

    /** Everything needed to continue the schedule exactly, as JSON (NaN is written as null). */
    JsonNode saveState();

    /**
     * Restores a state written by {@link #saveState} of a schedule with the same name and N.
     *
     * @throws IllegalArgumentException when the state belongs to another schedule or is malformed
     */
    void restoreState(JsonNode state);

    /**
     * The weights of the C = N + 1 loss channels, background (weight 1) at index 0, ready for
     * {@code dynaseg.loss.SegmentationLoss#compute}.
     */
    default float[] channelWeights() {
        double[] w = weights();
        float[] out = new float[w.length + 1];
        out[0] = 1f;
        for (int i = 0; i < w.length; i++) out[i + 1] = (float) w[i];
        return out;
    }
}
