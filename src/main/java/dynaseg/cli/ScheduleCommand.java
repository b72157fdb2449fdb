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
import picocli.CommandLine.Mixin;
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

    @Mixin ScheduleOptions rule;

    @Option(names = "--low", paramLabel = "W", description = "frozen weight (default: ${DEFAULT-VALUE})")
    double low = ScheduleSettings.DEFAULT_LOW;

    @Option(names = "--cap", paramLabel = "W", description = "largest boosted weight (default: ${DEFAULT-VALUE})")
    double cap = ScheduleSettings.DEFAULT_CAP;

    @Option(names = "--prevalence", paramLabel = "f1,...,fN", split = ",",
            description = "each class's share of foreground training voxels (prevalence only)")
    double[] prevalence;

    @Override
    public void run() {
        ScheduleSettings settings = rule.settings(low, cap, prevalence);
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
