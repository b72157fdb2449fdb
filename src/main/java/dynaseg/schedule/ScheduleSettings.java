package dynaseg.schedule;

import dynaseg.settings.SettingCheck;
import java.util.Arrays;
import java.util.Objects;

/**
 * The knobs of every schedule. The paper fixes tau = 0.9, the frozen weight 0.1 and the boost cap 2;
 * it gives no values for delta, epsilon and zeta, so {@link #defaults()} uses our choice
 * (delta = 5, epsilon = 0.01, zeta = 0.001). {@code emaAlpha} = 1 means no smoothing (ours).
 * The paper's initial scores {S_i}_0 = 1 can be read two ways (docs/SCHEDULES.md); {@code initialScore}
 * picks one: null ("none") keeps epoch 0 out of the plateau windows, a value v puts an epoch 0 with
 * S_0 = v for every class into the PCF/CBS histories.
 *
 * @param tau        TCF threshold: a class with S &gt; tau is frozen for the next epoch
 * @param delta      PCF/CBS recent-window length in epochs (&ge; 0)
 * @param epsilon    PCF/CBS trigger: C &gt; epsilon (strict)
 * @param zeta       CBS boost 1 / (S + zeta)
 * @param low        the frozen weight
 * @param cap        the largest weight a boost gives
 * @param emaAlpha   weight of the newest score in the exponential moving average, in (0, 1]; 1 = off
 * @param prevalence each foreground class's share of foreground training voxels (prevalence only), or null
 * @param initialScore PCF/CBS: the score of an epoch 0 in every class's history, in [0, 1]; null = none
 *                   (epoch 0 never enters a window). TCF, prevalence and none ignore it.
 */
public record ScheduleSettings(
        double tau, int delta, double epsilon, double zeta, double low, double cap, double emaAlpha, double[] prevalence,
        Double initialScore) {

    public static final double DEFAULT_TAU = 0.9;
    public static final int DEFAULT_DELTA = 5;
    public static final double DEFAULT_EPSILON = 0.01;
    public static final double DEFAULT_ZETA = 0.001;
    public static final double DEFAULT_LOW = 0.1;
    public static final double DEFAULT_CAP = 2.0;
    public static final double NO_SMOOTHING = 1.0;
    /** How {@code --initial-score} and the run config spell "no epoch 0" (initialScore = null). */
    public static final String NO_INITIAL_SCORE = "none";
    /**
     * The default reading of the paper's S_0 = 1, as the options spell it ("none" or a number): the
     * literal one, chosen from the demo measurement in docs/SCHEDULES.md (with "none", PCF and CBS
     * never fired on the demo's rising validation histories at delta 2 or 3, so their columns
     * copied the baseline; read literally they act once the first window has passed, as the paper
     * writes). A text so that the commands' help can show it. A config.yaml without the key still
     * means none (what runs made before the option used).
     */
    public static final String DEFAULT_INITIAL_SCORE = "1";

    public ScheduleSettings {
        checkLimits(tau, delta, epsilon, zeta, low, cap, emaAlpha, initialScore);
        prevalence = prevalence == null ? null : prevalence.clone();
    }

    /**
     * The one set of limits on the settings, for the run config, the command line and this record
     * alike; the message names the run config's key: tau in [0, 1], delta &ge; 1, epsilon &ge; 0,
     * zeta &gt; 0, low in [0, 1], cap &ge; 1 (so &ge; low), ema in (0, 1], initial score none or in
     * [0, 1]; every number finite.
     *
     * @throws IllegalArgumentException {@code 'key' is value, expected ...}
     */
    public static void checkLimits(double tau, int delta, double epsilon, double zeta, double low, double cap,
            double ema, Double initialScore) {
        check(tau >= 0 && tau <= 1, "tau", tau, "in [0, 1]");
        check(delta >= 1, "delta", delta, ">= 1");
        check(epsilon >= 0 && Double.isFinite(epsilon), "epsilon", epsilon, ">= 0");
        check(zeta > 0 && Double.isFinite(zeta), "zeta", zeta, "> 0");
        check(low >= 0 && low <= 1, "low", low, "in [0, 1]");
        check(cap >= 1 && cap >= low && Double.isFinite(cap), "cap", cap, ">= 1");
        check(ema > 0 && ema <= 1, "ema", ema, "in (0, 1] (1 = off)");
        check(initialScore == null || (initialScore >= 0 && initialScore <= 1), "initial-score", initialScore,
                "none (or null), or a number in [0, 1]");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        SettingCheck.require(ok, key, value, expected);
    }

    /** The settings without an initial-score choice: {@link #DEFAULT_INITIAL_SCORE}. */
    public ScheduleSettings(double tau, int delta, double epsilon, double zeta, double low, double cap, double emaAlpha,
            double[] prevalence) {
        this(tau, delta, epsilon, zeta, low, cap, emaAlpha, prevalence, parseInitialScore(DEFAULT_INITIAL_SCORE));
    }

    /**
     * Reads {@code none} (any case) as null and a number in [0, 1] as itself: the values of
     * {@code --initial-score} and of the run config's {@code initial-score}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Double parseInitialScore(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase(NO_INITIAL_SCORE)) return null;
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("initial score must be '" + NO_INITIAL_SCORE + "' or a number in [0, 1], got '" + text + "'");
        }
        return v;
    }

    /** The inverse of {@link #parseInitialScore}: "none" for null, else the number. */
    public static String formatInitialScore(Double value) {
        return value == null ? NO_INITIAL_SCORE : String.valueOf(value);
    }

    /** The paper's tau, low and cap with our delta, epsilon and zeta; no smoothing; no prevalence; the default initial score. */
    public static ScheduleSettings defaults() {
        return new ScheduleSettings(DEFAULT_TAU, DEFAULT_DELTA, DEFAULT_EPSILON, DEFAULT_ZETA,
                DEFAULT_LOW, DEFAULT_CAP, NO_SMOOTHING, null, parseInitialScore(DEFAULT_INITIAL_SCORE));
    }

    @Override
    public double[] prevalence() {
        return prevalence == null ? null : prevalence.clone();
    }

    public boolean smoothed() { return emaAlpha < 1; }

    public ScheduleSettings withTau(double v) { return new ScheduleSettings(v, delta, epsilon, zeta, low, cap, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withDelta(int v) { return new ScheduleSettings(tau, v, epsilon, zeta, low, cap, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withEpsilon(double v) { return new ScheduleSettings(tau, delta, v, zeta, low, cap, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withZeta(double v) { return new ScheduleSettings(tau, delta, epsilon, v, low, cap, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withLow(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, v, cap, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withCap(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, v, emaAlpha, prevalence, initialScore); }
    public ScheduleSettings withEmaAlpha(double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, v, prevalence, initialScore); }
    public ScheduleSettings withPrevalence(double[] v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, emaAlpha, v, initialScore); }
    /** {@code v} = null: none. */
    public ScheduleSettings withInitialScore(Double v) { return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, emaAlpha, prevalence, v); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleSettings s && tau == s.tau && delta == s.delta && epsilon == s.epsilon
                && zeta == s.zeta && low == s.low && cap == s.cap && emaAlpha == s.emaAlpha
                && Arrays.equals(prevalence, s.prevalence) && Objects.equals(initialScore, s.initialScore);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(new double[] {tau, delta, epsilon, zeta, low, cap, emaAlpha}) * 31 + Arrays.hashCode(prevalence)) * 31
                + Objects.hashCode(initialScore);
    }

    @Override
    public String toString() {
        return "ScheduleSettings[tau=" + tau + ", delta=" + delta + ", epsilon=" + epsilon + ", zeta=" + zeta
                + ", low=" + low + ", cap=" + cap + ", emaAlpha=" + emaAlpha
                + ", prevalence=" + Arrays.toString(prevalence) + ", initialScore=" + formatInitialScore(initialScore) + "]";
    }

}
