package dynaseg.data.sampling;

import dynaseg.io.LabelMap;

/**
 * Where each class lies in one label map: for every class id 1..C-1 present, the linear indices
 * of (at most {@code cap}, evenly strided) voxels carrying it. Foreground oversampling centres
 * patches on these voxels; striding keeps memory bounded for large organs while still covering
 * their whole extent.
 */
public final class ClassVoxelIndex {
    public static final int DEFAULT_CAP = 20_000;

    private final int[][] voxels;
    private final int[] present;

    public ClassVoxelIndex(LabelMap labels, int classCount, int cap) {
        if (cap < 1) throw new IllegalArgumentException("cap must be >= 1");
        byte[] lab = labels.labels();
        long[] counts = labels.counts();
        voxels = new int[classCount][];
        int[] stride = new int[classCount];
        int[] fill = new int[classCount];
        int[] seen = new int[classCount];
        int presentCount = 0;
        for (int c = 1; c < classCount; c++) {
            if (counts[c] == 0) continue;
            presentCount++;
            stride[c] = (int) Math.max(1, (counts[c] + cap - 1) / cap);
            voxels[c] = new int[(int) ((counts[c] + stride[c] - 1) / stride[c])];
        }
        present = new int[presentCount];
        for (int c = 1, k = 0; c < classCount; c++) if (voxels[c] != null) present[k++] = c;
        for (int i = 0; i < lab.length; i++) {
            int c = lab[i] & 0xFF;
            if (c == 0 || c >= classCount) continue;
            if (seen[c]++ % stride[c] == 0) voxels[c][fill[c]++] = i;
        }
    }

    /** Foreground class ids present in the case, ascending. */
    public int[] presentClasses() { return present.clone(); }

    public int presentCount() { return present.length; }

    /** The i-th present class id. */
    public int presentClass(int i) { return present[i]; }

    /** Indexed voxels of class {@code c} (empty when absent). Do not modify. */
    public int[] voxelsOf(int c) { return c < voxels.length && voxels[c] != null ? voxels[c] : new int[0]; }
}
