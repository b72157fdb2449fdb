package dynaseg.train;

import dynaseg.run.RunConfig;

/**
 * The learning rate of every iteration: a linear warm-up over the first {@code warmupIterations}
 * (from base/warmup up to base), then a decay to 0 at {@code totalIterations}, either a half
 * cosine (SGDR without restarts, as MONAI's WarmupCosineSchedule) or nnU-Net's polynomial
 * {@code (1 - t)^0.9}. Iterations are counted from 0 over the whole run, so a resumed run
 * continues the same curve (extending the epoch count on resume stretches the decay from there).
 */
public final class LearningRateSchedule {
    /** nnU-Net's exponent of the polynomial decay. */
    public static final double POLY_EXPONENT = 0.9;

    public enum Kind { COSINE, POLY }

    private final double baseLr;
    private final long warmupIterations;
    private final long totalIterations;
    private final Kind kind;

    public LearningRateSchedule(double baseLr, long warmupIterations, long totalIterations, Kind kind) {
        if (!(baseLr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + baseLr);
        if (totalIterations < 1) throw new IllegalArgumentException("total iterations must be >= 1, got " + totalIterations);
        if (warmupIterations < 0 || warmupIterations >= totalIterations) {
            throw new IllegalArgumentException("warm-up iterations must be in [0, " + totalIterations + "), got " + warmupIterations);
        }
        this.baseLr = baseLr;
        this.warmupIterations = warmupIterations;
        this.totalIterations = totalIterations;
        this.kind = kind;
    }

    /** The schedule of a run: warm-up epochs and epochs times iterations per epoch. */
    public static LearningRateSchedule of(RunConfig config) {
        long perEpoch = config.getIterationsPerEpoch();
        Kind kind = "poly".equals(config.getLrSchedule()) ? Kind.POLY : Kind.COSINE;
        return new LearningRateSchedule(config.getLr(), config.getWarmupEpochs() * perEpoch,
                config.getEpochs() * perEpoch, kind);
    }

    /** The learning rate of iteration {@code iteration} (0-based over the whole run). */
    public double at(long iteration) {
        if (iteration < 0) throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        if (iteration < warmupIterations) return baseLr * (iteration + 1) / warmupIterations;
        long decaySteps = totalIterations - warmupIterations;
        double t = Math.min(1.0, (double) (iteration - warmupIterations) / decaySteps);
        return switch (kind) {
            case COSINE -> baseLr * 0.5 * (1 + Math.cos(Math.PI * t));
            case POLY -> baseLr * Math.pow(1 - t, POLY_EXPONENT);
        };
    }

    public double baseLr() { return baseLr; }
    public long warmupIterations() { return warmupIterations; }
    public long totalIterations() { return totalIterations; }
    public Kind kind() { return kind; }
}
