package dynaseg.eval;

import java.util.Arrays;

/**
 * The 95th-percentile Hausdorff distance (mm) as MONAI's {@code compute_hausdorff_distance(...,
 * percentile=95)} computes it: max(P95 of d(∂pred → ∂truth), P95 of d(∂truth → ∂pred)), each
 * percentile with numpy's default linear interpolation between order statistics.
 *
 * <p>Empty masks: both empty → NaN (nothing to compare); exactly one empty → +infinity, as in
 * DeepMind's surface-distance library ({@code compute_robust_hausdorff}). MONAI returns NaN
 * there, which would drop a missed organ from a mean; we keep the miss visible.
 */
public final class Hausdorff95 {
    private Hausdorff95() {}

    public static double of(SurfaceDistances d) {
        return of(d, 95);
    }

    /** The symmetric {@code percentile}-th Hausdorff distance. */
    public static double of(SurfaceDistances d, double percentile) {
        double[] a = d.predictionToTruthShared();
        double[] b = d.truthToPredictionShared();
        if (a.length == 0 && b.length == 0) return Double.NaN;
        if (a.length == 0 || b.length == 0) return Double.POSITIVE_INFINITY;
        return Math.max(percentile(a, percentile), percentile(b, percentile));
    }

    /**
     * numpy's {@code np.percentile(values, p)} (method "linear"): the value at rank
     * p/100 * (n - 1) in sorted order, interpolated between its two neighbours. NaN for no values.
     */
    public static double percentile(double[] values, double p) {
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = rank - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        if (a == b) return a; // also keeps inf - inf from making NaN
        double diff = b - a;
        // numpy's _lerp: a + diff*t, or b - diff*(1-t) from the upper side for t >= 0.5
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
