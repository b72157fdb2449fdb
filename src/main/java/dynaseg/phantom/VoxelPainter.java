package dynaseg.phantom;

/**
 * Visits the voxels whose displaced coordinates fall inside a shape, looking only at the voxels
 * that can reach the shape's bounds, and hands each one (with its level) to a callback.
 */
final class VoxelPainter {
    /** Receives a voxel index and the shape's level there (below 1). */
    interface Brush {
        void apply(int index, double level);
    }

    private final int n;
    private final float[] cu, cv, cw;
    private final double margin;

    VoxelPainter(int n, float[] cu, float[] cv, float[] cw, double maxDisplacement) {
        this.n = n;
        this.cu = cu;
        this.cv = cv;
        this.cw = cw;
        this.margin = maxDisplacement + 1e-6;
    }

    void paint(Shape shape, Brush brush) {
        Bounds b = shape.bounds().expand(margin);
        int x0 = lo(b.u0()), x1 = hi(b.u1()), y0 = lo(b.v0()), y1 = hi(b.v1()), z0 = lo(b.w0()), z1 = hi(b.w1());
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = x + n * (y + n * z);
                    double level = shape.level(cu[i], cv[i], cw[i]);
                    if (level < 1) brush.apply(i, level);
                }
            }
        }
    }

    private int lo(double c) {
        return Math.max(0, (int) Math.floor((c + 1) * n / 2 - 0.5));
    }

    private int hi(double c) {
        return Math.min(n - 1, (int) Math.ceil((c + 1) * n / 2 - 0.5));
    }
}
