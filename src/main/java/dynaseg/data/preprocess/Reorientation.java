package dynaseg.data.preprocess;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.stream.IntStream;

/**
 * Reorders and flips voxel axes so that voxel axes x, y, z point (as closely as the affine
 * allows) to world R, A, S: nibabel's {@code as_closest_canonical}. The axis choice follows
 * nibabel's {@code io_orientation}: the orthogonal part of the affine's normalised 3x3 block is
 * taken, and each voxel axis in turn claims the world axis its column points along most. Voxel
 * values are only moved, never interpolated; the affine is updated so that every voxel keeps
 * its world position (new affine = old affine * T, T the index permutation/flip).
 */
public final class Reorientation {
    private final Geometry source;
    private final Geometry target;
    /** For each output voxel axis o: the source axis it reads and whether it runs backwards. */
    private final int[] sourceAxis = new int[3];
    private final boolean[] flipped = new boolean[3];

    private Reorientation(Geometry source) {
        this.source = source;
        double[][] a = source.affine();
        double[][] rs = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double norm = AffineMath.columnNorm(a, c);
            if (norm == 0) norm = 1;
            for (int r = 0; r < 3; r++) rs[r][c] = a[r][c] / norm;
        }
        double[][] rot = AffineMath.closestOrthogonal(rs);
        for (int in = 0; in < 3; in++) {
            int out = 0;
            for (int r = 1; r < 3; r++) if (Math.abs(rot[r][in]) > Math.abs(rot[out][in])) out = r;
            sourceAxis[out] = in;
            flipped[out] = rot[out][in] < 0;
            for (int c = 0; c < 3; c++) rot[out][c] = 0;
        }
        int[] dims = source.dims();
        double[] spacing = source.spacing();
        int[] newDims = new int[3];
        double[] newSpacing = new double[3];
        double[][] t = new double[4][4];
        t[3][3] = 1;
        for (int o = 0; o < 3; o++) {
            int in = sourceAxis[o];
            newDims[o] = dims[in];
            newSpacing[o] = spacing[in];
            t[in][o] = flipped[o] ? -1 : 1;
            t[in][3] = flipped[o] ? dims[in] - 1 : 0;
        }
        this.target = new Geometry(newDims, newSpacing, AffineMath.multiply(a, t), source.qformCode(), source.sformCode());
    }

    /** The reorientation of a grid to RAS. */
    public static Reorientation toRas(Geometry source) { return new Reorientation(source); }

    public static Volume toRas(Volume v) { return toRas(v.geometry()).apply(v); }
    public static LabelMap toRas(LabelMap l) { return toRas(l.geometry()).apply(l); }

    public Geometry source() { return source; }
    public Geometry target() { return target; }

    /** True when the grid is already RAS (the data would not move). */
    public boolean isIdentity() {
        for (int o = 0; o < 3; o++) if (sourceAxis[o] != o || flipped[o]) return false;
        return true;
    }

    public Volume apply(Volume v) {
        check(v.geometry());
        if (isIdentity()) return new Volume(target, v.voxels());
        float[] in = v.voxels();
        float[] out = new float[in.length];
        long[] map = plan();
        forEachRow((dst, src, step, n) -> {
            for (int x = 0; x < n; x++) out[dst + x] = in[(int) (src + (long) x * step)];
        }, map);
        return new Volume(target, out);
    }

    public LabelMap apply(LabelMap l) {
        check(l.geometry());
        if (isIdentity()) return new LabelMap(target, l.labels());
        byte[] in = l.labels();
        byte[] out = new byte[in.length];
        forEachRow((dst, src, step, n) -> {
            for (int x = 0; x < n; x++) out[dst + x] = in[(int) (src + (long) x * step)];
        }, plan());
        return new LabelMap(target, out);
    }

    private void check(Geometry g) {
        if (!g.sameGrid(source, 1e-6)) throw new IllegalArgumentException("data is on " + g + ", plan is for " + source);
    }

    /** {base, step along output x, step along output y, step along output z} in source linear indices. */
    private long[] plan() {
        int[] dims = source.dims();
        long[] stride = {1, dims[0], (long) dims[0] * dims[1]};
        long base = 0;
        long[] step = new long[3];
        for (int o = 0; o < 3; o++) {
            int in = sourceAxis[o];
            step[o] = flipped[o] ? -stride[in] : stride[in];
            if (flipped[o]) base += (dims[in] - 1) * stride[in];
        }
        return new long[] {base, step[0], step[1], step[2]};
    }

    private interface RowCopy { void copy(int dst, long src, long step, int n); }

    private void forEachRow(RowCopy row, long[] map) {
        int nx = target.nx(), ny = target.ny();
        IntStream.range(0, target.nz()).parallel().forEach(z -> {
            for (int y = 0; y < ny; y++) {
                row.copy(target.index(0, y, z), map[0] + y * map[2] + z * map[3], map[1], nx);
            }
        });
    }
}
