package dynaseg.io;

import java.util.Arrays;

/**
 * Where voxels sit in the world: grid size, voxel spacing (mm) and the 4x4 voxel-to-world
 * affine (RAS+, as NIfTI and nibabel define it). Voxels are stored x fastest:
 * {@code index = x + nx * (y + ny * z)}; as tensors the spatial axes read (z, y, x).
 *
 * <p>The qform/sform codes travel with the geometry so that a file written for a read image
 * keeps its header meaning exactly.
 */
public final class Geometry {
    private final int[] dims;
    private final double[] spacing;
    private final double[][] affine;
    private final int qformCode;
    private final int sformCode;

    public Geometry(int[] dims, double[] spacing, double[][] affine, int qformCode, int sformCode) {
        if (dims.length != 3 || spacing.length != 3 || affine.length != 4) {
            throw new IllegalArgumentException("geometry needs 3 dims, 3 spacings and a 4x4 affine");
        }
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException("dims must be positive: " + Arrays.toString(dims));
        }
        this.dims = dims.clone();
        this.spacing = spacing.clone();
        this.affine = new double[4][];
        for (int r = 0; r < 4; r++) this.affine[r] = affine[r].clone();
        this.qformCode = qformCode;
        this.sformCode = sformCode;
    }

    /** A RAS-aligned grid with the given spacing and its first voxel at the world origin (sform code 2, aligned). */
    public static Geometry axisAligned(int nx, int ny, int nz, double sx, double sy, double sz) {
        double[][] a = {{sx, 0, 0, 0}, {0, sy, 0, 0}, {0, 0, sz, 0}, {0, 0, 0, 1}};
        return new Geometry(new int[] {nx, ny, nz}, new double[] {sx, sy, sz}, a, 2, 2);
    }

    public int[] dims() { return dims.clone(); }
    public int nx() { return dims[0]; }
    public int ny() { return dims[1]; }
    public int nz() { return dims[2]; }
    public int voxelCount() { return Math.multiplyExact(Math.multiplyExact(dims[0], dims[1]), dims[2]); }
    public double[] spacing() { return spacing.clone(); }
    public double[][] affine() {
        double[][] copy = new double[4][];
        for (int r = 0; r < 4; r++) copy[r] = affine[r].clone();
        return copy;
    }
    public int qformCode() { return qformCode; }
    public int sformCode() { return sformCode; }

    public int index(int x, int y, int z) { return x + dims[0] * (y + dims[1] * z); }

    /** Same grid size and an affine equal within {@code tol} (mm): the test for "same grid". */
    public boolean sameGrid(Geometry other, double tol) {
        if (!Arrays.equals(dims, other.dims)) return false;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                if (Math.abs(affine[r][c] - other.affine[r][c]) > tol) return false;
            }
        }
        return true;
    }

    /**
     * Axis codes as nibabel's {@code aff2axcodes} gives them (e.g. "RAS", "LPS"): the columns are
     * normalised and replaced by the closest orthogonal matrix (so shear does not sway the
     * answer), then each voxel axis in turn takes the world axis its column points along most,
     * R/A/S when positive, L/P/I when negative; a world axis once taken is not used again.
     */
    public String orientation() {
        char[][] letters = {{'L', 'R'}, {'P', 'A'}, {'I', 'S'}};
        double[][] rs = new double[3][3];
        double[] norms = Affines.columnNorms(affine);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) rs[r][c] = affine[r][c] / (norms[c] == 0 ? 1 : norms[c]);
        }
        double[][] ortho = Affines.closestOrthogonal(rs);
        double[][] m = ortho != null ? ortho : rs;
        StringBuilder code = new StringBuilder();
        boolean[] used = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            double bestAbs = -1;
            for (int r = 0; r < 3; r++) {
                if (!used[r] && Math.abs(m[r][c]) > bestAbs) {
                    bestAbs = Math.abs(m[r][c]);
                    best = r;
                }
            }
            used[best] = true;
            code.append(letters[best][m[best][c] >= 0 ? 1 : 0]);
        }
        return code.toString();
    }

    @Override
    public String toString() {
        return "Geometry" + Arrays.toString(dims) + " spacing " + Arrays.toString(spacing) + " " + orientation();
    }
}
