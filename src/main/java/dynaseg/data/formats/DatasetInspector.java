package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.Progress;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every label map of a dataset once (in parallel; TotalSegmentator masks one at a time) and
 * gathers {@link DatasetStats}: how many cases pass the organ filter, their spacing and grid size,
 * and the organ voxel counts and shares (the paper's Table 1 "Voxels (%)").
 */
public final class DatasetInspector {
    private record CaseFacts(long[] counts, double[] spacing, int[] dims) {}

    private final OrganFilter filter;

    public DatasetInspector(int minOrgans) {
        this.filter = new OrganFilter(minOrgans);
    }

    /** Inspects {@code dataset} (open it unfiltered so that {@code cases} counts everything). */
    public DatasetStats inspect(SegmentationDataset dataset, DatasetOptions opts, Progress progress) throws IOException {
        int classes = dataset.classCount();
        List<CaseFacts> facts = CaseWork.map(dataset.cases(), opts, progress, ref -> {
            LabelMap labels = dataset.readLabels(ref);
            long[] counts = labels.counts();
            for (int v = classes; v < counts.length; v++) {
                if (counts[v] > 0) throw new IOException(ref.label() + ": label id " + v + " is not one of the " + classes + " classes");
            }
            Geometry g = labels.geometry();
            return new CaseFacts(Arrays.copyOf(counts, classes), g.spacing(), g.dims());
        });
        long[] voxels = new long[classes];
        List<double[]> spacings = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        int kept = 0, unreadable = 0;
        for (CaseFacts f : facts) {
            if (f == null) {
                unreadable++;
                continue;
            }
            if (!filter.keeps(f.counts(), classes)) continue;
            kept++;
            for (int c = 0; c < classes; c++) voxels[c] += f.counts()[c];
            spacings.add(f.spacing());
            sizes.add(new double[] {f.dims()[0], f.dims()[1], f.dims()[2]});
        }
        return new DatasetStats(dataset.format(), dataset.cases().size(), kept, unreadable, filter.minOrgans(),
                dataset.classNames(), voxels, minMedianMax(spacings), minMedianMax(sizes));
    }

    /** {min, median, max} per axis; zeros when there are no values. */
    static double[][] minMedianMax(List<double[]> values) {
        double[][] out = new double[3][3];
        if (values.isEmpty()) return out;
        for (int axis = 0; axis < 3; axis++) {
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i)[axis];
            Arrays.sort(v);
            int n = v.length;
            out[0][axis] = v[0];
            out[1][axis] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            out[2][axis] = v[n - 1];
        }
        return out;
    }
}
