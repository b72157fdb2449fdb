package dynaseg.eval;

import java.util.List;

/**
 * The scores of a folder of predictions: {@code organs.get(k)} names label k + 1; each case
 * holds scores for labels 1..organs.size(); {@code means.get(k)} averages label k + 1 over the
 * cases where it is a number (NaN = absent from the truth, left out). An infinite HD95 (a missed
 * organ) makes that organ's mean HD95 infinite. {@code warnings} lists skipped and unpaired files.
 */
public record EvaluationResult(List<String> organs, List<CaseEvaluation> cases, List<OrganScores> means,
        double toleranceMm, List<String> warnings) {
    public EvaluationResult {
        organs = List.copyOf(organs);
        cases = List.copyOf(cases);
        means = List.copyOf(means);
        warnings = List.copyOf(warnings);
    }

    /** Per-organ means over cases of each metric, skipping NaN; NaN for an organ no case has. */
    public static List<OrganScores> meansOf(List<CaseEvaluation> cases, int organs) {
        OrganScores[] means = new OrganScores[organs];
        for (int label = 1; label <= organs; label++) {
            double[] sum = new double[3];
            int[] n = new int[3];
            for (CaseEvaluation c : cases) {
                OrganScores s = c.scores(label);
                double[] v = {s.dice(), s.hd95(), s.nsd()};
                for (int m = 0; m < 3; m++) {
                    if (!Double.isNaN(v[m])) {
                        sum[m] += v[m];
                        n[m]++;
                    }
                }
            }
            double[] mean = new double[3];
            for (int m = 0; m < 3; m++) mean[m] = n[m] == 0 ? Double.NaN : sum[m] / n[m];
            means[label - 1] = new OrganScores(mean[0], mean[1], mean[2]);
        }
        return List.of(means);
    }
}
