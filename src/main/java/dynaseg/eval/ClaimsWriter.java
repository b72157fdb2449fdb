package dynaseg.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "The paper's claims, checked" section of a report ({@link ClaimCheck}) as markdown, HTML
 * and {@code claims.csv}: per comparison our change in mean Dice with its 95 % interval and the
 * pairs behind it, poor organs raised, the paper's printed change and poor organs raised, and the
 * verdict. Kept apart from {@link ReportWriter} because it answers a different question: not
 * "what did the runs score" but "do they back what the paper says".
 */
public final class ClaimsWriter {
    static final String TITLE = "The paper's claims, checked";

    private ClaimsWriter() {}

    static String intro() {
        return "Change in mean Dice over organs, rule minus the same network's baseline, with a 95 % interval "
                + "mean(d) ± t(0.975, n-1) · sd(d)/√n over n pairs. A pair is one seed and one test case: "
                + "d = mean over organs of the rule's Dice − the same for the baseline, same seed, same case, organs "
                + "missing from a case skipped on both sides. Without test scores a pair is one seed, on best-epoch "
                + "validation Dice. Poor organs: below " + Table1Report.POOR + " in the baseline's mean; raised: "
                + "higher mean over seeds with the rule. Verdict: agrees when the interval lies on the paper's side "
                + "of 0, disagrees when it lies on the other side, cannot tell when it holds 0 or n < 2. The paper "
                + "reports one run per column and no intervals.";
    }

    static List<String> notes(List<ClaimCheck> checks) {
        List<String> notes = new ArrayList<>();
        if (checks.stream().anyMatch(c -> c.paper().map(PaperTable1.Figure::meanDiscrepancy).orElse(false))) {
            notes.add("The paper's printed Mean of the 3D UNet columns (0.484, 0.588) is not the mean of their own "
                    + "cells (0.521, 0.562); the paper's change here uses the printed Mean, and the mean of the cells "
                    + "is given beside it.");
        }
        for (ClaimCheck c : checks) {
            if (!c.pairs().unpaired().isEmpty()) {
                notes.add(c.model() + " " + c.rule() + " vs " + c.baseline() + ": left out for want of a run with the same seed: "
                        + String.join(", ", c.pairs().unpaired()));
            }
        }
        return notes;
    }

    public static String markdown(List<ClaimCheck> checks) {
        StringBuilder sb = new StringBuilder("\n## " + TITLE + "\n\n").append(intro()).append("\n\n");
        if (checks.isEmpty()) return sb.append("No network has both a baseline and a rule column.\n").toString();
        sb.append("| Network | Rule vs baseline | Our change [95 % interval] | Pairs (seeds) | Pair unit | Poor organs raised "
                + "| Paper: mean | Paper: change | Paper: poor raised | Verdict |\n"
                + "| --- | --- | ---: | ---: | --- | ---: | --- | ---: | ---: | --- |\n");
        for (ClaimCheck c : checks) {
            String[] f = fields(c);
            sb.append("| ").append(String.join(" | ", f)).append(" |\n");
        }
        for (String n : notes(checks)) sb.append("\n").append(n).append('\n');
        return sb.toString();
    }

    public static String html(List<ClaimCheck> checks) {
        StringBuilder sb = new StringBuilder("<h2>" + TITLE + "</h2>\n<p>").append(ReportWriter.escape(intro())).append("</p>\n");
        if (checks.isEmpty()) return sb.append("<p>No network has both a baseline and a rule column.</p>\n").toString();
        sb.append("<table>\n<tr><th>Network</th><th>Rule vs baseline</th><th>Our change [95 % interval]</th>"
                + "<th>Pairs (seeds)</th><th>Pair unit</th><th>Poor organs raised</th><th>Paper: mean</th>"
                + "<th>Paper: change</th><th>Paper: poor raised</th><th>Verdict</th></tr>\n");
        for (ClaimCheck c : checks) {
            sb.append("<tr>");
            for (String f : fields(c)) sb.append("<td>").append(ReportWriter.escape(f)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        for (String n : notes(checks)) sb.append("<p>").append(ReportWriter.escape(n)).append("</p>\n");
        return sb.toString();
    }

    private static String[] fields(ClaimCheck c) {
        PairedInterval i = c.interval();
        String paperMean = c.paper().map(p -> Table1Report.dice(p.baselineMean()) + " → " + Table1Report.dice(p.ruleMean())
                + (p.meanDiscrepancy() ? " (cells: " + Table1Report.dice(p.baselineCellMean()) + " → "
                        + Table1Report.dice(p.ruleCellMean()) + ")" : "")).orElse("-");
        return new String[] {c.model(), c.rule() + " vs " + c.baseline(),
            i.n() == 0 ? "-" : i.text() + (i.defined() ? "" : " (no interval: one pair)"),
            i.n() + " (" + c.pairs().seeds() + ")", c.pairs().unit(), c.poorRaised() + " of " + c.poor(), paperMean,
            c.paper().map(p -> PairedInterval.signed(p.change())).orElse("-"),
            c.paper().map(p -> p.raised() + " of " + p.poor()).orElse("-"), c.verdictText()};
    }

    /** {@code claims.csv}: one row per check, plain numbers (empty when undefined). */
    public static String csv(List<ClaimCheck> checks) {
        StringBuilder sb = new StringBuilder("model,rule,baseline,pair_unit,pairs,seeds,change,sd,ci_low,ci_high,"
                + "poor_raised,poor,paper_baseline_mean,paper_rule_mean,paper_change,paper_poor_raised,paper_poor,verdict\n");
        for (ClaimCheck c : checks) {
            PairedInterval i = c.interval();
            var p = c.paper();
            List<String> f = List.of(c.model(), c.rule(), c.baseline(), c.pairs().testCases() ? "seed_case" : "seed_validation",
                    Integer.toString(i.n()), Integer.toString(c.pairs().seeds()), num(i.mean()), num(i.sd()), num(i.low()),
                    num(i.high()), Integer.toString(c.poorRaised()), Integer.toString(c.poor()),
                    p.map(x -> num(x.baselineMean())).orElse(""), p.map(x -> num(x.ruleMean())).orElse(""),
                    p.map(x -> num(x.change())).orElse(""), p.map(x -> Integer.toString(x.raised())).orElse(""),
                    p.map(x -> Integer.toString(x.poor())).orElse(""), c.verdict().words());
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
