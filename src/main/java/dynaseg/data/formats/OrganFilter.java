package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.Progress;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the cases that hold at least {@code minOrgans} foreground classes (the paper keeps the
 * TotalSegmentator scans with at least 6 of the 13 BTCV organs). A class is present when it has a
 * voxel. Label-map datasets are decided from one read of the label map; TotalSegmentator cases
 * from their masks, read one at a time and only until the answer is known.
 */
public final class OrganFilter {
    public static final int PAPER_MIN_ORGANS = 6;

    private final int minOrgans;

    public OrganFilter(int minOrgans) {
        if (minOrgans < 0) throw new IllegalArgumentException("minimum organ count must be 0 or more, got " + minOrgans);
        this.minOrgans = minOrgans;
    }

    public int minOrgans() { return minOrgans; }

    /** Number of foreground ids 1..C-1 with a voxel, from voxel counts per label id. */
    public static int organsPresent(long[] labelCounts, int classCount) {
        int n = 0;
        for (int c = 1; c < classCount && c < labelCounts.length; c++) if (labelCounts[c] > 0) n++;
        return n;
    }

    /** True when counts (per label id) show at least minOrgans foreground classes. */
    public boolean keeps(long[] labelCounts, int classCount) {
        return organsPresent(labelCounts, classCount) >= minOrgans;
    }

    /** True when the case holds at least minOrgans foreground classes (reads its files). */
    public boolean keeps(SegmentationDataset dataset, CaseRef ref) throws IOException {
        if (minOrgans == 0) return true;
        return presentAtLeast(dataset, ref, minOrgans) >= minOrgans;
    }

    /** The dataset's cases that pass; a case that cannot be read is reported through {@code opts} and dropped. */
    public SegmentationDataset apply(SegmentationDataset dataset, DatasetOptions opts, Progress progress) throws IOException {
        if (minOrgans == 0) return dataset;
        if (minOrgans > dataset.classCount() - 1) {
            throw new IllegalArgumentException("--min-organs " + minOrgans + " is more than the " + (dataset.classCount() - 1)
                    + " foreground classes of the dataset");
        }
        List<Boolean> pass = CaseWork.map(dataset.cases(), opts, progress, ref -> keeps(dataset, ref));
        List<CaseRef> kept = new ArrayList<>();
        for (int i = 0; i < pass.size(); i++) if (Boolean.TRUE.equals(pass.get(i))) kept.add(dataset.cases().get(i));
        return new FilteredDataset(dataset, kept);
    }

    /** A count that is at least {@code enough} exactly when that many foreground classes are present. */
    private static int presentAtLeast(SegmentationDataset dataset, CaseRef ref, int enough) throws IOException {
        if (dataset instanceof TotalSegmentatorDataset t) return t.organsPresent(ref, enough);
        if (dataset instanceof FilteredDataset f) return presentAtLeast(f.source(), ref, enough);
        if (dataset instanceof CombinedDataset c) return presentAtLeast(c.sourceOf(ref), c.sourceRef(ref), enough);
        return organsPresent(dataset.readLabels(ref).counts(), dataset.classCount());
    }
}
