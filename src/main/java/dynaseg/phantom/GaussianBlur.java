package dynaseg.phantom;

/**
 * Separable Gaussian smoothing of a 3D float array (x fastest), with edge voxels repeated. Used
 * as the scanner's point spread: it mixes tissues at every boundary (partial volume).
 */
public final class GaussianBlur {
    private GaussianBlur() {}

    /** Smooths {@code data} in place with the given sigma (in voxels) along x, y and z. */
    public static void apply(float[] data, int nx, int ny, int nz, double sigma) {
        if (sigma <= 0) return;
        float[] kernel = kernel(sigma);
        float[] tmp = new float[data.length];
        pass(data, tmp, nx, ny, nz, kernel, 1, nx);
        pass(tmp, data, nx, ny, nz, kernel, nx, ny);
        pass(data, tmp, nx, ny, nz, kernel, nx * ny, nz);
        System.arraycopy(tmp, 0, data, 0, data.length);
    }

    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += Math.exp(-0.5 * i * i / (sigma * sigma));
        for (int i = -radius; i <= radius; i++) k[i + radius] = (float) (Math.exp(-0.5 * i * i / (sigma * sigma)) / sum);
        return k;
    }

    /** One 1D pass along the axis with the given stride and length. */
    private static void pass(float[] in, float[] out, int nx, int ny, int nz, float[] k, int stride, int length) {
        int radius = k.length / 2;
        int total = nx * ny * nz;
        for (int i = 0; i < total; i++) {
            int pos = (i / stride) % length;
            int base = i - pos * stride;
            float s = 0;
            for (int t = -radius; t <= radius; t++) {
                int p = Math.min(length - 1, Math.max(0, pos + t));
                s += k[t + radius] * in[base + p * stride];
            }
            out[i] = s;
        }
    }
}
