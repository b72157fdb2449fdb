package dynaseg.data.preprocess;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.stream.IntStream;

/**
 * Resamples voxel data onto another grid through world coordinates: trilinear for images,
 * nearest neighbour for label maps, in parallel over output z-slices.
 *
 * <p>Convention (NIfTI's): the affine maps a voxel's centre; voxel i covers [i - 1/2, i + 1/2]
 * along its axis, so an axis of n voxels of size s spans n*s mm. Each target voxel centre is
 * mapped into source index space by {@code inverse(A_source) * A_target}; values between source
 * centres are interpolated, and positions beyond the first/last centre take the edge value
 * (scipy's {@code map_coordinates(..., mode="nearest")}).
 */
public final class Resampler {
    private static final double AXIS_ALIGNED_TOL = 1e-9;

    private Resampler() {}

    /**
     * The grid with the given voxel size (x, y, z in mm) that covers the same extent as {@code g}:
     * n' = max(1, round(n * s / s')) voxels per axis, the new grid centred on the old extent (its
     * edges differ from the old ones by less than half a new voxel). With zoom f = s'/s the new
     * voxel j sits at old index (j + 1/2) f - 1/2 + (n - n' f)/2, so the new affine is
     * A * [diag(f) | offset]; with f = 1 the grid is unchanged.
     */
    public static Geometry targetGrid(Geometry g, double[] spacing) {
        if (spacing.length != 3) throw new IllegalArgumentException("spacing needs 3 values (x, y, z)");
        double[][] a = g.affine();
        int[] dims = g.dims();
        int[] newDims = new int[3];
        double[][] t = new double[4][4];
        t[3][3] = 1;
        for (int axis = 0; axis < 3; axis++) {
            if (!(spacing[axis] > 0)) throw new IllegalArgumentException("spacing must be positive: " + spacing[axis]);
            double s = AffineMath.columnNorm(a, axis);
            double f = spacing[axis] / s;
            newDims[axis] = (int) Math.max(1, Math.round(dims[axis] / f));
            t[axis][axis] = f;
            t[axis][3] = (dims[axis] - newDims[axis] * f + f - 1) / 2;
        }
        return new Geometry(newDims, spacing.clone(), AffineMath.multiply(a, t), g.qformCode(), g.sformCode());
    }

    /** Trilinear resampling to the given voxel size. */
    public static Volume linear(Volume v, double[] spacing) { return linear(v, targetGrid(v.geometry(), spacing)); }

    /** Nearest-neighbour resampling to the given voxel size. */
    public static LabelMap nearest(LabelMap l, double[] spacing) { return nearest(l, targetGrid(l.geometry(), spacing)); }

    /** Trilinear resampling onto {@code target}. */
    public static Volume linear(Volume v, Geometry target) {
        Geometry src = v.geometry();
        if (src.sameGrid(target, 1e-9)) return new Volume(target, v.voxels().clone());
        float[] in = v.voxels();
        float[] out = new float[target.voxelCount()];
        double[][] m = AffineMath.multiply(AffineMath.invert(src.affine()), target.affine());
        int nx = src.nx(), ny = src.ny(), nz = src.nz();
        int sxy = nx * ny;
        if (axisAligned(m)) {
            LinearAxis ax = new LinearAxis(m, 0, target.nx(), nx);
            LinearAxis ay = new LinearAxis(m, 1, target.ny(), ny);
            LinearAxis az = new LinearAxis(m, 2, target.nz(), nz);
            IntStream.range(0, target.nz()).parallel().forEach(z -> {
                int z0 = az.lo[z] * sxy, z1 = az.hi[z] * sxy;
                float wz = az.w[z];
                for (int y = 0; y < target.ny(); y++) {
                    int y0 = ay.lo[y] * nx, y1 = ay.hi[y] * nx;
                    float wy = ay.w[y];
                    int o = target.index(0, y, z);
                    for (int x = 0; x < target.nx(); x++) {
                        int x0 = ax.lo[x], x1 = ax.hi[x];
                        float wx = ax.w[x];
                        float c00 = in[z0 + y0 + x0] + wx * (in[z0 + y0 + x1] - in[z0 + y0 + x0]);
                        float c01 = in[z0 + y1 + x0] + wx * (in[z0 + y1 + x1] - in[z0 + y1 + x0]);
                        float c10 = in[z1 + y0 + x0] + wx * (in[z1 + y0 + x1] - in[z1 + y0 + x0]);
                        float c11 = in[z1 + y1 + x0] + wx * (in[z1 + y1 + x1] - in[z1 + y1 + x0]);
                        float c0 = c00 + wy * (c01 - c00);
                        float c1 = c10 + wy * (c11 - c10);
                        out[o + x] = c0 + wz * (c1 - c0);
                    }
                }
            });
        } else {
            IntStream.range(0, target.nz()).parallel().forEach(z -> {
                for (int y = 0; y < target.ny(); y++) {
                    int o = target.index(0, y, z);
                    for (int x = 0; x < target.nx(); x++) {
                        double cx = clamp(m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3], nx);
                        double cy = clamp(m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3], ny);
                        double cz = clamp(m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3], nz);
                        int x0 = (int) cx, y0 = (int) cy, z0 = (int) cz;
                        int x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1), z1 = Math.min(z0 + 1, nz - 1);
                        double wx = cx - x0, wy = cy - y0, wz = cz - z0;
                        double c00 = lerp(in[src.index(x0, y0, z0)], in[src.index(x1, y0, z0)], wx);
                        double c01 = lerp(in[src.index(x0, y1, z0)], in[src.index(x1, y1, z0)], wx);
                        double c10 = lerp(in[src.index(x0, y0, z1)], in[src.index(x1, y0, z1)], wx);
                        double c11 = lerp(in[src.index(x0, y1, z1)], in[src.index(x1, y1, z1)], wx);
                        out[o + x] = (float) lerp(lerp(c00, c01, wy), lerp(c10, c11, wy), wz);
                    }
                }
            });
        }
        return new Volume(target, out);
    }

    /** Nearest-neighbour resampling onto {@code target} (ties round up). */
    public static LabelMap nearest(LabelMap l, Geometry target) {
        Geometry src = l.geometry();
        if (src.sameGrid(target, 1e-9)) return new LabelMap(target, l.labels().clone());
        byte[] in = l.labels();
        byte[] out = new byte[target.voxelCount()];
        double[][] m = AffineMath.multiply(AffineMath.invert(src.affine()), target.affine());
        int nx = src.nx(), ny = src.ny(), nz = src.nz();
        if (axisAligned(m)) {
            int[] ix = nearestAxis(m, 0, target.nx(), nx);
            int[] iy = nearestAxis(m, 1, target.ny(), ny);
            int[] iz = nearestAxis(m, 2, target.nz(), nz);
            IntStream.range(0, target.nz()).parallel().forEach(z -> {
                for (int y = 0; y < target.ny(); y++) {
                    int row = (iz[z] * ny + iy[y]) * nx;
                    int o = target.index(0, y, z);
                    for (int x = 0; x < target.nx(); x++) out[o + x] = in[row + ix[x]];
                }
            });
        } else {
            IntStream.range(0, target.nz()).parallel().forEach(z -> {
                for (int y = 0; y < target.ny(); y++) {
                    int o = target.index(0, y, z);
                    for (int x = 0; x < target.nx(); x++) {
                        int cx = round(m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3], nx);
                        int cy = round(m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3], ny);
                        int cz = round(m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3], nz);
                        out[o + x] = in[src.index(cx, cy, cz)];
                    }
                }
            });
        }
        return new LabelMap(target, out);
    }

    private static boolean axisAligned(double[][] m) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) if (r != c && Math.abs(m[r][c]) > AXIS_ALIGNED_TOL) return false;
        }
        return true;
    }

    private static double clamp(double c, int n) {
        return c <= 0 ? 0 : Math.min(c, n - 1);
    }

    private static int round(double c, int n) {
        return (int) clamp(Math.floor(c + 0.5), n);
    }

    private static double lerp(double a, double b, double w) { return a + w * (b - a); }

    private static int[] nearestAxis(double[][] m, int axis, int n, int srcN) {
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) idx[j] = round(m[axis][axis] * j + m[axis][3], srcN);
        return idx;
    }

    /** Per-axis source neighbours and weights of an axis-aligned mapping. */
    private static final class LinearAxis {
        final int[] lo, hi;
        final float[] w;

        LinearAxis(double[][] m, int axis, int n, int srcN) {
            lo = new int[n];
            hi = new int[n];
            w = new float[n];
            for (int j = 0; j < n; j++) {
                double c = clamp(m[axis][axis] * j + m[axis][3], srcN);
                lo[j] = (int) c;
                hi[j] = Math.min(lo[j] + 1, srcN - 1);
                w[j] = (float) (c - lo[j]);
            }
        }
    }
}
