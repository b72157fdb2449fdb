package dynaseg.eval;

/**
 * Normalized surface Dice at tolerance τ (Nikolov et al., "Clinically applicable segmentation
 * of head and neck anatomy for radiotherapy", 2021), counting surface voxels as MONAI's
 * {@code compute_surface_dice} does:
 * <pre>
 * NSD = (|{a ∈ ∂P : d(a, ∂T) ≤ τ}| + |{b ∈ ∂T : d(b, ∂P) ≤ τ}|) / (|∂P| + |∂T|)
 * </pre>
 * DeepMind's surface-distance library weighs each surface element by its area instead; on
 * voxel grids the two agree closely but not exactly. Both surfaces empty → NaN; exactly one
 * empty → 0 (every distance is infinite).
 */
public final class NormalizedSurfaceDice {
    private NormalizedSurfaceDice() {}

    /** NSD at {@code toleranceMm} (≥ 0). */
    public static double of(SurfaceDistances d, double toleranceMm) {
        if (!(toleranceMm >= 0) || Double.isInfinite(toleranceMm)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0 mm: " + toleranceMm);
        }
        double[] a = d.predictionToTruthShared();
        double[] b = d.truthToPredictionShared();
        int total = a.length + b.length;
        if (total == 0) return Double.NaN;
        long within = 0;
        for (double x : a) if (x <= toleranceMm) within++;
        for (double x : b) if (x <= toleranceMm) within++;
        return (double) within / total;
    }
}
