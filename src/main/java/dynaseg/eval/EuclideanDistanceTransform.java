package dynaseg.eval;

/**
 * Exact squared Euclidean distance transform of a 3D binary mask with anisotropic voxel spacing
 * (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled Functions", Theory of
 * Computing 8, 2012): the lower envelope of parabolas, run once along x, then y, then z. Each
 * pass is exact, so the result equals scipy's {@code distance_transform_edt(~mask, sampling)}
 * squared, in O(voxels) time.
 *
 * <p>Grid layout is {@link dynaseg.io.Geometry}'s: {@code index = x + nx * (y + ny * z)};
 * {@code spacing} is (sx, sy, sz) in mm. A grid without any feature voxel gives +infinity
 * everywhere. One instance holds the line buffers of one thread: not thread-safe.
 */
public final class EuclideanDistanceTransform {
    private double[] f = new double[0];
    private double[] d = new double[0];
    private int[] v = new int[0];
    private double[] z = new double[0];

    /**
     * Squared distance (mm^2) from every voxel's centre to the nearest voxel with
     * {@code features[i] == true} (0 on the features themselves).
     */
    public double[] squaredDistances(boolean[] features, int nx, int ny, int nz, double[] spacing) {
        if (features.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("mask has " + features.length + " voxels, grid " + nx + "x" + ny + "x" + nz);
        }
        double[] grid = new double[features.length];
        for (int i = 0; i < grid.length; i++) grid[i] = features[i] ? 0 : Double.POSITIVE_INFINITY;
        ensureCapacity(Math.max(nx, Math.max(ny, nz)));
        // x lines: contiguous
        for (int zz = 0; zz < nz; zz++) {
            for (int y = 0; y < ny; y++) pass(grid, (zz * ny + y) * nx, 1, nx, spacing[0]);
        }
        for (int zz = 0; zz < nz; zz++) {
            for (int x = 0; x < nx; x++) pass(grid, zz * ny * nx + x, nx, ny, spacing[1]);
        }
        int plane = nx * ny;
        for (int i = 0; i < plane; i++) pass(grid, i, plane, nz, spacing[2]);
        return grid;
    }

    private void ensureCapacity(int n) {
        if (f.length < n) {
            f = new double[n];
            d = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }
    }

    /** One 1D pass over the line {@code start + i * stride}, i < n, with sample distance {@code s} mm. */
    private void pass(double[] grid, int start, int stride, int n, double s) {
        boolean any = false;
        for (int i = 0, at = start; i < n; i++, at += stride) {
            f[i] = grid[at];
            any |= f[i] != Double.POSITIVE_INFINITY;
        }
        if (!any) return; // stays +infinity
        envelope(f, n, s, d, v, z);
        for (int i = 0, at = start; i < n; i++, at += stride) grid[at] = d[i];
    }

    /**
     * d[q] = min over p of ((q - p) s)^2 + f[p], infinite f[p] never chosen; v and z are work
     * arrays (n and n + 1 long). At least one f[p] must be finite.
     */
    static void envelope(double[] f, int n, double s, double[] d, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) continue;
            double xq = q * s;
            double hq = f[q] + xq * xq;
            double cross = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                int p = v[k];
                double xp = p * s;
                cross = (hq - (f[p] + xp * xp)) / (2 * (xq - xp));
                if (cross > z[k]) break;
                k--;
            }
            if (k < 0) cross = Double.NEGATIVE_INFINITY;
            k++;
            v[k] = q;
            z[k] = cross;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            double xq = q * s;
            while (z[k + 1] < xq) k++;
            int p = v[k];
            double dx = (q - p) * s;
            d[q] = dx * dx + f[p];
        }
    }
}
