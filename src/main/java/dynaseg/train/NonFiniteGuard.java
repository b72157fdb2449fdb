package dynaseg.train;

/**
 * Watches for training steps whose loss (or gradient) is NaN or infinite. Such a step is
 * skipped by the trainer and counted here; too many of them stop the run with
 * {@link TrainingAbortedException}: {@code maxConsecutive} in a row, or more than
 * {@code maxEpochFraction} of an epoch's steps. The limits are our choice (5 and 25 %).
 */
public final class NonFiniteGuard {
    public static final int DEFAULT_MAX_CONSECUTIVE = 5;
    public static final double DEFAULT_MAX_EPOCH_FRACTION = 0.25;

    private final int maxConsecutive;
    private final double maxEpochFraction;
    private long total;
    private int consecutive;
    private int inEpoch;
    private int epochSteps;

    public NonFiniteGuard(int maxConsecutive, double maxEpochFraction) {
        if (maxConsecutive < 1) throw new IllegalArgumentException("maxConsecutive must be >= 1");
        if (!(maxEpochFraction > 0 && maxEpochFraction <= 1)) throw new IllegalArgumentException("maxEpochFraction must be in (0, 1]");
        this.maxConsecutive = maxConsecutive;
        this.maxEpochFraction = maxEpochFraction;
    }

    public NonFiniteGuard() {
        this(DEFAULT_MAX_CONSECUTIVE, DEFAULT_MAX_EPOCH_FRACTION);
    }

    /** Starts counting a new epoch of {@code steps} steps; {@code totalSoFar} restores the run's count on resume. */
    public void startEpoch(int steps, long totalSoFar) {
        epochSteps = steps;
        inEpoch = 0;
        consecutive = 0;
        total = totalSoFar;
    }

    /** A step with a finite loss. */
    public void finite() {
        consecutive = 0;
    }

    /**
     * A skipped step; throws when a limit is passed.
     *
     * @param epoch     for the message
     * @param iteration 1-based step in the epoch, for the message
     */
    public void nonFinite(int epoch, int iteration) {
        total++;
        inEpoch++;
        consecutive++;
        if (consecutive >= maxConsecutive) {
            throw new TrainingAbortedException(String.format(java.util.Locale.ROOT,
                    "training stopped: %d consecutive steps with a non-finite loss (epoch %d, step %d); "
                            + "try a lower --lr, a --grad-clip, or check the data", consecutive, epoch, iteration));
        }
        if (inEpoch > maxEpochFraction * epochSteps && inEpoch > 1) {
            throw new TrainingAbortedException(String.format(java.util.Locale.ROOT,
                    "training stopped: %d of %d steps of epoch %d had a non-finite loss (more than %.0f %%); "
                            + "try a lower --lr, a --grad-clip, or check the data", inEpoch, epochSteps, epoch,
                    100 * maxEpochFraction));
        }
    }

    /** Skipped steps over the whole run. */
    public long total() { return total; }

    /** Skipped steps in the current epoch. */
    public int inEpoch() { return inEpoch; }
}
