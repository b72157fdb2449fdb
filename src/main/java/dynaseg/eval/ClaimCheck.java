package dynaseg.eval;

import dynaseg.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of the paper's comparisons re-run on our runs: a rule column against its network's
 * baseline column (strategy {@code none} unless another was named), as the change in mean Dice
 * over organs with its 95 % interval ({@link PairedDifferences}, {@link PairedInterval}), how
 * many of the baseline's poor organs (mean below {@link Table1Report#POOR}) the rule raised (a
 * higher mean over seeds), and beside it the paper's own figures and a {@link Verdict}. The
 * paper gave one run per column and no intervals; these checks are what its claims need.
 */
public record ClaimCheck(String model, String rule, String baseline, PairedDifferences pairs, PairedInterval interval,
        int poorRaised, int poor, Optional<PaperTable1.Figure> paper, Verdict verdict, String verdictText) {

    /** One check per non-baseline column whose model has a baseline column, in column order. */
    public static List<ClaimCheck> all(Table1Report report) {
        List<ClaimCheck> checks = new ArrayList<>();
        for (Table1Report.Column c : report.columns()) {
            if (c.baseline() == null || c.isBaseline()) continue;
            checks.add(of(report, c));
        }
        return checks;
    }

    static ClaimCheck of(Table1Report report, Table1Report.Column column) {
        RunGroup rule = column.group();
        RunGroup base = column.baseline();
        PairedDifferences pairs = PairedDifferences.of(rule, base, report.organs());
        PairedInterval interval = pairs.interval();
        int c = report.columns().indexOf(column);
        int b = report.baselineIndex(column);
        int poor = 0;
        int raised = 0;
        for (Table1Report.Row row : report.rows()) {
            double bd = row.dice()[b];
            if (Double.isNaN(bd) || bd >= Table1Report.POOR) continue;
            poor++;
            if (row.dice()[c] > bd) raised++;
        }
        Optional<PaperTable1.Figure> paper = base.strategy().equals(Schedules.NONE)
                ? PaperTable1.printed().figure(rule.model(), rule.strategy()) : Optional.empty();
        double paperChange = paper.map(PaperTable1.Figure::change).orElse(Double.NaN);
        return new ClaimCheck(rule.model(), rule.strategy(), base.strategy(), pairs, interval, raised, poor, paper,
                Verdict.of(interval, paperChange), Verdict.explain(interval, paperChange));
    }
}
