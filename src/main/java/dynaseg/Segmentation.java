package dynaseg;

import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An organ label map from a {@link Segmenter}, on the grid of the scan it came from: one label per
 * voxel, 0 = background, k = {@code labelNames().get(k)}.
 */
public final class Segmentation {
    private final LabelMap labels;
    private final List<String> labelNames;
    private final long[] counts;

    Segmentation(LabelMap labels, List<String> labelNames) {
        this.labels = labels;
        this.labelNames = List.copyOf(labelNames);
        this.counts = labels.counts();
    }

    /** {nx, ny, nz}. */
    public int[] dims() { return labels.geometry().dims(); }

    /** Voxel size in mm along x, y, z. */
    public double[] spacing() { return labels.geometry().spacing(); }

    /** The 4x4 voxel-to-world matrix (RAS+ mm) of the scan. */
    public double[][] affine() { return labels.geometry().affine(); }

    /** Label names by value, "background" first. */
    public List<String> labelNames() { return labelNames; }

    /** The organ names: the label names without "background". */
    public List<String> organNames() { return labelNames.subList(1, labelNames.size()); }

    /** The label of voxel (x, y, z). */
    public int labelAt(int x, int y, int z) { return labels.get(x, y, z); }

    /** The labels, x fastest: {@code labels[x + nx * (y + ny * z)]}, unsigned (use {@code & 0xFF}); a copy. */
    public byte[] labels() { return labels.labels().clone(); }

    /** Voxels labelled {@code organ}. */
    public long voxelCount(String organ) {
        int k = labelNames.indexOf(organ);
        if (k < 1) throw new IllegalArgumentException("no organ '" + organ + "' (the model's organs: " + organNames() + ")");
        return k < counts.length ? counts[k] : 0;
    }

    /** The volume of {@code organ} in millilitres: its voxels times the voxel volume. */
    public double volumeMl(String organ) {
        double[] s = spacing();
        return voxelCount(organ) * s[0] * s[1] * s[2] / 1000.0;
    }

    /** Writes the label map as a uint8 NIfTI with the scan's grid and affine (.nii.gz is gzipped). */
    public void writeNifti(Path file) throws IOException {
        Nifti.writeLabels(labels, file);
    }
}
