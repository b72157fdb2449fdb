package dynaseg.eval;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Dice, HD95 and NSD of every label 1..{@link #maxLabel()} in one case (prediction and truth on
 * the same grid). Rules, as in TotalSegmentator's evaluation:
 * <ul>
 *   <li>a label absent from the truth scores NaN in all three metrics, whatever was predicted
 *       (it is left out of means);</li>
 *   <li>a label in the truth but not in the prediction scores Dice 0, NSD 0 and HD95 +infinity.</li>
 * </ul>
 * Labels are scored in parallel (the common fork-join pool), each on the box around the label.
 */
public final class CaseEvaluation {
    private final String caseName;
    private final OrganScores[] scores; // index label - 1

    public CaseEvaluation(String caseName, OrganScores[] scoresByLabel) {
        this.caseName = caseName;
        this.scores = scoresByLabel.clone();
    }

    /**
     * Scores every label 1..max(largest label in either map, {@code minLabels}).
     *
     * @throws IllegalArgumentException when the maps are not on the same grid
     */
    public static CaseEvaluation evaluate(String caseName, LabelMap prediction, LabelMap truth, double toleranceMm,
            int minLabels) {
        Geometry g = truth.geometry();
        if (!prediction.geometry().sameGrid(g, 1e-3)) {
            throw new IllegalArgumentException("case " + caseName + ": prediction and truth are on different grids: "
                    + prediction.geometry() + " vs " + g);
        }
        byte[] p = prediction.labels();
        byte[] t = truth.labels();
        int[] dims = g.dims();
        double[] spacing = g.spacing();
        VoxelBox[] boxes = VoxelBox.ofLabels(p, t, dims);
        int max = minLabels;
        for (int l = 255; l > max; l--) {
            if (boxes[l] != null) {
                max = l;
                break;
            }
        }
        double[] dice = DiceScore.perClass(p, t, 256);
        OrganScores[] scores = new OrganScores[max];
        ThreadLocal<EuclideanDistanceTransform> edt = ThreadLocal.withInitial(EuclideanDistanceTransform::new);
        IntStream.rangeClosed(1, max).parallel().forEach(label -> {
            if (Double.isNaN(dice[label])) {
                scores[label - 1] = OrganScores.ABSENT;
                return;
            }
            SurfaceDistances d = SurfaceDistances.of(p, t, label, dims, spacing, boxes[label], edt.get());
            scores[label - 1] = new OrganScores(dice[label], Hausdorff95.of(d), NormalizedSurfaceDice.of(d, toleranceMm));
        });
        return new CaseEvaluation(caseName, scores);
    }

    public String caseName() { return caseName; }

    /** The largest label scored; labels run 1..maxLabel. */
    public int maxLabel() { return scores.length; }

    /** Scores of {@code label} (≥ 1); {@link OrganScores#ABSENT} beyond {@link #maxLabel()}. */
    public OrganScores scores(int label) {
        if (label < 1) throw new IllegalArgumentException("labels start at 1: " + label);
        return label <= scores.length ? scores[label - 1] : OrganScores.ABSENT;
    }

    @Override
    public String toString() { return caseName + " " + Arrays.toString(scores); }
}
