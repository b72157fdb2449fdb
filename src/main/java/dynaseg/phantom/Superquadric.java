package dynaseg.phantom;

/**
 * A rotated superquadric {@code (|x/a|^e + |y/b|^e + |z/c|^e)^(1/e) < 1} in local axes; an ellipsoid
 * for e = 2, more box-like for larger e. Organs such as spleen, kidneys and liver lobes are built from it.
 */
public final class Superquadric implements Shape {
    private final double cu, cv, cw;
    private final double[] semi;
    private final double[][] rot; // rows: local axes in (u, v, w)
    private final double exponent;
    private final Bounds bounds;

    /**
     * @param center (u, v, w) of the centre
     * @param semi   semi-axes along the local axes
     * @param angles rotations (radians) about w, then v, then u, applied to the local axes
     * @param exponent 2 for an ellipsoid
     */
    public Superquadric(double[] center, double[] semi, double[] angles, double exponent) {
        this.cu = center[0];
        this.cv = center[1];
        this.cw = center[2];
        this.semi = semi.clone();
        this.rot = rotation(angles[0], angles[1], angles[2]);
        this.exponent = exponent;
        double[] half = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            for (int j = 0; j < 3; j++) half[axis] += Math.abs(rot[j][axis]) * semi[j];
        }
        this.bounds = Bounds.around(cu, cv, cw, half[0], half[1], half[2]);
    }

    public static Superquadric ellipsoid(double[] center, double[] semi, double[] angles) {
        return new Superquadric(center, semi, angles, 2.0);
    }

    @Override
    public double level(double u, double v, double w) {
        double du = u - cu, dv = v - cv, dw = w - cw;
        double x = (rot[0][0] * du + rot[0][1] * dv + rot[0][2] * dw) / semi[0];
        double y = (rot[1][0] * du + rot[1][1] * dv + rot[1][2] * dw) / semi[1];
        double z = (rot[2][0] * du + rot[2][1] * dv + rot[2][2] * dw) / semi[2];
        if (exponent == 2.0) return Math.sqrt(x * x + y * y + z * z);
        double s = Math.pow(Math.abs(x), exponent) + Math.pow(Math.abs(y), exponent) + Math.pow(Math.abs(z), exponent);
        return Math.pow(s, 1.0 / exponent);
    }

    @Override
    public Bounds bounds() { return bounds; }

    /** Rows are the local x, y, z axes expressed in (u, v, w). */
    static double[][] rotation(double aboutW, double aboutV, double aboutU) {
        double[][] rw = {{Math.cos(aboutW), -Math.sin(aboutW), 0}, {Math.sin(aboutW), Math.cos(aboutW), 0}, {0, 0, 1}};
        double[][] rv = {{Math.cos(aboutV), 0, Math.sin(aboutV)}, {0, 1, 0}, {-Math.sin(aboutV), 0, Math.cos(aboutV)}};
        double[][] ru = {{1, 0, 0}, {0, Math.cos(aboutU), -Math.sin(aboutU)}, {0, Math.sin(aboutU), Math.cos(aboutU)}};
        double[][] m = multiply(ru, multiply(rv, rw));
        // m maps local to world; its transpose (rows = local axes in world) maps world to local.
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = m[j][i];
        return t;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }
}
