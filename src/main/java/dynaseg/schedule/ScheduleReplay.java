package dynaseg.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays a {@link ScoreHistory} through a schedule, the way training would call it after each
 * epoch, and formats the weights as CSV: header {@code epoch,w_<column>,...} (the input's column
 * names prefixed with {@code w_}), then per epoch j the weights computed after epoch j (used in
 * epoch j + 1), 6 decimals.
 */
public final class ScheduleReplay {
    private ScheduleReplay() {}

    /** Row j-1 holds the weights returned by {@code update(j, scores of epoch j)}. */
    public static List<double[]> replay(ClassWeightSchedule schedule, ScoreHistory history) {
        if (schedule.numClasses() != history.numClasses()) {
            throw new IllegalArgumentException("the schedule has " + schedule.numClasses() + " classes, the scores " + history.numClasses());
        }
        List<double[]> out = new ArrayList<>();
        for (int j = 1; j <= history.numEpochs(); j++) out.add(schedule.update(j, history.epoch(j)));
        return out;
    }

    /** The CSV text, lines ending in '\n'. */
    public static String toCsv(List<String> classNames, List<double[]> weights) {
        StringBuilder sb = new StringBuilder("epoch");
        for (String name : classNames) sb.append(",w_").append(name);
        sb.append('\n');
        for (int j = 0; j < weights.size(); j++) {
            sb.append(j + 1);
            for (double w : weights.get(j)) sb.append(',').append(String.format(Locale.ROOT, "%.6f", w));
            sb.append('\n');
        }
        return sb.toString();
    }
}
