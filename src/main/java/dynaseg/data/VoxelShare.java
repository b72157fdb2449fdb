package dynaseg.data;

/**
 * The one computation of organ voxel shares: each organ's part of the labelled (foreground) voxels.
 * Used for the prevalence schedule's f_i (training cases), dataset statistics and the "Voxels %"
 * column of the paper's table.
 */
public final class VoxelShare {
    private VoxelShare() {}

    /** {@code scale * counts[i] / sum(counts)} for every i (scale 1: fractions, 100: percent); all 0 when the sum is 0. */
    public static double[] of(long[] counts, double scale) {
        long total = 0;
        for (long n : counts) total += n;
        double[] share = new double[counts.length];
        if (total == 0) return share;
        for (int i = 0; i < counts.length; i++) share[i] = scale * counts[i] / total;
        return share;
    }
}
