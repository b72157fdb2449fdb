package dynaseg.data.preprocess;

import dynaseg.io.Affines;

/** 4x4 affine helpers for voxel-to-world matrices (last row 0 0 0 1). */
final class AffineMath {
    private AffineMath() {}

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 4; k++) {
                double s = 0;
                for (int j = 0; j < 4; j++) s += a[r][j] * b[j][k];
                c[r][k] = s;
            }
        }
        return c;
    }

    /** Inverse of an affine (rotation/zoom/shear block must be invertible). */
    static double[][] invert(double[][] a) {
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) m[r][c] = a[r][c];
        double[][] inv = invert3(m);
        double[][] out = new double[4][4];
        for (int r = 0; r < 3; r++) {
            double t = 0;
            for (int c = 0; c < 3; c++) {
                out[r][c] = inv[r][c];
                t -= inv[r][c] * a[c][3];
            }
            out[r][3] = t;
        }
        out[3][3] = 1;
        return out;
    }

    static double[][] invert3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
        double det = a * A + b * B + c * C;
        if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("affine is singular");
        return new double[][] {
            {A / det, -(b * i - c * h) / det, (b * f - c * e) / det},
            {B / det, (a * i - c * g) / det, -(a * f - c * d) / det},
            {C / det, -(a * h - b * g) / det, (a * e - b * d) / det}};
    }

    /** Length of column {@code c} of the 3x3 block: the voxel size along voxel axis c. */
    static double columnNorm(double[][] a, int c) {
        return Math.sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]);
    }

    /**
     * The orthogonal factor of the polar decomposition of a 3x3 matrix (the rotation closest to it),
     * {@link Affines#closestOrthogonal}; equals U V^T of the SVD that nibabel uses.
     */
    static double[][] closestOrthogonal(double[][] m) {
        double[][] r = Affines.closestOrthogonal(m);
        if (r == null) throw new IllegalArgumentException("affine is singular");
        return r;
    }
}
