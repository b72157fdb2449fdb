package dynaseg.phantom;

import java.util.random.RandomGenerator;

/** A smooth random scalar field in [-1, 1]: the mean of a few random plane waves (textures, lobulation). */
public final class PlaneWaves {
    private final double[][] k;
    private final double[] phase;

    public PlaneWaves(int waves, double wavenumber, RandomGenerator rng) {
        k = new double[waves][3];
        phase = new double[waves];
        for (int i = 0; i < waves; i++) {
            double[] dir = DisplacementField.randomDirection(rng);
            double kk = wavenumber * (0.7 + 0.6 * rng.nextDouble());
            for (int d = 0; d < 3; d++) k[i][d] = dir[d] * kk;
            phase[i] = rng.nextDouble() * 2 * Math.PI;
        }
    }

    public double value(double u, double v, double w) {
        double s = 0;
        for (int i = 0; i < k.length; i++) s += Math.sin(k[i][0] * u + k[i][1] * v + k[i][2] * w + phase[i]);
        return s / k.length;
    }
}
