package dynaseg.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the sliding windows sit, as nnU-Net's {@code compute_steps_for_sliding_window}: along
 * each axis, n = ceil((size - patch) / (patch * (1 - overlap))) + 1 windows, spread evenly so
 * that the first starts at 0 and the last ends at the border (start = round(i * (size - patch)
 * / (n - 1)), round half to even as numpy). The actual overlap is therefore at least the
 * requested one. Sizes must be at least the patch (pad smaller volumes first).
 */
public final class WindowGrid {
    private WindowGrid() {}

    /** Start offsets along one axis. */
    public static int[] steps(int size, int patch, double overlap) {
        if (patch <= 0 || size < patch) {
            throw new IllegalArgumentException("axis of " + size + " voxels cannot hold a patch of " + patch);
        }
        if (!(overlap >= 0 && overlap < 1)) throw new IllegalArgumentException("overlap must be in [0, 1): " + overlap);
        double targetStep = patch * (1 - overlap);
        int n = (int) Math.ceil((size - patch) / targetStep) + 1;
        int[] steps = new int[n];
        if (n == 1) return steps;
        double actualStep = (double) (size - patch) / (n - 1);
        for (int i = 0; i < n; i++) steps[i] = (int) Math.rint(actualStep * i);
        return steps;
    }

    /** All window origins {z, y, x} for a volume {d, h, w}, z slowest. */
    public static List<int[]> origins(int[] dims, int[] patch, double overlap) {
        int[] sz = steps(dims[0], patch[0], overlap);
        int[] sy = steps(dims[1], patch[1], overlap);
        int[] sx = steps(dims[2], patch[2], overlap);
        List<int[]> origins = new ArrayList<>(sz.length * sy.length * sx.length);
        for (int z : sz) for (int y : sy) for (int x : sx) origins.add(new int[] {z, y, x});
        return origins;
    }
}
