package dynaseg.phantom;

import java.util.random.RandomGenerator;

/**
 * A smooth random displacement of the phantom coordinates, the sum of a few low-frequency plane
 * waves per axis. Every organ and tissue is evaluated at the displaced point, so each case is a
 * gently warped abdomen rather than the same primitives moved about.
 */
public final class DisplacementField {
    private static final int WAVES = 3;
    private final double[][][] k = new double[3][WAVES][3];
    private final double[][] phase = new double[3][WAVES];
    private final double[][] amp = new double[3][WAVES];
    private final double maxDisplacement;

    /**
     * @param amplitude largest displacement along each axis (normalized units; 0.05 is 2.5% of the box)
     * @param wavenumber typical spatial frequency, radians per normalized unit
     */
    public DisplacementField(double amplitude, double wavenumber, RandomGenerator rng) {
        double max = 0;
        for (int axis = 0; axis < 3; axis++) {
            double sum = 0;
            for (int i = 0; i < WAVES; i++) {
                double[] dir = randomDirection(rng);
                double kk = wavenumber * (0.6 + 0.8 * rng.nextDouble());
                for (int d = 0; d < 3; d++) k[axis][i][d] = dir[d] * kk;
                phase[axis][i] = rng.nextDouble() * 2 * Math.PI;
                amp[axis][i] = amplitude / WAVES * (0.5 + rng.nextDouble());
                sum += amp[axis][i];
            }
            max = Math.max(max, sum);
        }
        this.maxDisplacement = max;
    }

    /** Writes the displaced point of (u, v, w) into {@code out}. */
    public void apply(double u, double v, double w, double[] out) {
        for (int axis = 0; axis < 3; axis++) {
            double s = 0;
            for (int i = 0; i < WAVES; i++) {
                double[] kk = k[axis][i];
                s += amp[axis][i] * Math.sin(kk[0] * u + kk[1] * v + kk[2] * w + phase[axis][i]);
            }
            out[axis] = s;
        }
        out[0] += u;
        out[1] += v;
        out[2] += w;
    }

    /** Upper bound of the displacement along any axis. */
    public double maxDisplacement() { return maxDisplacement; }

    static double[] randomDirection(RandomGenerator rng) {
        double x, y, z, n;
        do {
            x = 2 * rng.nextDouble() - 1;
            y = 2 * rng.nextDouble() - 1;
            z = 2 * rng.nextDouble() - 1;
            n = x * x + y * y + z * z;
        } while (n > 1 || n < 1e-6);
        n = Math.sqrt(n);
        return new double[] {x / n, y / n, z / n};
    }
}
