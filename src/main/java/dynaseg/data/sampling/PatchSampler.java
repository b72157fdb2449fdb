package dynaseg.data.sampling;

import dynaseg.settings.SettingCheck;
import dynaseg.io.Geometry;
import java.util.List;
import java.util.SplittableRandom;
import dynaseg.data.preprocess.PreprocessedCase;

/**
 * Draws training patches of size {d, h, w} = {z, y, x} from preprocessed cases, nnU-Net style:
 * the case is chosen uniformly; with probability {@code foregroundRatio} (default 1/3) the patch
 * is centred on a voxel of a foreground class chosen uniformly among those present in the case (so
 * that small organs are seen as often as large ones), otherwise its position is uniform. Patches
 * stay inside the case when it is at least as large as the patch; a smaller case is padded with 0
 * (image) and 0 = background (labels). Thread-safe: all state is read-only after construction.
 */
public final class PatchSampler {
    public static final double DEFAULT_FOREGROUND_RATIO = 1.0 / 3.0;

    /** Where a patch comes from: case, first voxel (may be negative when padding), and the class it was centred on (-1: uniform). */
    public record Location(int caseIndex, int z0, int y0, int x0, int foregroundClass) {}

    private final List<PreprocessedCase> cases;
    private final ClassVoxelIndex[] index;
    private final int[] patch;
    private final double foregroundRatio;

    public PatchSampler(List<PreprocessedCase> cases, int classCount, int[] patch, double foregroundRatio) {
        if (cases.isEmpty()) throw new IllegalArgumentException("no cases to sample from");
        if (patch.length != 3 || patch[0] < 1 || patch[1] < 1 || patch[2] < 1) {
            throw new IllegalArgumentException("patch needs 3 positive sizes {d, h, w}");
        }
        checkForegroundRatio(foregroundRatio);
        this.cases = List.copyOf(cases);
        this.patch = patch.clone();
        this.foregroundRatio = foregroundRatio;
        this.index = new ClassVoxelIndex[cases.size()];
        java.util.stream.IntStream.range(0, cases.size()).parallel().forEach(i ->
                index[i] = new ClassVoxelIndex(cases.get(i).labels(), classCount, ClassVoxelIndex.DEFAULT_CAP));
    }

    /** The check of the run config's {@code foreground-ratio} key: a share, in [0, 1]. */
    public static void checkForegroundRatio(double foregroundRatio) {
        SettingCheck.require(foregroundRatio >= 0 && foregroundRatio <= 1, "foreground-ratio", foregroundRatio, "in [0, 1]");
    }

    public PatchSampler(List<PreprocessedCase> cases, int classCount, int[] patch) {
        this(cases, classCount, patch, DEFAULT_FOREGROUND_RATIO);
    }

    /** {d, h, w}. */
    public int[] patch() { return patch.clone(); }
    public int patchVoxels() { return patch[0] * patch[1] * patch[2]; }
    public List<PreprocessedCase> cases() { return cases; }
    public double foregroundRatio() { return foregroundRatio; }

    /** Draws a location; consumes a fixed pattern of random numbers for a given outcome. */
    public Location draw(SplittableRandom rng) {
        int ci = rng.nextInt(cases.size());
        Geometry g = cases.get(ci).image().geometry();
        int[] n = {g.nz(), g.ny(), g.nx()};
        int[] start = new int[3];
        int fgClass = -1;
        ClassVoxelIndex idx = index[ci];
        if (rng.nextDouble() < foregroundRatio && idx.presentCount() > 0) {
            fgClass = idx.presentClass(rng.nextInt(idx.presentCount()));
            int[] vox = idx.voxelsOf(fgClass);
            int v = vox[rng.nextInt(vox.length)];
            int[] centre = {v / (g.nx() * g.ny()), (v / g.nx()) % g.ny(), v % g.nx()};
            for (int a = 0; a < 3; a++) start[a] = clampStart(centre[a] - patch[a] / 2, n[a], patch[a]);
        } else {
            for (int a = 0; a < 3; a++) {
                int lo = Math.min(0, n[a] - patch[a]), hi = Math.max(0, n[a] - patch[a]);
                start[a] = lo + rng.nextInt(hi - lo + 1);
            }
        }
        return new Location(ci, start[0], start[1], start[2], fgClass);
    }

    private static int clampStart(int s, int n, int p) {
        int lo = Math.min(0, n - p), hi = Math.max(0, n - p);
        return Math.max(lo, Math.min(hi, s));
    }

    /** Copies the patch at {@code loc} into slot {@code slot} of (n, 1, d, h, w) images and (n, d, h, w) labels. */
    public void extract(Location loc, float[] images, byte[] labels, int slot) {
        PreprocessedCase c = cases.get(loc.caseIndex());
        Geometry g = c.image().geometry();
        float[] img = c.image().voxels();
        byte[] lab = c.labels().labels();
        int pd = patch[0], ph = patch[1], pw = patch[2];
        int base = slot * patchVoxels();
        java.util.Arrays.fill(images, base, base + patchVoxels(), 0f);
        java.util.Arrays.fill(labels, base, base + patchVoxels(), (byte) 0);
        int xs = Math.max(0, loc.x0()), xe = Math.min(g.nx(), loc.x0() + pw);
        if (xe <= xs) return;
        for (int dz = 0; dz < pd; dz++) {
            int z = loc.z0() + dz;
            if (z < 0 || z >= g.nz()) continue;
            for (int dy = 0; dy < ph; dy++) {
                int y = loc.y0() + dy;
                if (y < 0 || y >= g.ny()) continue;
                int src = g.index(xs, y, z);
                int dst = base + (dz * ph + dy) * pw + (xs - loc.x0());
                System.arraycopy(img, src, images, dst, xe - xs);
                System.arraycopy(lab, src, labels, dst, xe - xs);
            }
        }
    }
}
