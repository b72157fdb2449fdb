package dynaseg.eval;

import java.util.List;

/**
 * Per-class Dice = 2|A ∩ B| / (|A| + |B|) between a predicted and a true label map (unsigned
 * bytes, same grid). A case whose ground truth lacks class c has no Dice for c (NaN), whatever
 * was predicted: the training validation averages each class over the cases that contain it,
 * and a class absent from every case stays NaN, which the schedules never choose (DESIGN.md).
 */
public final class DiceScore {
    private DiceScore() {}

    /**
     * Dice of classes 0..classes-1 (index = label, background included) for one case; NaN for
     * classes the truth lacks. Labels must be below {@code classes}.
     */
    public static double[] perClass(byte[] prediction, byte[] truth, int classes) {
        long[][] c = counts(prediction, truth, classes);
        double[] dice = new double[classes];
        for (int k = 0; k < classes; k++) {
            long tp = c[k][0];
            long fp = c[k][1];
            long fn = c[k][2];
            dice[k] = tp + fn == 0 ? Double.NaN : dice(tp, fp, fn);
        }
        return dice;
    }

    /** 2TP / (2TP + FP + FN); NaN when all three are 0. */
    public static double dice(long tp, long fp, long fn) {
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }

    /** Per class {TP, FP, FN} voxel counts. */
    public static long[][] counts(byte[] prediction, byte[] truth, int classes) {
        if (prediction.length != truth.length) {
            throw new IllegalArgumentException("prediction has " + prediction.length + " voxels, truth " + truth.length);
        }
        if (classes <= 0 || classes > 256) throw new IllegalArgumentException("class count must be in 1..256: " + classes);
        long[] predicted = new long[256];
        long[] actual = new long[256];
        long[] both = new long[256];
        for (int i = 0; i < truth.length; i++) {
            int p = prediction[i] & 0xFF;
            int t = truth[i] & 0xFF;
            predicted[p]++;
            actual[t]++;
            if (p == t) both[t]++;
        }
        for (int k = classes; k < 256; k++) {
            if (predicted[k] + actual[k] > 0) {
                throw new IllegalArgumentException("label " + k + " found, but only " + classes + " classes (0.."
                        + (classes - 1) + ")");
            }
        }
        long[][] counts = new long[classes][];
        for (int k = 0; k < classes; k++) {
            counts[k] = new long[] {both[k], predicted[k] - both[k], actual[k] - both[k]};
        }
        return counts;
    }

    /**
     * Mean per class over cases, skipping NaN (cases without the class); NaN for a class that
     * no case has. All arrays must have the same length.
     */
    public static double[] meanOverCases(List<double[]> perCase) {
        if (perCase.isEmpty()) throw new IllegalArgumentException("no cases");
        int classes = perCase.get(0).length;
        double[] sum = new double[classes];
        int[] n = new int[classes];
        for (double[] d : perCase) {
            if (d.length != classes) throw new IllegalArgumentException("cases have different class counts");
            for (int k = 0; k < classes; k++) {
                if (!Double.isNaN(d[k])) {
                    sum[k] += d[k];
                    n[k]++;
                }
            }
        }
        double[] mean = new double[classes];
        for (int k = 0; k < classes; k++) mean[k] = n[k] == 0 ? Double.NaN : sum[k] / n[k];
        return mean;
    }

    /** Drops the background (index 0): the foreground classes 1..C-1, as the schedules and metrics.csv use them. */
    public static double[] foreground(double[] perClass) {
        return java.util.Arrays.copyOfRange(perClass, 1, perClass.length);
    }
}
