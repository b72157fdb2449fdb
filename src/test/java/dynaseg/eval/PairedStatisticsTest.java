package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.PythonPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Student t quantile and the paired 95 % interval: closed forms (df 1 and 2), a hand-computed
 * interval, and scipy.stats (t.ppf, t.cdf, ttest_rel, t.interval) as the independent peer.
 */
class PairedStatisticsTest {
    @Test
    void quantileMatchesClosedFormsForOneAndTwoDegreesOfFreedom() {
        for (double p : new double[] {0.6, 0.9, 0.975, 0.995, 0.025, 0.0005, 0.9995}) {
            assertEquals(Math.tan(Math.PI * (p - 0.5)), StudentT.quantile(p, 1), 1e-11 * Math.max(1, Math.abs(Math.tan(Math.PI * (p - 0.5)))), "Cauchy, p " + p);
            assertEquals((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), StudentT.quantile(p, 2), 1e-10, "df 2, p " + p);
        }
        assertEquals(0.5, StudentT.cdf(0, 7), 0);
        assertEquals(0.75, StudentT.cdf(1, 1), 1e-12, "Cauchy: 1/2 + atan(1)/pi");
    }

    @Test
    void handComputedInterval() {
        // d = 1, 2, 3: mean 2, sd 1, n 3; t(0.975, 2) = 4.302652729911275 (tables); half width = 4.3027 / sqrt(3)
        PairedInterval i = PairedInterval.of(new double[] {1, 2, 3});
        assertEquals(3, i.n());
        assertEquals(2, i.mean(), 1e-15);
        assertEquals(1, i.sd(), 1e-15);
        double half = 4.302652729911275 / Math.sqrt(3);
        assertEquals(2 - half, i.low(), 1e-10);
        assertEquals(2 + half, i.high(), 1e-10);
        assertEquals("+2.000 [-0.484, +4.484]", i.text());
    }

    @Test
    void onePairHasNoInterval() {
        PairedInterval i = PairedInterval.of(new double[] {0.05});
        assertFalse(i.defined());
        assertEquals(0.05, i.mean(), 0);
        assertTrue(Double.isNaN(i.sd()));
        assertEquals(0, PairedInterval.of(new double[0]).n());
    }

    @Test
    void sampleSdUsesNMinusOne() {
        SampleStats s = SampleStats.of(0.7, Double.NaN, 0.8, 0.9);
        assertEquals(3, s.n());
        assertEquals(0.8, s.mean(), 1e-15);
        assertEquals(0.1, s.sd(), 1e-15, "sqrt((0.01 + 0 + 0.01) / 2)");
    }

    @Test
    void quantileAndCdfMatchScipy() {
        PythonPeer.require("scipy", "numpy");
        double[] dfs = {1, 2, 3, 4, 5, 7, 10, 19, 30, 59, 100, 1000};
        double[] ps = {0.975, 0.95, 0.995, 0.6, 0.0005};
        List<String> args = new ArrayList<>();
        for (double df : dfs) for (double p : ps) args.add(df + ":" + p);
        String out = PythonPeer.run(String.join("\n",
                "import sys",
                "from scipy.stats import t",
                "for a in sys.argv[1:]:",
                "    df, p = map(float, a.split(':'))",
                "    q = t.ppf(p, df)",
                "    print(repr(q), repr(t.cdf(q * 0.7, df)))"), args.toArray(String[]::new));
        String[] lines = out.strip().split("\n");
        assertEquals(args.size(), lines.length, out);
        int k = 0;
        for (double df : dfs) {
            for (double p : ps) {
                String[] f = lines[k++].trim().split(" ");
                double q = Double.parseDouble(f[0]);
                // Debian's scipy 1.10 is itself off by 1e-9 relative in the far tail (t.ppf(0.0005, 1) =
                // -636.61924943 against the exact Cauchy -636.61924877), hence 1e-8 here and the closed
                // forms above for the tight check.
                assertEquals(q, StudentT.quantile(p, df), 1e-8 * Math.max(1, Math.abs(q)), "t.ppf(" + p + ", " + df + ")");
                assertEquals(Double.parseDouble(f[1]), StudentT.cdf(q * 0.7, df), 1e-11, "t.cdf at df " + df);
            }
        }
    }

    @Test
    void pairedIntervalMatchesScipyTtestRelAndTInterval() {
        PythonPeer.require("scipy", "numpy");
        double[] rule = {0.81, 0.77, 0.92, 0.65, 0.88, 0.71, 0.79, 0.84, 0.69, 0.90, 0.73};
        double[] none = {0.78, 0.79, 0.90, 0.61, 0.86, 0.66, 0.80, 0.80, 0.70, 0.85, 0.72};
        double[] d = new double[rule.length];
        for (int i = 0; i < d.length; i++) d[i] = rule[i] - none[i];
        String out = PythonPeer.run(String.join("\n",
                "import sys, numpy as np",
                "from scipy import stats",
                "a = np.array(sys.argv[1].split(','), float); b = np.array(sys.argv[2].split(','), float)",
                "d = a - b",
                "res = stats.ttest_rel(a, b)",
                "lo, hi = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))",
                "ci = res.confidence_interval(0.95)",
                "print(repr(d.mean()), repr(d.std(ddof=1)), repr(lo), repr(hi), repr(ci.low), repr(ci.high))"),
                join(rule), join(none));
        String[] f = out.trim().split(" ");
        PairedInterval i = PairedInterval.of(d);
        assertEquals(Double.parseDouble(f[0]), i.mean(), 1e-12);
        assertEquals(Double.parseDouble(f[1]), i.sd(), 1e-12);
        assertEquals(Double.parseDouble(f[2]), i.low(), 1e-10, "t.interval low");
        assertEquals(Double.parseDouble(f[3]), i.high(), 1e-10, "t.interval high");
        assertEquals(Double.parseDouble(f[4]), i.low(), 1e-10, "ttest_rel confidence_interval low");
        assertEquals(Double.parseDouble(f[5]), i.high(), 1e-10, "ttest_rel confidence_interval high");
    }

    private static String join(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) s.add(String.format(Locale.ROOT, "%.17g", x));
        return String.join(",", s);
    }
}
