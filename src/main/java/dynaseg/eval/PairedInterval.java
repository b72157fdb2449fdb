package dynaseg.eval;

import java.util.Locale;

/**
 * The 95 % interval of a mean paired difference: mean(d) &plusmn; t_{0.975, n-1} sd(d) / sqrt(n)
 * with the sample sd (n - 1), the same as scipy.stats.t.interval(0.95, n - 1, mean, sem) and the
 * interval that goes with scipy.stats.ttest_rel. With n &lt; 2 there is no interval (low and high
 * NaN): one pair tells nothing about the spread.
 */
public record PairedInterval(int n, double mean, double sd, double low, double high) {
    public static final double LEVEL = 0.95;

    /** The interval of the differences {@code d} (NaN entries are an error: pairs are made complete). */
    public static PairedInterval of(double[] d) {
        for (double v : d) if (Double.isNaN(v)) throw new IllegalArgumentException("a paired difference is NaN");
        SampleStats s = SampleStats.of(d);
        if (s.n() < 2) return new PairedInterval(s.n(), s.mean(), Double.NaN, Double.NaN, Double.NaN);
        double half = StudentT.quantile(1 - (1 - LEVEL) / 2, s.n() - 1) * s.sd() / Math.sqrt(s.n());
        return new PairedInterval(s.n(), s.mean(), s.sd(), s.mean() - half, s.mean() + half);
    }

    /** True when there is an interval (n &ge; 2). */
    public boolean defined() { return !Double.isNaN(low); }

    /** {@code +0.015 [+0.004, +0.026]}, or the mean alone without an interval. */
    public String text() {
        if (Double.isNaN(mean)) return "-";
        if (!defined()) return signed(mean);
        return signed(mean) + " [" + signed(low) + ", " + signed(high) + "]";
    }

    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }
}
