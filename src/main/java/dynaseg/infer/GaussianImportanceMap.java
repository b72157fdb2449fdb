package dynaseg.infer;

/**
 * The weight each voxel of a window gets when overlapping windows are blended: a separable
 * Gaussian centred in the patch with sigma = patch * sigmaScale per axis (sigmaScale = 1/8 as
 * nnU-Net and MONAI), so that predictions near a window's border, which saw less context,
 * count less than those at its centre.
 *
 * <p>As MONAI's {@code compute_importance_map}, the Gaussian is evaluated analytically at
 * offsets {@code i - (p - 1) / 2}, so it is symmetric under flips (nnU-Net's centre {@code p // 2}
 * is not, for even p). It is normalised to a maximum of 1, and values that underflow to 0 are
 * raised to the smallest positive value, as nnU-Net does, so every voxel of a window has a
 * positive weight and no blended voxel divides by zero.
 *
 * <p>Layout: (pd, ph, pw) = (z, y, x), x fastest.
 */
public final class GaussianImportanceMap {
    private GaussianImportanceMap() {}

    /** The map for a patch {pd, ph, pw} with sigma = patch / 8. */
    public static float[] compute(int[] patch) {
        return compute(patch, 1.0 / 8.0);
    }

    /** The map for a patch {pd, ph, pw} with sigma = patch * sigmaScale per axis. */
    public static float[] compute(int[] patch, double sigmaScale) {
        if (patch.length != 3) throw new IllegalArgumentException("patch needs 3 sizes");
        if (!(sigmaScale > 0)) throw new IllegalArgumentException("sigma scale must be > 0");
        double[][] axes = new double[3][];
        for (int a = 0; a < 3; a++) axes[a] = axis(patch[a], patch[a] * sigmaScale);
        int pd = patch[0];
        int ph = patch[1];
        int pw = patch[2];
        double max = 0;
        double[] values = new double[pd * ph * pw];
        for (int z = 0; z < pd; z++) {
            for (int y = 0; y < ph; y++) {
                double zy = axes[0][z] * axes[1][y];
                int row = (z * ph + y) * pw;
                for (int x = 0; x < pw; x++) {
                    double v = zy * axes[2][x];
                    values[row + x] = v;
                    max = Math.max(max, v);
                }
            }
        }
        float[] map = new float[values.length];
        float minPositive = Float.MAX_VALUE;
        for (int i = 0; i < values.length; i++) {
            map[i] = (float) (values[i] / max);
            if (map[i] > 0) minPositive = Math.min(minPositive, map[i]);
        }
        for (int i = 0; i < map.length; i++) if (map[i] <= 0) map[i] = minPositive;
        return map;
    }

    /** exp(-(i - (p-1)/2)^2 / (2 sigma^2)) for i in [0, p). */
    static double[] axis(int p, double sigma) {
        if (p <= 0) throw new IllegalArgumentException("patch sizes must be > 0");
        double[] g = new double[p];
        double centre = (p - 1) / 2.0;
        for (int i = 0; i < p; i++) {
            double d = i - centre;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
        }
        return g;
    }
}
