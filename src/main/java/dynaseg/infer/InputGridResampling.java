package dynaseg.infer;

import dynaseg.data.preprocess.Resampler;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;

/**
 * Brings a prediction made on the network's grid (RAS, target spacing) back onto the scan's own
 * grid, as nnU-Net does: each class probability is resampled trilinearly through world
 * coordinates ({@link Resampler#linear(Volume, Geometry)}) and the label is the argmax over
 * classes (the lower label wins ties). Interpolating probabilities rather than labels keeps
 * organ borders smooth when the scan is finer than the network's spacing.
 *
 * <p>Memory: the classes are resampled one at a time into a running maximum, so without
 * probabilities the cost is two float arrays and a byte array of the input's size whatever the
 * class count; only when the probabilities are kept do all C resampled channels stay in memory
 * (C floats per input voxel: 14 classes on 512 x 512 x 300 take 4.4 GB).
 */
public final class InputGridResampling {
    private InputGridResampling() {}

    /**
     * @param prediction        softmax probabilities on {@code networkGrid}
     * @param networkGrid       the grid the network saw (the preprocessed image's geometry)
     * @param inputGrid         the scan's geometry; the result lies exactly on it
     * @param keepProbabilities also return the resampled probabilities
     */
    public static PredictedCase toInputGrid(SlidingWindowInference.Prediction prediction, Geometry networkGrid,
            Geometry inputGrid, boolean keepProbabilities, int windows) {
        int[] d = prediction.dims();
        if (d[0] != networkGrid.nz() || d[1] != networkGrid.ny() || d[2] != networkGrid.nx()) {
            throw new IllegalArgumentException("prediction of " + java.util.Arrays.toString(d) + " (z, y, x) is not on "
                    + networkGrid);
        }
        int classes = prediction.classes();
        if (classes > 256) throw new IllegalArgumentException(classes + " classes do not fit a uint8 label map");
        int n = inputGrid.voxelCount();
        byte[] labels = new byte[n];
        float[] best = null;
        float[][] kept = keepProbabilities ? new float[classes][] : null;
        for (int c = 0; c < classes; c++) {
            float[] p = Resampler.linear(new Volume(networkGrid, prediction.channel(c)), inputGrid).voxels();
            if (kept != null) kept[c] = p;
            if (best == null) {
                best = keepProbabilities ? p.clone() : p;
                continue;
            }
            byte label = (byte) c;
            for (int v = 0; v < n; v++) {
                if (p[v] > best[v]) {
                    best[v] = p[v];
                    labels[v] = label;
                }
            }
        }
        return new PredictedCase(new LabelMap(inputGrid, labels), kept, windows);
    }
}
