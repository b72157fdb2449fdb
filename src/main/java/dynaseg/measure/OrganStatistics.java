package dynaseg.measure;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.LabelTable;
import dynaseg.io.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Per-organ measurements of one case: a label map and the CT it segments, on the same grid.
 * For each organ: the voxel count, the volume (voxels x the product of the label map's NIfTI
 * voxel sizes, pixdim, as TotalSegmentator uses nibabel's zooms) and the CT values inside the
 * organ, in the units the image reader gives (Hounsfield units for CT: scl_slope and scl_inter
 * applied): mean over voxels (TotalSegmentator's "intensity"), exact median (the middle value,
 * or the mean of the two middle values), and the population standard deviation (divisor n, as
 * numpy's default {@code std}).
 *
 * <p>Organs are the table's labels 1..255 plus any other value found in the map (named
 * {@code label_<k>}, so nothing in the map goes unreported). An organ without voxels has count
 * and volume 0 and NaN statistics.
 */
public final class OrganStatistics {
    /** One organ's row. */
    public record Organ(int label, String name, long voxels, double volumeMm3, double mean, double median, double std) {
        public double volumeMl() { return volumeMm3 / 1000.0; }
        public boolean present() { return voxels > 0; }
    }

    private OrganStatistics() {}

    /**
     * Measures every organ.
     *
     * @param segFile the label map's file, named in errors
     * @param ctFile  the CT's file, named in errors
     * @throws IllegalArgumentException when the label map and the CT are not on the same grid
     */
    public static List<Organ> measure(LabelMap seg, Volume ct, LabelTable table, String segFile, String ctFile) {
        Geometry g = seg.geometry();
        if (!g.sameGrid(ct.geometry(), 1e-3)) {
            throw new IllegalArgumentException("label map " + segFile + " (" + g + ") and image " + ctFile + " ("
                    + ct.geometry() + ") are on different grids; statistics need the CT the labels were made for");
        }
        byte[] labels = seg.labels();
        float[] values = ct.voxels();
        long[] counts = seg.counts();
        TreeSet<Integer> organs = new TreeSet<>();
        for (LabelTable.Entry e : table.organs()) organs.add(e.value());
        for (int l = 1; l < 256; l++) if (counts[l] > 0) organs.add(l);

        // One pass gathers each organ's values, so the median can be exact (a sort, not a histogram).
        float[][] inside = new float[256][];
        for (int l : organs) inside[l] = new float[Math.toIntExact(counts[l])];
        int[] filled = new int[256];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i] & 0xFF;
            if (l != 0) inside[l][filled[l]++] = values[i];
        }
        double[] spacing = g.spacing();
        double voxelMm3 = spacing[0] * spacing[1] * spacing[2];
        List<Organ> rows = new ArrayList<>();
        for (int l : organs) {
            float[] x = inside[l];
            double mean = mean(x);
            double std = std(x);
            double median = median(x); // last: it sorts x
            rows.add(new Organ(l, table.name(l), x.length, x.length * voxelMm3, mean, median, std));
        }
        return rows;
    }

    static double mean(float[] x) {
        if (x.length == 0) return Double.NaN;
        double sum = 0;
        for (float v : x) sum += v;
        return sum / x.length;
    }

    /** Population standard deviation, two passes (the mean first) to avoid cancellation. */
    static double std(float[] x) {
        if (x.length == 0) return Double.NaN;
        double m = mean(x);
        double ss = 0;
        for (float v : x) {
            double d = v - m;
            ss += d * d;
        }
        return Math.sqrt(ss / x.length);
    }

    /** The exact median; sorts {@code x} in place. */
    static double median(float[] x) {
        if (x.length == 0) return Double.NaN;
        Arrays.sort(x);
        int mid = x.length / 2;
        return x.length % 2 == 1 ? x[mid] : ((double) x[mid - 1] + x[mid]) / 2;
    }
}
