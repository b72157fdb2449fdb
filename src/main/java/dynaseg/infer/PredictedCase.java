package dynaseg.infer;

import dynaseg.io.LabelMap;

/**
 * The prediction of one scan on the scan's own grid: the label map (argmax of the class
 * probabilities, background = 0) and, when asked for, the probabilities themselves.
 *
 * @param labels        one label per input voxel, on the input's {@link dynaseg.io.Geometry}
 * @param probabilities null, or C arrays (class c = label c) of the input's voxel count, x fastest
 * @param windows       network windows the sliding window ran (before mirroring)
 */
public record PredictedCase(LabelMap labels, float[][] probabilities, int windows) {
    public boolean hasProbabilities() { return probabilities != null; }
}
