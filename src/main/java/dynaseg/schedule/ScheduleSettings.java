package dynaseg.schedule;

import java.util.Arrays;

/**
 * The knobs of every schedule. The paper fixes tau = 0.9, the frozen weight 0.1 and the boost cap 2;
 * it gives no values for delta, epsilon and zeta, so {@link #defaults()} uses our choice
 * (delta = 5, epsilon = 0.01, zeta = 0.001). {@code emaAlpha} = 1 means no smoothing (ours).
 *
 * @param tau        TCF threshold: a class with S &gt; tau is frozen for the next epoch
 * @param delta      PCF/CBS recent-window length in epochs (&ge; 0)
 * @param epsilon    PCF/CBS trigger: C &gt; epsilon (strict)
 * @param zeta       CBS boost 1 / (S + zeta)
 * @param low        the frozen weight
 * @param cap        the largest weight a boost gives
 * @param emaAlpha   weight of the newest score in the exponential moving average, in (0, 1]; 1 = off
 * @param prevalence each foreground class's share of foreground training voxels (prevalence only), or null
 */
public record ScheduleSettings(
        double tau, int delta, double epsilon, double zeta, double low, double cap, double emaAlpha, double[] prevalence) {

    public static final double DEFAULT_TAU = 0.9;
    public static final int DEFAULT_DELTA = 5;
    public static final double DEFAULT_EPSILON = 0.01;
    public static final double DEFAULT_ZETA = 0.001;
    public static final double DEFAULT_LOW = 0.1;
    public static final double DEFAULT_CAP = 2.0;
    public static final double NO_SMOOTHING = 1.0;

    public ScheduleSettings {
        require(Double.isFinite(tau), "tau must be a finite number, got " + tau);
        require(delta >= 0, "delta must be >= 0, got " + delta);
        require(epsilon >= 0 && Double.isFinite(epsilon), "epsilon must be >= 0, got " + epsilon);
        require(zeta >= 0 && Double.isFinite(zeta), "zeta must be >= 0, got " + zeta);
        require(low >= 0 && Double.isFinite(low), "low (the frozen weight) must be >= 0, got " + low);
        require(cap >= low && Double.isFinite(cap), "cap must be finite and >= low (" + low + "), got " + cap);
        require(emaAlpha > 0 && emaAlpha <= 1, "ema alpha must be in (0, 1], got " + emaAlpha);
        prevalence = prevalence == null ? null : prevalence.clone();
    }

    /** The paper's tau, low and cap with our delta, epsilon and zeta; no smoothing; no prevalence. */
    public static ScheduleSettings defaults() {
        return new ScheduleSettings(DEFAULT_TAU, DEFAULT_DELTA, DEFAULT_EPSILON, DEFAULT_ZETA,
                DEFAULT_LOW, DEFAULT_CAP, NO_SMOOTHING, null);
    }

    @Override
    public double[] prevalence() {
        return prevalence == null ? null : prevalence.clone();
    }

    public boolean smoothed() { return emaAlpha < 1; }

    public ScheduleSettings withTau(double v) { return new ScheduleSettings(v, delta, epsilon, zeta, low, cap, emaAlpha, prevalence); }
    public ScheduleSettings withDelta(int v) { return new ScheduleSettings(tau, v, epsilon, zeta, low, cap, emaAlpha, prevalence); }
    public ScheduleSettings withEpsilon(double v) { return new ScheduleSettings(tau, delta, v, zeta, low, cap, emaAlpha, prevalence); }
    public ScheduleSettings withZeta(double v) { return new ScheduleSettings(tau, delta, epsilon, v, low, cap, emaAlpha, prevalence); }
    public ScheduleSettings withLow(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, v, cap, emaAlpha, prevalence); }
    public ScheduleSettings withCap(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, v, emaAlpha, prevalence); }
    public ScheduleSettings withEmaAlpha(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, v, prevalence); }
    public ScheduleSettings withPrevalence(double[] v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, emaAlpha, v); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleSettings s && tau == s.tau && delta == s.delta && epsilon == s.epsilon
                && zeta == s.zeta && low == s.low && cap == s.cap && emaAlpha == s.emaAlpha
                && Arrays.equals(prevalence, s.prevalence);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {tau, delta, epsilon, zeta, low, cap, emaAlpha}) * 31 + Arrays.hashCode(prevalence);
    }

    @Override
    public String toString() {
        return "ScheduleSettings[tau=" + tau + ", delta=" + delta + ", epsilon=" + epsilon + ", zeta=" + zeta
                + ", low=" + low + ", cap=" + cap + ", emaAlpha=" + emaAlpha
                + ", prevalence=" + Arrays.toString(prevalence) + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
