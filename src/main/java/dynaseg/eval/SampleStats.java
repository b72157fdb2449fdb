package dynaseg.eval;

import dynaseg.run.MetricsLog;

/**
 * Mean, sample standard deviation (n - 1 in the denominator, as numpy's {@code std(ddof=1)})
 * and count of the numbers that are not NaN: what a cell over seed repetitions shows. sd is NaN
 * for fewer than two numbers, mean NaN for none.
 */
public record SampleStats(double mean, double sd, int n) {
    public static SampleStats of(double... values) {
        int n = 0;
        for (double v : values) if (!Double.isNaN(v)) n++;
        if (n == 0) return new SampleStats(Double.NaN, Double.NaN, 0);
        double mean = MetricsLog.nanMean(values);
        if (n == 1) return new SampleStats(mean, Double.NaN, 1);
        double ss = 0;
        for (double v : values) if (!Double.isNaN(v)) ss += (v - mean) * (v - mean);
        return new SampleStats(mean, Math.sqrt(ss / (n - 1)), n);
    }
}
