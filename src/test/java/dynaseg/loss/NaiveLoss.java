package dynaseg.loss;

/** Voxel-by-voxel reference of the weighted Dice and cross-entropy, in doubles, written from the formulas. */
final class NaiveLoss {
    private NaiveLoss() {}

    /** logits flattened (N,C,S) with S voxels per case; labels (N,S). */
    static double dice(float[] logits, int[] labels, int n, int c, int s, float[] w, boolean background) {
        double[] inter = new double[c];
        double[] psum = new double[c];
        double[] gsum = new double[c];
        for (int b = 0; b < n; b++) {
            for (int v = 0; v < s; v++) {
                double[] p = softmax(logits, b, v, c, s);
                int y = labels[b * s + v];
                for (int k = 0; k < c; k++) {
                    double g = y == k ? 1 : 0;
                    inter[k] += p[k] * g;
                    psum[k] += p[k];
                    gsum[k] += g;
                }
            }
        }
        double sum = 0;
        int first = background ? 0 : 1;
        for (int k = first; k < c; k++) {
            double loss = 1 - (2 * inter[k] + 1e-5) / (psum[k] + gsum[k] + 1e-5);
            sum += w[k] * loss;
        }
        return sum / (c - first);
    }

    static double crossEntropy(float[] logits, int[] labels, int n, int c, int s, float[] w) {
        double num = 0;
        double den = 0;
        for (int b = 0; b < n; b++) {
            for (int v = 0; v < s; v++) {
                double[] p = softmax(logits, b, v, c, s);
                int y = labels[b * s + v];
                num += w[y] * -Math.log(p[y]);
                den += w[y];
            }
        }
        return num / den;
    }

    static double[] softmax(float[] logits, int b, int v, int c, int s) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) max = Math.max(max, logits[(b * c + k) * s + v]);
        double[] p = new double[c];
        double z = 0;
        for (int k = 0; k < c; k++) {
            p[k] = Math.exp(logits[(b * c + k) * s + v] - max);
            z += p[k];
        }
        for (int k = 0; k < c; k++) p[k] /= z;
        return p;
    }
}
