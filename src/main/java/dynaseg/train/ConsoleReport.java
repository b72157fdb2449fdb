package dynaseg.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import dynaseg.run.MetricsLog;

/**
 * The per-organ table printed after each validation: Dice, the weight the schedule set for
 * the next epoch, and a mark when an organ is frozen (weight below 1, {@code v}) or boosted
 * (above 1, {@code ^}); {@code (new)} when its weight changed at this epoch. ASCII only, so
 * that CI logs and any terminal encoding show it intact.
 * <pre>
 * epoch 3 validation
 *   organ              Dice  weight
 *   spleen            0.912   0.100  v frozen (new)
 *   kidney_right      0.801   1.250  ^ boosted
 *   gallbladder         nan   1.000
 *   mean              0.856
 * </pre>
 */
public final class ConsoleReport {
    private final PrintStream out;

    public ConsoleReport(PrintStream out) {
        this.out = out;
    }

    /** Prints {@link #table} and flushes. */
    public void print(int epoch, List<String> organs, double[] dice, double[] weights, double[] previousWeights) {
        out.print(table(epoch, organs, dice, weights, previousWeights));
        out.flush();
    }

    /**
     * The table as text (lines end with '\n'). {@code previousWeights} (the weights used in this
     * epoch) may be null, then nothing is marked new.
     */
    public static String table(int epoch, List<String> organs, double[] dice, double[] weights,
            double[] previousWeights) {
        int n = organs.size();
        if (dice.length != n || weights.length != n || (previousWeights != null && previousWeights.length != n)) {
            throw new IllegalArgumentException("need one Dice and one weight per organ (" + n + ")");
        }
        int nameWidth = "organ".length();
        for (String o : organs) nameWidth = Math.max(nameWidth, o.length());
        String rowFormat = "  %-" + nameWidth + "s  %6s  %6s%s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d validation%n", epoch));
        sb.append(String.format(Locale.ROOT, rowFormat, "organ", "Dice", "weight", ""));
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, rowFormat, organs.get(i), number(dice[i]), number(weights[i]),
                    mark(weights[i], previousWeights == null ? Double.NaN : previousWeights[i])));
        }
        sb.append(String.format(Locale.ROOT, rowFormat, "mean", number(MetricsLog.nanMean(dice)), "", ""));
        return sb.toString();
    }

    private static String mark(double w, double previous) {
        String m;
        if (w < 1) {
            m = "  v frozen";
        } else if (w > 1) {
            m = "  ^ boosted";
        } else {
            m = "";
        }
        if (!Double.isNaN(previous) && Math.abs(previous - w) > 1e-12) m += m.isEmpty() ? "  (new)" : " (new)";
        return m;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.3f", v);
    }
}
