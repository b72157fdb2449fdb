package dynaseg.eval;

/**
 * An axis-aligned box of voxels, corners inclusive. The surface distances of a label only need
 * the box around the label in prediction and truth together: every surface voxel and every
 * nearest neighbour lies inside it, so the distance transform restricted to it is still exact.
 */
public record VoxelBox(int x0, int y0, int z0, int x1, int y1, int z1) {
    public int nx() { return x1 - x0 + 1; }
    public int ny() { return y1 - y0 + 1; }
    public int nz() { return z1 - z0 + 1; }

    /**
     * The box of each label value 0..255 over the voxels of both maps ({@code null} for a label
     * found in neither), in one pass. Grid layout: x fastest, {@code dims} = (nx, ny, nz).
     */
    public static VoxelBox[] ofLabels(byte[] a, byte[] b, int[] dims) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        int[] lo = new int[256 * 3];
        int[] hi = new int[256 * 3];
        java.util.Arrays.fill(lo, Integer.MAX_VALUE);
        java.util.Arrays.fill(hi, -1);
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    int la = a[i] & 0xFF;
                    int lb = b[i] & 0xFF;
                    if (la != 0) grow(lo, hi, la, x, y, z);
                    if (lb != 0 && lb != la) grow(lo, hi, lb, x, y, z);
                }
            }
        }
        VoxelBox[] boxes = new VoxelBox[256];
        for (int l = 1; l < 256; l++) {
            if (hi[3 * l] >= 0) {
                boxes[l] = new VoxelBox(lo[3 * l], lo[3 * l + 1], lo[3 * l + 2], hi[3 * l], hi[3 * l + 1], hi[3 * l + 2]);
            }
        }
        return boxes;
    }

    private static void grow(int[] lo, int[] hi, int l, int x, int y, int z) {
        int o = 3 * l;
        if (x < lo[o]) lo[o] = x;
        if (x > hi[o]) hi[o] = x;
        if (y < lo[o + 1]) lo[o + 1] = y;
        if (y > hi[o + 1]) hi[o + 1] = y;
        if (z < lo[o + 2]) lo[o + 2] = z;
        if (z > hi[o + 2]) hi[o + 2] = z;
    }
}
