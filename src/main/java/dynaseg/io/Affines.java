package dynaseg.io;

/**
 * The 3x3 / 4x4 matrix arithmetic behind NIfTI's qform: quaternion to rotation (nibabel's
 * {@code quat2mat}), rotation to quaternion, and the closest orthogonal matrix (polar
 * decomposition, as nibabel's {@code set_qform} and {@code io_orientation} use via an SVD).
 */
public final class Affines {
    private Affines() {}

    /** Rotation matrix of the unit quaternion (w, x, y, z), exactly as nibabel.quaternions.quat2mat. */
    static double[][] quatToMatrix(double w, double x, double y, double z) {
        double nq = w * w + x * x + y * y + z * z;
        if (nq < 2.220446049250313e-16) return identity3();
        double s = 2.0 / nq;
        double bigX = x * s, bigY = y * s, bigZ = z * s;
        double wX = w * bigX, wY = w * bigY, wZ = w * bigZ;
        double xX = x * bigX, xY = x * bigY, xZ = x * bigZ;
        double yY = y * bigY, yZ = y * bigZ, zZ = z * bigZ;
        return new double[][] {
            {1.0 - (yY + zZ), xY - wZ, xZ + wY},
            {xY + wZ, 1.0 - (xX + zZ), yZ - wX},
            {xZ - wY, yZ + wX, 1.0 - (xX + yY)}
        };
    }

    /** Unit quaternion (w, x, y, z), w >= 0, of an orthogonal matrix with determinant +1 (Shepperd's method). */
    static double[] matrixToQuat(double[][] r) {
        double trace = r[0][0] + r[1][1] + r[2][2];
        double w, x, y, z;
        if (trace > 0) {
            double s = Math.sqrt(trace + 1.0) * 2;
            w = 0.25 * s; x = (r[2][1] - r[1][2]) / s; y = (r[0][2] - r[2][0]) / s; z = (r[1][0] - r[0][1]) / s;
        } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
            double s = Math.sqrt(1.0 + r[0][0] - r[1][1] - r[2][2]) * 2;
            w = (r[2][1] - r[1][2]) / s; x = 0.25 * s; y = (r[0][1] + r[1][0]) / s; z = (r[0][2] + r[2][0]) / s;
        } else if (r[1][1] > r[2][2]) {
            double s = Math.sqrt(1.0 + r[1][1] - r[0][0] - r[2][2]) * 2;
            w = (r[0][2] - r[2][0]) / s; x = (r[0][1] + r[1][0]) / s; y = 0.25 * s; z = (r[1][2] + r[2][1]) / s;
        } else {
            double s = Math.sqrt(1.0 + r[2][2] - r[0][0] - r[1][1]) * 2;
            w = (r[1][0] - r[0][1]) / s; x = (r[0][2] + r[2][0]) / s; y = (r[1][2] + r[2][1]) / s; z = 0.25 * s;
        }
        if (w < 0) { w = -w; x = -x; y = -y; z = -z; }
        return new double[] {w, x, y, z};
    }

    /**
     * The orthogonal matrix closest to a non-singular {@code m} (the U*V' of its SVD), by the
     * Newton iteration X <- (X + X^-T) / 2, which converges quadratically; returns null for a
     * singular matrix.
     */
    public static double[][] closestOrthogonal(double[][] m) {
        double[][] x = copy3(m);
        for (int it = 0; it < 100; it++) {
            double[][] invT = inverseTranspose3(x);
            if (invT == null) return null;
            double change = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double next = 0.5 * (x[r][c] + invT[r][c]);
                    change = Math.max(change, Math.abs(next - x[r][c]));
                    x[r][c] = next;
                }
            }
            if (change < 1e-15) break;
        }
        return x;
    }

    static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /** Euclidean norms of the first three columns of the 3x3 part. */
    static double[] columnNorms(double[][] m) {
        double[] n = new double[3];
        for (int c = 0; c < 3; c++) n[c] = Math.sqrt(m[0][c] * m[0][c] + m[1][c] * m[1][c] + m[2][c] * m[2][c]);
        return n;
    }

    static double[][] identity3() {
        return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    static double[][] copy3(double[][] m) {
        double[][] c = new double[3][3];
        for (int r = 0; r < 3; r++) System.arraycopy(m[r], 0, c[r], 0, 3);
        return c;
    }

    private static double[][] inverseTranspose3(double[][] m) {
        double det = det3(m);
        if (det == 0 || !Double.isFinite(det)) return null;
        double[][] cof = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (r + 1) % 3, r2 = (r + 2) % 3, c1 = (c + 1) % 3, c2 = (c + 2) % 3;
                cof[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return cof; // the cofactor matrix over det is exactly the inverse transpose
    }
}
