package dynaseg.eval;

/**
 * Student's t distribution, enough of it for a 95 % interval of a paired difference: the CDF
 * through the regularized incomplete beta function, I_x(a, b) by the continued fraction of
 * Numerical Recipes (section 6.4) with log-gamma from Lanczos' series, and the quantile by
 * bisection on the CDF. Written out here because the JDK has none and the project carries no
 * statistics library for a dozen lines of it; checked against scipy.stats.t in the tests.
 */
public final class StudentT {
    private StudentT() {}

    /** P(T &le; t) for T ~ t(df), df &gt; 0. */
    public static double cdf(double t, double df) {
        requireDf(df);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return t > 0 ? 1 : 0;
        double tail = upperTail(Math.abs(t), df);
        return t > 0 ? 1 - tail : tail;
    }

    /** The t with P(T &le; t) = p, for 0 &lt; p &lt; 1; accurate to about 1e-12 relative. */
    public static double quantile(double p, double df) {
        requireDf(df);
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1): " + p);
        if (p == 0.5) return 0;
        // Solve on the smaller tail, so that 1 - cdf never cancels digits away.
        return p < 0.5 ? -upperQuantile(p, df) : upperQuantile(1 - p, df);
    }

    /** P(T &gt; t) for t &ge; 0. */
    private static double upperTail(double t, double df) {
        return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The t &gt; 0 with P(T &gt; t) = q &lt; 0.5, by bisection (the tail falls monotonically). */
    private static double upperQuantile(double q, double df) {
        double lo = 0;
        double hi = 1;
        while (upperTail(hi, df) > q) {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < 400 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (upperTail(mid, df) > q) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static void requireDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) throw new IllegalArgumentException("degrees of freedom must be > 0: " + df);
    }

    /** I_x(a, b), the regularized incomplete beta function. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if (x < (a + 1) / (a + b + 2)) return front * betaFraction(x, a, b) / a;
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    /** Lentz's evaluation of the continued fraction for I_x(a, b). */
    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        if (Math.abs(d) < tiny) d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) break;
        }
        return h;
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; about 15 digits). */
    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double sum = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
