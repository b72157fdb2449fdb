package dynaseg.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The paired differences behind a claim "rule beats baseline": runs pair by seed (config.yaml),
 * so both columns saw the same initial weights and patch draws, and within a seed pair by test
 * case, so that an easy case counts for both sides. For each pair d = mean over organs of the
 * rule's Dice - mean over organs of the baseline's Dice, over the organs that both sides score
 * (NaN on either side skips the organ in both). Test cases when every run of both columns has
 * test scores; else one pair per seed from best-epoch validation Dice ({@link #testCases()} false).
 *
 * @param d one difference per pair
 * @param seeds the number of seeds with a run in both columns
 * @param unpaired runs left out: no run of the other column has their seed, or their seed repeats
 */
public record PairedDifferences(double[] d, boolean testCases, int seeds, List<String> unpaired) {
    public PairedDifferences {
        d = d.clone();
        unpaired = List.copyOf(unpaired);
    }

    @Override
    public double[] d() { return d.clone(); }

    public static PairedDifferences of(RunGroup rule, RunGroup baseline, List<String> organs) {
        boolean test = rule.runs().stream().allMatch(RunSummary::hasTestScores)
                && baseline.runs().stream().allMatch(RunSummary::hasTestScores);
        List<Double> d = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        int seeds = 0;
        for (RunSummary r : rule.runs()) {
            RunSummary b = baseline.runs().stream().filter(o -> o.seed() == r.seed()).findFirst().orElse(null);
            if (b == null || used.contains(r.seed())) {
                unpaired.add(r.run().root().getFileName() + " (seed " + r.seed() + ")");
                continue;
            }
            used.add(r.seed());
            seeds++;
            if (test) {
                for (String c : r.test().cases()) {
                    if (!b.test().dice().containsKey(c)) continue;
                    double v = difference(organs, o -> r.test().dice(c, o), o -> b.test().dice(c, o));
                    if (!Double.isNaN(v)) d.add(v);
                }
            } else {
                double v = difference(organs, o -> r.bestDice(o), o -> b.bestDice(o));
                if (!Double.isNaN(v)) d.add(v);
            }
        }
        for (RunSummary b : baseline.runs()) {
            if (!used.contains(b.seed())) unpaired.add(b.run().root().getFileName() + " (seed " + b.seed() + ")");
        }
        return new PairedDifferences(d.stream().mapToDouble(Double::doubleValue).toArray(), test, seeds, unpaired);
    }

    /** Mean over organs scored on both sides of (rule - baseline); NaN when none is. */
    static double difference(List<String> organs, java.util.function.ToDoubleFunction<String> rule,
            java.util.function.ToDoubleFunction<String> baseline) {
        double sumR = 0;
        double sumB = 0;
        int n = 0;
        for (String o : organs) {
            double r = rule.applyAsDouble(o);
            double b = baseline.applyAsDouble(o);
            if (Double.isNaN(r) || Double.isNaN(b)) continue;
            sumR += r;
            sumB += b;
            n++;
        }
        return n == 0 ? Double.NaN : (sumR - sumB) / n;
    }

    public PairedInterval interval() { return PairedInterval.of(d); }

    /** What a pair is, for the report. */
    public String unit() {
        return testCases ? "seed × test case" : "seed (validation Dice: no test split)";
    }
}
