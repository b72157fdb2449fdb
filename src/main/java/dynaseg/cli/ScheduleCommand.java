package dynaseg.cli;

import dynaseg.schedule.ClassWeightSchedule;
import dynaseg.schedule.ScheduleReplay;
import dynaseg.schedule.ScheduleSettings;
import dynaseg.schedule.ScoreHistory;
import dynaseg.schedule.Schedules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynaseg schedule}: replays a per-epoch score history through a class-weight schedule. */
@Command(
        name = "schedule", header = "Replay a per-organ score history through a class-weight rule.",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a history of per-class validation Dice through a class-weight schedule and print, "
                + "as CSV 'epoch,w_<class>,...', the weights computed after each epoch (used in the next one).",
            "Input: CSV with header 'epoch,<class 1>,...,<class N>', one row per epoch 1, 2, 3, ..., 'nan' allowed."
        },
        footer = {
            "",
            "Strategies: none, prevalence, tcf, pcf, cbs (the paper's), cbs-cumulative (ours). See docs/SCHEDULES.md. "
                + "delta, epsilon and zeta have no values in the paper; the defaults are our choice.",
            "",
            "Examples:",
            "  dynaseg schedule --strategy cbs --scores val_dice.csv",
            "  dynaseg schedule --strategy pcf --delta 3 --epsilon 0.02 --scores val_dice.csv",
            "  dynaseg schedule --strategy cbs --initial-score 1 --scores val_dice.csv",
            "  dynaseg schedule --strategy tcf --tau 0.85 --ema 0.5 --scores val_dice.csv",
            "  dynaseg schedule --strategy prevalence --prevalence 0.2,0.3,0.5 --scores val_dice.csv"
        })
public final class ScheduleCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "STRATEGY", completionCandidates = Choices.Strategies.class,
            description = "${COMPLETION-CANDIDATES}")
    String strategy;

    @Option(names = "--scores", required = true, paramLabel = "FILE.csv", description = "per-epoch per-class scores")
    Path scores;

    @Option(names = "--tau", paramLabel = "T", description = "TCF threshold (default: ${DEFAULT-VALUE})")
    double tau = ScheduleSettings.DEFAULT_TAU;

    @Option(names = "--delta", paramLabel = "EPOCHS", description = "PCF/CBS recent window (default: ${DEFAULT-VALUE})")
    int delta = ScheduleSettings.DEFAULT_DELTA;

    @Option(names = "--epsilon", paramLabel = "E", description = "PCF/CBS trigger, C > epsilon (default: ${DEFAULT-VALUE})")
    double epsilon = ScheduleSettings.DEFAULT_EPSILON;

    @Option(names = "--zeta", paramLabel = "Z", description = "CBS boost 1/(S + zeta) (default: ${DEFAULT-VALUE})")
    double zeta = ScheduleSettings.DEFAULT_ZETA;

    @Option(names = "--low", paramLabel = "W", description = "frozen weight (default: ${DEFAULT-VALUE})")
    double low = ScheduleSettings.DEFAULT_LOW;

    @Option(names = "--cap", paramLabel = "W", description = "largest boosted weight (default: ${DEFAULT-VALUE})")
    double cap = ScheduleSettings.DEFAULT_CAP;

    @Option(names = "--ema", paramLabel = "ALPHA",
            description = "smooth scores with an exponential moving average, weight ALPHA on the newest (ours; default ${DEFAULT-VALUE} = off)")
    double ema = ScheduleSettings.NO_SMOOTHING;

    @Option(names = "--initial-score", paramLabel = "none|VALUE",
            description = "PCF/CBS: none (epoch 0 never in a window) or VALUE in [0,1], the score of an epoch 0 in every history (paper's S_0 = 1) (default: ${DEFAULT-VALUE})")
    String initialScore = ScheduleSettings.DEFAULT_INITIAL_SCORE;

    @Option(names = "--prevalence", paramLabel = "f1,...,fN", split = ",",
            description = "each class's share of foreground training voxels (prevalence only)")
    double[] prevalence;

    @Override
    public void run() {
        ScheduleSettings settings = new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, ema, prevalence,
                ScheduleSettings.parseInitialScore(initialScore));
        ScoreHistory history;
        try {
            history = ScoreHistory.read(scores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassWeightSchedule schedule = Schedules.create(strategy, history.numClasses(), settings);
        List<double[]> weights = ScheduleReplay.replay(schedule, history);
        spec.commandLine().getOut().print(ScheduleReplay.toCsv(history.classNames(), weights));
        spec.commandLine().getOut().flush();
    }
}
