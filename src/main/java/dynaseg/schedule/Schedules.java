package dynaseg.schedule;

import dynaseg.settings.SettingCheck;
import java.util.List;
import java.util.Locale;

/** Builds a schedule from its name: {@code none | prevalence | tcf | pcf | cbs | cbs-cumulative}. */
public final class Schedules {
    /** Every name {@link #create} accepts, in the order the docs list them. */
    public static final List<String> NAMES = List.of(
            ConstantWeights.NAME, PrevalenceWeights.NAME, ThresholdClassFreezing.NAME,
            PlateauClassFreezing.NAME, ClassBoostScheduling.NAME, CumulativeClassBoost.NAME);

    /** The baseline: constant weights (plain Dice), every other rule's comparison. */
    public static final String NONE = ConstantWeights.NAME;
    /** The static prevalence weighting, the paper's other baseline. */
    public static final String PREVALENCE = PrevalenceWeights.NAME;
    /** A new run's schedule unless asked. */
    public static final String DEFAULT_NAME = NONE;

    private Schedules() {}

    /** The run config's check of its {@code strategy} key. */
    public static void checkName(String name) {
        SettingCheck.requireOneOf(NAMES, "strategy", name);
    }

    /** Whether the named schedule needs the organs' voxel shares ({@link ScheduleSettings#prevalence}). */
    public static boolean needsPrevalence(String name) {
        return PrevalenceWeights.NAME.equals(name);
    }

    /**
     * A fresh schedule over {@code numClasses} foreground classes, wrapped in an
     * {@link EmaSmoothedSchedule} when {@code settings.emaAlpha() < 1}. The initial score goes to the
     * plateau rules (pcf, cbs, cbs-cumulative), the only ones that keep a score history.
     *
     * @throws IllegalArgumentException for an unknown name, or prevalence without N positive shares
     */
    public static ClassWeightSchedule create(String name, int numClasses, ScheduleSettings s) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        ClassWeightSchedule rule = switch (key) {
            case ConstantWeights.NAME -> new ConstantWeights(numClasses);
            case PrevalenceWeights.NAME -> {
                double[] f = s.prevalence();
                if (f == null || f.length != numClasses) {
                    throw new IllegalArgumentException("the prevalence schedule needs " + numClasses
                            + " foreground shares, got " + (f == null ? "none" : String.valueOf(f.length)));
                }
                yield new PrevalenceWeights(f);
            }
            // TCF reads only the current epoch's scores, so the initial score (an epoch-0 history entry) cannot affect it.
            case ThresholdClassFreezing.NAME -> new ThresholdClassFreezing(numClasses, s.tau(), s.low());
            case PlateauClassFreezing.NAME -> new PlateauClassFreezing(numClasses, s.delta(), s.epsilon(), s.low(), s.initialScore());
            case ClassBoostScheduling.NAME -> new ClassBoostScheduling(numClasses, s.delta(), s.epsilon(), s.zeta(), s.low(), s.cap(),
                    s.initialScore());
            case CumulativeClassBoost.NAME -> new CumulativeClassBoost(numClasses, s.delta(), s.epsilon(), s.zeta(), s.low(), s.cap(),
                    s.initialScore());
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
        return s.smoothed() ? new EmaSmoothedSchedule(rule, s.emaAlpha()) : rule;
    }
}
