package dynaseg.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Whole-volume prediction from a patch network: windows of the patch size slide over the
 * volume ({@link WindowGrid}, nnU-Net's steps), go through the network in batches, and their
 * outputs are blended with a Gaussian importance map ({@link GaussianImportanceMap}, sigma =
 * patch / 8). As nnU-Net v2 and MONAI, the network's logits are blended and the softmax is
 * taken once at the end; with mirroring, the logits of all 8 flip combinations of the three
 * spatial axes are averaged first (nnU-Net's test-time mirroring).
 *
 * <p>Volumes smaller than the patch along an axis are padded (with {@code padValue}, centred as
 * nnU-Net: half before, the rest after) and the result is cropped back. Accumulators are Java
 * float arrays, one per class, so a volume's voxel count times classes may exceed 2^31; each
 * window batch runs in a child {@link NDManager} and an {@link NDScope}, so native memory stays
 * flat however many windows there are.
 *
 * <p>Edges: input {@code float[d*h*w]} with dims {d, h, w} = (z, y, x), x fastest, one channel;
 * the predictor maps (B, 1, pd, ph, pw) to logits (B, C, pd, ph, pw); output C probability
 * arrays of d*h*w, or argmax labels.
 */
public final class SlidingWindowInference {
    /** Called after each window batch. */
    @FunctionalInterface
    public interface Progress {
        void windowsDone(int done, int total);
    }

    private final int[] patch;
    private final double overlap;
    private final int windowBatch;
    private final boolean mirroring;
    private final float padValue;
    private final Progress progress;
    private final float[] importance;

    private SlidingWindowInference(Builder b) {
        this.patch = b.patch.clone();
        this.overlap = b.overlap;
        this.windowBatch = b.windowBatch;
        this.mirroring = b.mirroring;
        this.padValue = b.padValue;
        this.progress = b.progress;
        this.importance = GaussianImportanceMap.compute(patch, b.sigmaScale);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int[] patch() { return patch.clone(); }
    public double overlap() { return overlap; }
    public int windowBatch() { return windowBatch; }
    public boolean mirroring() { return mirroring; }

    /** Blended softmax probabilities of the whole volume. */
    public Prediction predict(NDManager manager, float[] volume, int[] dims, Function<NDArray, NDArray> predictor) {
        if (dims.length != 3) throw new IllegalArgumentException("dims must be {d, h, w}");
        long n = (long) dims[0] * dims[1] * dims[2];
        if (n != volume.length) {
            throw new IllegalArgumentException("volume has " + volume.length + " voxels, dims " + Arrays.toString(dims)
                    + " say " + n);
        }
        int[] padded = new int[3];
        int[] offset = new int[3];
        for (int a = 0; a < 3; a++) {
            padded[a] = Math.max(dims[a], patch[a]);
            offset[a] = (padded[a] - dims[a]) / 2;
        }
        List<int[]> origins = WindowGrid.origins(padded, patch, overlap);
        int windowVoxels = patch[0] * patch[1] * patch[2];
        float[] weightSum = new float[(int) n];
        float[][] acc = null;
        int done = 0;
        for (int start = 0; start < origins.size(); start += windowBatch) {
            int b = Math.min(windowBatch, origins.size() - start);
            float[] input = new float[b * windowVoxels];
            for (int i = 0; i < b; i++) {
                extract(volume, dims, origins.get(start + i), offset, input, i * windowVoxels);
            }
            float[] logits;
            int classes;
            try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = sub.create(input, new Shape(b, 1, patch[0], patch[1], patch[2]));
                NDArray y = predictMaybeMirrored(x, predictor);
                Shape s = y.getShape();
                if (s.dimension() != 5 || s.get(0) != b || s.get(2) != patch[0] || s.get(3) != patch[1]
                        || s.get(4) != patch[2]) {
                    throw new IllegalStateException("predictor returned " + s + " for input " + x.getShape()
                            + "; expected (" + b + ", C, " + patch[0] + ", " + patch[1] + ", " + patch[2] + ")");
                }
                classes = (int) s.get(1);
                logits = y.toFloatArray();
            }
            if (acc == null) {
                acc = new float[classes][(int) n];
            } else if (acc.length != classes) {
                throw new IllegalStateException("predictor changed its class count from " + acc.length + " to " + classes);
            }
            for (int i = 0; i < b; i++) {
                accumulate(logits, i, classes, origins.get(start + i), offset, dims, acc, weightSum);
            }
            done += b;
            if (progress != null) progress.windowsDone(done, origins.size());
        }
        normaliseAndSoftmax(acc, weightSum);
        return new Prediction(acc, dims);
    }

    /** {@link #predict} over a volume's voxels, dims taken from its geometry as (nz, ny, nx). */
    public Prediction predict(NDManager manager, Volume volume, Function<NDArray, NDArray> predictor) {
        Geometry g = volume.geometry();
        return predict(manager, volume.voxels(), new int[] {g.nz(), g.ny(), g.nx()}, predictor);
    }

    /** Argmax labels on the volume's own grid. */
    public LabelMap predictLabels(NDManager manager, Volume volume, Function<NDArray, NDArray> predictor) {
        return new LabelMap(volume.geometry(), predict(manager, volume, predictor).labels());
    }

    /** Argmax labels (z, y, x), x fastest. */
    public byte[] predictLabels(NDManager manager, float[] volume, int[] dims, Function<NDArray, NDArray> predictor) {
        return predict(manager, volume, dims, predictor).labels();
    }

    private NDArray predictMaybeMirrored(NDArray x, Function<NDArray, NDArray> predictor) {
        NDArray sum = predictor.apply(x);
        if (!mirroring) return sum;
        int[][] flips = {{2}, {3}, {4}, {2, 3}, {2, 4}, {3, 4}, {2, 3, 4}};
        for (int[] axes : flips) {
            sum = sum.add(predictor.apply(x.flip(axes)).flip(axes));
        }
        return sum.div(flips.length + 1);
    }

    /** Copies one window (padded volume coordinates) into {@code out} at {@code at}; outside voxels get padValue. */
    private void extract(float[] volume, int[] dims, int[] origin, int[] offset, float[] out, int at) {
        int pd = patch[0];
        int ph = patch[1];
        int pw = patch[2];
        int xs = origin[2] - offset[2];
        int x0 = Math.max(0, -xs);
        int x1 = Math.min(pw, dims[2] - xs);
        for (int z = 0; z < pd; z++) {
            int vz = origin[0] - offset[0] + z;
            for (int y = 0; y < ph; y++) {
                int vy = origin[1] - offset[1] + y;
                int row = at + (z * ph + y) * pw;
                if (vz < 0 || vz >= dims[0] || vy < 0 || vy >= dims[1] || x1 <= x0) {
                    Arrays.fill(out, row, row + pw, padValue);
                    continue;
                }
                Arrays.fill(out, row, row + x0, padValue);
                System.arraycopy(volume, (vz * dims[1] + vy) * dims[2] + xs + x0, out, row + x0, x1 - x0);
                Arrays.fill(out, row + x1, row + pw, padValue);
            }
        }
    }

    /** Adds importance * logits of window {@code w} to the accumulators, for the voxels inside the volume. */
    private void accumulate(float[] logits, int w, int classes, int[] origin, int[] offset, int[] dims,
            float[][] acc, float[] weightSum) {
        int pd = patch[0];
        int ph = patch[1];
        int pw = patch[2];
        int windowVoxels = pd * ph * pw;
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            int s = origin[a] - offset[a];
            lo[a] = Math.max(0, -s);
            hi[a] = Math.min(patch[a], dims[a] - s);
        }
        int zs = origin[0] - offset[0];
        int ys = origin[1] - offset[1];
        int xs = origin[2] - offset[2];
        for (int z = lo[0]; z < hi[0]; z++) {
            for (int y = lo[1]; y < hi[1]; y++) {
                int wRow = (z * ph + y) * pw;
                int vRow = ((zs + z) * dims[1] + ys + y) * dims[2] + xs;
                for (int x = lo[2]; x < hi[2]; x++) weightSum[vRow + x] += importance[wRow + x];
                for (int c = 0; c < classes; c++) {
                    float[] a = acc[c];
                    int lRow = (w * classes + c) * windowVoxels + wRow;
                    for (int x = lo[2]; x < hi[2]; x++) a[vRow + x] += importance[wRow + x] * logits[lRow + x];
                }
            }
        }
    }

    /** Divides by the summed weights (every voxel is covered by at least one window) and takes the softmax over classes. */
    private static void normaliseAndSoftmax(float[][] acc, float[] weightSum) {
        int classes = acc.length;
        for (int v = 0; v < weightSum.length; v++) {
            float inv = 1f / weightSum[v];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                acc[c][v] *= inv;
                max = Math.max(max, acc[c][v]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(acc[c][v] - max);
                acc[c][v] = (float) e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) acc[c][v] = (float) (acc[c][v] / sum);
        }
    }

    /** Per-class probabilities of a volume: C arrays of d*h*w (z, y, x), x fastest. */
    public static final class Prediction {
        private final float[][] probabilities;
        private final int[] dims;

        Prediction(float[][] probabilities, int[] dims) {
            this.probabilities = probabilities;
            this.dims = dims.clone();
        }

        public int classes() { return probabilities.length; }
        public int[] dims() { return dims.clone(); }

        /** Probabilities of class c (shared, not copied). */
        public float[] channel(int c) { return probabilities[c]; }

        /** All probabilities as one (C, d, h, w) array; fails when that exceeds a Java array. */
        public float[] probabilities() {
            long total = (long) probabilities.length * probabilities[0].length;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(total + " probabilities don't fit one array; use channel(c)");
            }
            float[] all = new float[(int) total];
            for (int c = 0; c < probabilities.length; c++) {
                System.arraycopy(probabilities[c], 0, all, c * probabilities[c].length, probabilities[c].length);
            }
            return all;
        }

        /** Argmax over classes (the first class wins ties), as unsigned bytes. */
        public byte[] labels() {
            if (probabilities.length > 256) throw new IllegalStateException("more than 256 classes");
            int n = probabilities[0].length;
            byte[] labels = new byte[n];
            for (int v = 0; v < n; v++) {
                int best = 0;
                float bestP = probabilities[0][v];
                for (int c = 1; c < probabilities.length; c++) {
                    if (probabilities[c][v] > bestP) {
                        bestP = probabilities[c][v];
                        best = c;
                    }
                }
                labels[v] = (byte) best;
            }
            return labels;
        }
    }

    /** Settings: {@code setPatch} is required, the rest have nnU-Net's defaults. */
    public static final class Builder {
        private int[] patch;
        private double overlap = 0.5;
        private int windowBatch = 1;
        private boolean mirroring;
        private double sigmaScale = 1.0 / 8.0;
        private float padValue;
        private Progress progress;

        private Builder() {}

        /** Patch (window) size {pd, ph, pw} = (z, y, x); one number means a cube. */
        public Builder setPatch(int... patch) {
            if (patch.length == 1) patch = new int[] {patch[0], patch[0], patch[0]};
            if (patch.length != 3 || patch[0] <= 0 || patch[1] <= 0 || patch[2] <= 0) {
                throw new IllegalArgumentException("patch needs 3 positive sizes: " + Arrays.toString(patch));
            }
            this.patch = patch.clone();
            return this;
        }

        /** Fraction of a window shared with its neighbour, in [0, 1); default 0.5. */
        public Builder optOverlap(double overlap) {
            if (!(overlap >= 0 && overlap < 1)) throw new IllegalArgumentException("overlap must be in [0, 1): " + overlap);
            this.overlap = overlap;
            return this;
        }

        /** Windows per network call; default 1. */
        public Builder optWindowBatch(int windowBatch) {
            if (windowBatch <= 0) throw new IllegalArgumentException("window batch must be > 0");
            this.windowBatch = windowBatch;
            return this;
        }

        /** Average over the 8 flip combinations (8x the network calls); default off. */
        public Builder optMirroring(boolean mirroring) {
            this.mirroring = mirroring;
            return this;
        }

        /** Gaussian sigma as a fraction of the patch; default 1/8. */
        public Builder optSigmaScale(double sigmaScale) {
            if (!(sigmaScale > 0)) throw new IllegalArgumentException("sigma scale must be > 0");
            this.sigmaScale = sigmaScale;
            return this;
        }

        /** Value of the voxels padded around volumes smaller than the patch; default 0 (air after windowing). */
        public Builder optPadValue(float padValue) {
            this.padValue = padValue;
            return this;
        }

        public Builder optProgress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public SlidingWindowInference build() {
            if (patch == null) throw new IllegalStateException("setPatch is required");
            return new SlidingWindowInference(this);
        }
    }
}
