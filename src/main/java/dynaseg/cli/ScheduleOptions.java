package dynaseg.cli;

import dynaseg.run.RunConfig;
import dynaseg.schedule.ScheduleSettings;
import picocli.CommandLine.Option;

/**
 * The settings of the class-weight rules that train and schedule both take ({@code --tau},
 * {@code --delta}, {@code --epsilon}, {@code --zeta}, {@code --ema}, {@code --initial-score}); a
 * picocli mixin. An option not given is null: train keeps its config's value, schedule takes
 * {@link ScheduleSettings}' default, the one the help shows.
 */
final class ScheduleOptions {
    @Option(names = "--tau", paramLabel = "T", description = "TCF threshold (default: " + ScheduleSettings.DEFAULT_TAU + ").")
    Double tau;

    @Option(names = "--delta", paramLabel = "EPOCHS",
            description = "PCF/CBS window in epochs (default: " + ScheduleSettings.DEFAULT_DELTA + ", our choice).")
    Integer delta;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "PCF/CBS trigger, C > epsilon (default: " + ScheduleSettings.DEFAULT_EPSILON + ", our choice).")
    Double epsilon;

    @Option(names = "--zeta", paramLabel = "Z",
            description = "CBS boost 1/(S + zeta) (default: " + ScheduleSettings.DEFAULT_ZETA + ", our choice).")
    Double zeta;

    @Option(names = "--ema", paramLabel = "ALPHA",
            description = "Smooth the scores before the rule reads them: exponential moving average with weight ALPHA on the newest, "
                    + "1 = off (ours; default: " + ScheduleSettings.NO_SMOOTHING + ").")
    Double ema;

    @Option(names = "--initial-score", paramLabel = "none|VALUE",
            description = "PCF/CBS: none (epoch 0 never in a window), or VALUE in [0,1] as the score of an epoch 0 in every history, "
                    + "the paper's S_0 = 1 read literally; see docs/SCHEDULES.md (default: " + ScheduleSettings.DEFAULT_INITIAL_SCORE + ").")
    String initialScore;

    /** Writes the given options into {@code c}, leaving its other values. */
    void applyTo(RunConfig c) {
        if (tau != null) c.setTau(tau);
        if (delta != null) c.setDelta(delta);
        if (epsilon != null) c.setEpsilon(epsilon);
        if (zeta != null) c.setZeta(zeta);
        if (ema != null) c.setEma(ema);
        if (initialScore != null) c.setInitialScore(ScheduleSettings.parseInitialScore(initialScore));
    }

    /** The settings: the given options, else the defaults; low, cap and prevalence are schedule's own. */
    ScheduleSettings settings(double low, double cap, double[] prevalence) {
        return new ScheduleSettings(tau != null ? tau : ScheduleSettings.DEFAULT_TAU,
                delta != null ? delta : ScheduleSettings.DEFAULT_DELTA,
                epsilon != null ? epsilon : ScheduleSettings.DEFAULT_EPSILON,
                zeta != null ? zeta : ScheduleSettings.DEFAULT_ZETA,
                low, cap, ema != null ? ema : ScheduleSettings.NO_SMOOTHING, prevalence,
                ScheduleSettings.parseInitialScore(initialScore != null ? initialScore : ScheduleSettings.DEFAULT_INITIAL_SCORE));
    }
}
