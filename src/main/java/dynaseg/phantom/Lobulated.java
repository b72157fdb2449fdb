package dynaseg.phantom;

import java.util.random.RandomGenerator;

/**
 * A shape whose surface is modulated by a few random plane waves, so that a smooth primitive gets
 * the lobulated outline of a pancreas or the folds of a stomach.
 */
public final class Lobulated implements Shape {
    private final Shape inner;
    private final double amplitude;
    private final PlaneWaves waves;
    private final Bounds bounds;

    /**
     * @param amplitude relative change of the level, below 0.5
     * @param wavenumber spatial frequency (radians per normalized unit) of the waves
     */
    public Lobulated(Shape inner, double amplitude, double wavenumber, RandomGenerator rng) {
        if (!(amplitude >= 0 && amplitude < 0.5)) throw new IllegalArgumentException("amplitude must be in [0, 0.5)");
        this.inner = inner;
        this.amplitude = amplitude;
        this.waves = new PlaneWaves(4, wavenumber, rng);
        Bounds b = inner.bounds();
        double grow = 1.0 / (1.0 - amplitude) - 1.0;
        double half = Math.max(b.u1() - b.u0(), Math.max(b.v1() - b.v0(), b.w1() - b.w0())) / 2;
        this.bounds = b.expand(grow * half);
    }

    @Override
    public double level(double u, double v, double w) {
        return inner.level(u, v, w) * (1 + amplitude * waves.value(u, v, w));
    }

    @Override
    public Bounds bounds() { return bounds; }
}
