package dynaseg.data.preprocess;

import dynaseg.io.LabelMap;
import dynaseg.io.Volume;

/**
 * A case ready for sampling: {@code image} holds intensities in [0, 1] on a RAS grid at the target
 * spacing (cropped to the body), {@code labels} the class ids 0..C-1 on the same grid.
 */
public record PreprocessedCase(String id, Volume image, LabelMap labels) {
    public PreprocessedCase {
        if (!image.geometry().sameGrid(labels.geometry(), 1e-6)) {
            throw new IllegalArgumentException("case " + id + ": image and labels are on different grids");
        }
    }

    /** Voxel count of each class id 0..classCount-1. */
    public long[] classCounts(int classCount) {
        long[] all = labels.counts();
        long[] counts = new long[classCount];
        System.arraycopy(all, 0, counts, 0, Math.min(classCount, all.length));
        return counts;
    }
}
