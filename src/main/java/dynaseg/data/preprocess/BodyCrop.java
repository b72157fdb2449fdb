package dynaseg.data.preprocess;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;

/**
 * Crops a CT to the body: the bounding box of the voxels above a threshold (default -500 HU,
 * halfway between air and soft tissue), grown by a margin in mm. Air around the patient carries
 * no information, and dropping it makes preprocessing, caching and sampling cheaper. The cropped
 * grid keeps every voxel's world position: its affine is translated to the box's first voxel.
 */
public final class BodyCrop {
    public static final double DEFAULT_THRESHOLD_HU = -500;
    public static final double DEFAULT_MARGIN_MM = 10;

    private BodyCrop() {}

    /** A box of voxels: [x0, x1) x [y0, y1) x [z0, z1). */
    public record Box(int x0, int y0, int z0, int x1, int y1, int z1) {
        public Box {
            if (x1 <= x0 || y1 <= y0 || z1 <= z0) throw new IllegalArgumentException("empty box");
        }

        public static Box whole(Geometry g) { return new Box(0, 0, 0, g.nx(), g.ny(), g.nz()); }

        public int[] dims() { return new int[] {x1 - x0, y1 - y0, z1 - z0}; }

        public boolean isWhole(Geometry g) { return equals(whole(g)); }
    }

    /** The body's bounding box plus margin, clamped to the grid; the whole grid when no voxel exceeds the threshold. */
    public static Box bodyBox(Volume hu, double thresholdHu, double marginMm) {
        Geometry g = hu.geometry();
        float[] v = hu.voxels();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int x0 = nx, y0 = ny, z0 = nz, x1 = -1, y1 = -1, z1 = -1;
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (v[i] > thresholdHu) {
                        if (x < x0) x0 = x;
                        if (x > x1) x1 = x;
                        if (y < y0) y0 = y;
                        if (y > y1) y1 = y;
                        if (z < z0) z0 = z;
                        if (z > z1) z1 = z;
                    }
                }
            }
        }
        if (x1 < 0) return Box.whole(g);
        double[] s = g.spacing();
        int mx = (int) Math.ceil(marginMm / s[0]), my = (int) Math.ceil(marginMm / s[1]), mz = (int) Math.ceil(marginMm / s[2]);
        return new Box(Math.max(0, x0 - mx), Math.max(0, y0 - my), Math.max(0, z0 - mz),
                Math.min(nx, x1 + 1 + mx), Math.min(ny, y1 + 1 + my), Math.min(nz, z1 + 1 + mz));
    }

    /** The grid of the box: same axes and spacing, origin moved to the box's first voxel. */
    public static Geometry crop(Geometry g, Box box) {
        double[][] a = g.affine();
        for (int r = 0; r < 3; r++) a[r][3] += a[r][0] * box.x0() + a[r][1] * box.y0() + a[r][2] * box.z0();
        return new Geometry(box.dims(), g.spacing(), a, g.qformCode(), g.sformCode());
    }

    public static Volume crop(Volume v, Box box) {
        if (box.isWhole(v.geometry())) return v;
        Geometry g = crop(v.geometry(), box);
        float[] out = new float[g.voxelCount()];
        copy(v.geometry(), box, (src, dst, n) -> System.arraycopy(v.voxels(), src, out, dst, n));
        return new Volume(g, out);
    }

    public static LabelMap crop(LabelMap l, Box box) {
        if (box.isWhole(l.geometry())) return l;
        Geometry g = crop(l.geometry(), box);
        byte[] out = new byte[g.voxelCount()];
        copy(l.geometry(), box, (src, dst, n) -> System.arraycopy(l.labels(), src, out, dst, n));
        return new LabelMap(g, out);
    }

    private interface RowCopy { void copy(int src, int dst, int n); }

    private static void copy(Geometry g, Box box, RowCopy row) {
        int w = box.x1() - box.x0();
        int dst = 0;
        for (int z = box.z0(); z < box.z1(); z++) {
            for (int y = box.y0(); y < box.y1(); y++) {
                row.copy(g.index(box.x0(), y, z), dst, w);
                dst += w;
            }
        }
    }
}
