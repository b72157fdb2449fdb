package dynaseg.eval;

import dynaseg.io.LabelMap;

/**
 * The distances (mm) between the surfaces of one label in a prediction and in the truth, as
 * MONAI's {@code get_mask_edges} + {@code get_surface_distance} define them:
 * <ul>
 *   <li>surface of a mask = mask XOR its binary erosion by the 3D cross (6-connectivity,
 *       scipy's default structure), voxels outside the grid counting as background: a voxel of
 *       the mask with at least one of its 6 face neighbours outside the mask or the grid;</li>
 *   <li>d(a, ∂B) = Euclidean distance in mm (voxel spacing applied) from the centre of surface
 *       voxel a to the centre of the nearest surface voxel of B (0 when a is on both surfaces).</li>
 * </ul>
 * When one surface is empty the distances from the other are +infinity (the nearest point of
 * an empty set is infinitely far, as in DeepMind's surface-distance library).
 */
public final class SurfaceDistances {
    private final double[] predictionToTruth;
    private final double[] truthToPrediction;

    private SurfaceDistances(double[] predictionToTruth, double[] truthToPrediction) {
        this.predictionToTruth = predictionToTruth;
        this.truthToPrediction = truthToPrediction;
    }

    /** Surface distances of {@code label} between two maps on the same grid (spacing from the truth). */
    public static SurfaceDistances of(LabelMap prediction, LabelMap truth, int label) {
        int[] dims = truth.geometry().dims();
        VoxelBox box = VoxelBox.ofLabels(prediction.labels(), truth.labels(), dims)[label];
        return of(prediction.labels(), truth.labels(), label, dims, truth.geometry().spacing(), box,
                new EuclideanDistanceTransform());
    }

    /**
     * Surface distances of {@code label}; {@code box} must hold every voxel of the label in both
     * maps ({@code null} when neither has it). {@code edt} supplies this thread's buffers.
     */
    static SurfaceDistances of(byte[] prediction, byte[] truth, int label, int[] dims, double[] spacing, VoxelBox box,
            EuclideanDistanceTransform edt) {
        if (box == null) return new SurfaceDistances(new double[0], new double[0]);
        boolean[] surfacePrediction = surface(prediction, label, dims, box);
        boolean[] surfaceTruth = surface(truth, label, dims, box);
        double[] toTruth = distancesFrom(surfacePrediction, surfaceTruth, box, spacing, edt);
        double[] toPrediction = distancesFrom(surfaceTruth, surfacePrediction, box, spacing, edt);
        return new SurfaceDistances(toTruth, toPrediction);
    }

    /** d(a, ∂truth) for every surface voxel a of the prediction, in scan order (x fastest). */
    public double[] predictionToTruth() { return predictionToTruth.clone(); }

    /** d(b, ∂prediction) for every surface voxel b of the truth, in scan order. */
    public double[] truthToPrediction() { return truthToPrediction.clone(); }

    /** |∂prediction|, the number of surface voxels of the prediction. */
    public int predictionSurfaceSize() { return predictionToTruth.length; }

    /** |∂truth|. */
    public int truthSurfaceSize() { return truthToPrediction.length; }

    double[] predictionToTruthShared() { return predictionToTruth; }

    double[] truthToPredictionShared() { return truthToPrediction; }

    /** The surface voxels of {@code label} inside the box (the box's own grid, x fastest). */
    static boolean[] surface(byte[] labels, int label, int[] dims, VoxelBox box) {
        int nx = box.nx();
        int ny = box.ny();
        int nz = box.nz();
        int gx = dims[0];
        int gy = dims[1];
        int gz = dims[2];
        int plane = gx * gy;
        boolean[] out = new boolean[nx * ny * nz];
        byte l = (byte) label;
        int o = 0;
        for (int z = box.z0(); z <= box.z1(); z++) {
            for (int y = box.y0(); y <= box.y1(); y++) {
                int row = gx * (y + gy * z);
                for (int x = box.x0(); x <= box.x1(); x++, o++) {
                    int i = row + x;
                    if (labels[i] != l) continue;
                    // Outside the grid is background (scipy's binary_erosion border_value=0).
                    boolean interior = x > 0 && x < gx - 1 && y > 0 && y < gy - 1 && z > 0 && z < gz - 1
                            && labels[i - 1] == l && labels[i + 1] == l
                            && labels[i - gx] == l && labels[i + gx] == l
                            && labels[i - plane] == l && labels[i + plane] == l;
                    out[o] = !interior;
                }
            }
        }
        return out;
    }

    private static double[] distancesFrom(boolean[] from, boolean[] to, VoxelBox box, double[] spacing,
            EuclideanDistanceTransform edt) {
        int count = 0;
        boolean anyTarget = false;
        for (int i = 0; i < from.length; i++) {
            if (from[i]) count++;
            anyTarget |= to[i];
        }
        double[] out = new double[count];
        if (count == 0) return out;
        if (!anyTarget) {
            java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
            return out;
        }
        double[] squared = edt.squaredDistances(to, box.nx(), box.ny(), box.nz(), spacing);
        int k = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i]) out[k++] = Math.sqrt(squared[i]);
        }
        return out;
    }
}
