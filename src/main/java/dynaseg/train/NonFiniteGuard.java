package dynaseg.train;

/**
 * Watches for training steps whose loss or gradients are NaN or infinite. Such a step is
 * skipped by the trainer and counted here; too many of them stop the run with
 * {@link TrainingAbortedException}: {@code maxConsecutive} in a row, or more than
 * {@code maxEpochFraction} of an epoch's steps. The limits are our choice (5 and 25 %). The
 * message tells the two kinds apart, because their causes differ: a non-finite loss comes from
 * the data or a divergence (a lower learning rate helps), non-finite gradients under a finite loss
 * from the backward pass itself (a kernel fault: --check-numerics names where).
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
    private int gradientFaultsInEpoch;

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
        gradientFaultsInEpoch = 0;
        consecutive = 0;
        total = totalSoFar;
    }

    /** A step with a finite loss. */
    public void finite() {
        consecutive = 0;
    }

    /** A skipped step whose loss was not finite; throws when a limit is passed. */
    public void nonFinite(int epoch, int iteration) {
        nonFinite(epoch, iteration, false);
    }

    /**
     * A skipped step; throws when a limit is passed.
     *
     * @param epoch     for the message
     * @param iteration 1-based step in the epoch, for the message
     * @param gradient  true: the loss was finite and the gradients were not
     */
    public void nonFinite(int epoch, int iteration, boolean gradient) {
        total++;
        inEpoch++;
        consecutive++;
        if (gradient) gradientFaultsInEpoch++;
        if (consecutive >= maxConsecutive) {
            throw new TrainingAbortedException(String.format(java.util.Locale.ROOT,
                    "training stopped: %d consecutive steps skipped (epoch %d, step %d): %s", consecutive, epoch,
                    iteration, what()));
        }
        if (inEpoch > maxEpochFraction * epochSteps && inEpoch > 1) {
            throw new TrainingAbortedException(String.format(java.util.Locale.ROOT,
                    "training stopped: %d of %d steps of epoch %d skipped (more than %.0f %%): %s", inEpoch, epochSteps,
                    epoch, 100 * maxEpochFraction, what()));
        }
    }

    /** What this epoch's skipped steps had, and what to do about it. */
    private String what() {
        int lossFaults = inEpoch - gradientFaultsInEpoch;
        String advice;
        if (gradientFaultsInEpoch == 0) {
            advice = "try a lower --lr, a --grad-clip, or check the data";
        } else {
            advice = "a finite loss with non-finite gradients points at the backward pass, not at the data or the "
                    + "learning rate: rerun with --check-numerics to see where, and see \"Non-finite gradients\" in "
                    + "docs/BENCHMARKS.md (dynaseg env shows the CPU kernel settings)";
        }
        return String.format(java.util.Locale.ROOT, "%d with non-finite gradients under a finite loss, %d with a "
                + "non-finite loss in this epoch; %s", gradientFaultsInEpoch, lossFaults, advice);
    }

    /** Skipped steps over the whole run. */
    public long total() { return total; }

    /** Skipped steps in the current epoch. */
    public int inEpoch() { return inEpoch; }
}
