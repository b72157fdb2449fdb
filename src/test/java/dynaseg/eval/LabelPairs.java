package dynaseg.eval;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import java.util.Random;

/** Random and hand-made label-map pairs for the metric tests. */
final class LabelPairs {
    private LabelPairs() {}

    /**
     * A truth of {@code organs} random ellipsoids (later ones paint over earlier ones, one may
     * touch the grid border) and a prediction that shifts each by a voxel or two, flips a few
     * percent of the voxels near surfaces, drops organ 2 and adds a false-positive label
     * {@code organs + 1}.
     */
    static LabelMap[] random(long seed, int nx, int ny, int nz, double[] spacing, int organs) {
        Random r = new Random(seed);
        Geometry g = Geometry.axisAligned(nx, ny, nz, spacing[0], spacing[1], spacing[2]);
        byte[] truth = new byte[nx * ny * nz];
        byte[] pred = new byte[truth.length];
        for (int l = 1; l <= organs; l++) {
            double cx = r.nextDouble() * nx, cy = r.nextDouble() * ny, cz = r.nextDouble() * nz;
            if (l == 1) cx = 0; // touches the border
            double rx = 2 + r.nextDouble() * nx / 4, ry = 2 + r.nextDouble() * ny / 4, rz = 1 + r.nextDouble() * nz / 4;
            int sx = r.nextInt(3) - 1, sy = r.nextInt(3) - 1, sz = r.nextInt(2);
            double grow = 0.8 + 0.4 * r.nextDouble();
            paint(truth, nx, ny, nz, cx, cy, cz, rx, ry, rz, l);
            if (l != 2) paint(pred, nx, ny, nz, cx + sx, cy + sy, cz + sz, rx * grow, ry, rz * grow, l);
        }
        for (int i = 0; i < pred.length; i++) {
            if (r.nextDouble() < 0.03) pred[i] = truth[(i + 1) % truth.length];
        }
        paint(pred, nx, ny, nz, nx / 2.0, ny / 2.0, nz / 2.0, 1.5, 1.5, 1.0, organs + 1);
        return new LabelMap[] {new LabelMap(g, pred), new LabelMap(g, truth)};
    }

    static void paint(byte[] v, int nx, int ny, int nz, double cx, double cy, double cz, double rx, double ry, double rz,
            int label) {
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry, dz = (z - cz) / rz;
                    if (dx * dx + dy * dy + dz * dz <= 1) v[x + nx * (y + ny * z)] = (byte) label;
                }
            }
        }
    }

    /** A map with the given voxels (x, y, z triples) set to {@code label}. */
    static LabelMap voxels(Geometry g, int label, int... xyz) {
        byte[] v = new byte[g.voxelCount()];
        for (int i = 0; i < xyz.length; i += 3) v[g.index(xyz[i], xyz[i + 1], xyz[i + 2])] = (byte) label;
        return new LabelMap(g, v);
    }
}
