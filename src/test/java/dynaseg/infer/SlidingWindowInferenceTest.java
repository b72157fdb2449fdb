package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SlidingWindowInferenceTest {
    private static final int C = 4;
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** A label volume with values 0..C-1 in blobs, x fastest. */
    private static byte[] labels(int[] dims, long seed) {
        Random r = new Random(seed);
        byte[] l = new byte[dims[0] * dims[1] * dims[2]];
        for (int i = 0; i < l.length; i++) l[i] = (byte) r.nextInt(C);
        return l;
    }

    private static float[] intensities(byte[] labels) {
        float[] v = new float[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = labels[i];
        return v;
    }

    /** logit_c = -4 (x - c)^2: the network that reads the label off each voxel's intensity. */
    private static double pointwise(int c, float x) {
        return -4.0 * (x - c) * (x - c);
    }

    private static NDArray pointwise(NDArray x) {
        NDArray classes = x.getManager().arange((float) C).reshape(1, C, 1, 1, 1);
        return x.sub(classes).square().mul(-4);
    }

    /** Pointwise logits plus a fixed per-window-position bias (C, pd, ph, pw): blending now matters. */
    private static Function<NDArray, NDArray> biased(float[] bias, int[] p) {
        return x -> pointwise(x).add(x.getManager().create(bias, new Shape(1, C, p[0], p[1], p[2])));
    }

    private static float[] randomBias(int[] p, long seed) {
        Random r = new Random(seed);
        float[] b = new float[C * p[0] * p[1] * p[2]];
        for (int i = 0; i < b.length; i++) b[i] = (float) (2 * r.nextGaussian());
        return b;
    }

    /** The bias averaged over the 8 flips (what mirroring must amount to for a pointwise network). */
    private static float[] mirroredBias(float[] b, int[] p) {
        float[] out = new float[b.length];
        for (int c = 0; c < C; c++) {
            for (int z = 0; z < p[0]; z++) {
                for (int y = 0; y < p[1]; y++) {
                    for (int x = 0; x < p[2]; x++) {
                        double s = 0;
                        for (int f = 0; f < 8; f++) {
                            int zz = (f & 1) != 0 ? p[0] - 1 - z : z;
                            int yy = (f & 2) != 0 ? p[1] - 1 - y : y;
                            int xx = (f & 4) != 0 ? p[2] - 1 - x : x;
                            s += b[((c * p[0] + zz) * p[1] + yy) * p[2] + xx];
                        }
                        out[((c * p[0] + z) * p[1] + y) * p[2] + x] = (float) (s / 8);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Naive reference: for every voxel, the importance-weighted mean of the logits of every
     * window that holds it, then a softmax.
     */
    private static float[][] reference(float[] volume, int[] dims, int[] p, double overlap, float[] bias) {
        int[] padded = new int[3];
        int[] off = new int[3];
        for (int a = 0; a < 3; a++) {
            padded[a] = Math.max(dims[a], p[a]);
            off[a] = (padded[a] - dims[a]) / 2;
        }
        List<int[]> origins = WindowGrid.origins(padded, p, overlap);
        float[] g = GaussianImportanceMap.compute(p);
        int n = volume.length;
        float[][] probs = new float[C][n];
        for (int z = 0; z < dims[0]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                for (int x = 0; x < dims[2]; x++) {
                    int v = (z * dims[1] + y) * dims[2] + x;
                    double[] acc = new double[C];
                    double w = 0;
                    for (int[] o : origins) {
                        int lz = z + off[0] - o[0];
                        int ly = y + off[1] - o[1];
                        int lx = x + off[2] - o[2];
                        if (lz < 0 || ly < 0 || lx < 0 || lz >= p[0] || ly >= p[1] || lx >= p[2]) continue;
                        int l = (lz * p[1] + ly) * p[2] + lx;
                        w += g[l];
                        for (int c = 0; c < C; c++) {
                            double b = bias == null ? 0 : bias[c * p[0] * p[1] * p[2] + l];
                            acc[c] += g[l] * (pointwise(c, volume[v]) + b);
                        }
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < C; c++) max = Math.max(max, acc[c] / w);
                    double sum = 0;
                    for (int c = 0; c < C; c++) sum += Math.exp(acc[c] / w - max);
                    for (int c = 0; c < C; c++) probs[c][v] = (float) (Math.exp(acc[c] / w - max) / sum);
                }
            }
        }
        return probs;
    }

    private static void assertClose(float[][] expected, SlidingWindowInference.Prediction actual, double tol) {
        assertEquals(expected.length, actual.classes());
        for (int c = 0; c < expected.length; c++) {
            float[] a = actual.channel(c);
            for (int v = 0; v < a.length; v++) {
                if (Math.abs(expected[c][v] - a[v]) > tol) {
                    throw new AssertionError("class " + c + " voxel " + v + ": expected " + expected[c][v] + " got " + a[v]);
                }
            }
        }
    }

    @Test
    void reproducesTheLabelMapForSmallAndOddSizedVolumes() {
        int[][] sizes = {{10, 12, 9}, {37, 20, 25}, {16, 16, 16}, {5, 40, 17}};
        for (int[] dims : sizes) {
            byte[] truth = labels(dims, dims[0]);
            SlidingWindowInference swi = SlidingWindowInference.builder().setPatch(16).optWindowBatch(3).build();
            byte[] predicted = swi.predictLabels(manager, intensities(truth), dims, SlidingWindowInferenceTest::pointwise);
            assertArrayEquals(truth, predicted, "dims " + java.util.Arrays.toString(dims));
        }
    }

    @Test
    void aVolumeKeepsItsGeometry() {
        int[] dims = {11, 19, 23}; // z, y, x
        byte[] truth = labels(dims, 17);
        Geometry g = Geometry.axisAligned(23, 19, 11, 1, 1, 2);
        LabelMap out = SlidingWindowInference.builder().setPatch(8, 16, 16).build()
                .predictLabels(manager, new Volume(g, intensities(truth)), SlidingWindowInferenceTest::pointwise);
        assertTrue(out.geometry() == g);
        assertArrayEquals(truth, out.labels());
    }

    @Test
    void blendingMatchesANaiveReference() {
        int[] p = {8, 12, 10};
        float[] bias = randomBias(p, 7);
        for (int[] dims : new int[][] {{21, 17, 30}, {6, 25, 10}}) {
            float[] volume = intensities(labels(dims, 3));
            SlidingWindowInference swi = SlidingWindowInference.builder().setPatch(p).optWindowBatch(4).build();
            var prediction = swi.predict(manager, volume, dims, biased(bias, p));
            assertArrayEquals(dims, prediction.dims());
            assertClose(reference(volume, dims, p, 0.5, bias), prediction, 2e-5);
        }
    }

    @Test
    void otherOverlapsMatchTheReferenceToo() {
        int[] p = {8, 8, 8};
        float[] bias = randomBias(p, 11);
        int[] dims = {19, 13, 22};
        float[] volume = intensities(labels(dims, 5));
        for (double overlap : new double[] {0.0, 0.25, 0.75}) {
            var prediction = SlidingWindowInference.builder().setPatch(p).optOverlap(overlap).optWindowBatch(5).build()
                    .predict(manager, volume, dims, biased(bias, p));
            assertClose(reference(volume, dims, p, overlap, bias), prediction, 2e-5);
        }
    }

    @Test
    void mirroringAveragesTheEightFlips() {
        int[] p = {8, 10, 6};
        float[] bias = randomBias(p, 13);
        int[] dims = {14, 23, 11};
        float[] volume = intensities(labels(dims, 9));
        var swi = SlidingWindowInference.builder().setPatch(p).optMirroring(true).optWindowBatch(2).build();
        assertClose(reference(volume, dims, p, 0.5, mirroredBias(bias, p)),
                swi.predict(manager, volume, dims, biased(bias, p)), 2e-5);
    }

    @Test
    void mirroringAFlipEquivariantNetworkChangesNothing() {
        int[] dims = {20, 18, 21};
        byte[] truth = labels(dims, 21);
        float[] volume = intensities(truth);
        var plain = SlidingWindowInference.builder().setPatch(12).build()
                .predict(manager, volume, dims, SlidingWindowInferenceTest::pointwise);
        var mirrored = SlidingWindowInference.builder().setPatch(12).optMirroring(true).build()
                .predict(manager, volume, dims, SlidingWindowInferenceTest::pointwise);
        for (int c = 0; c < C; c++) {
            float[] a = plain.channel(c);
            float[] b = mirrored.channel(c);
            for (int v = 0; v < a.length; v++) assertEquals(a[v], b[v], 1e-6);
        }
        assertArrayEquals(truth, mirrored.labels());
        float[] flat = mirrored.probabilities();
        assertEquals(C * volume.length, flat.length);
        assertEquals(mirrored.channel(2)[5], flat[2 * volume.length + 5]);
    }

    @Test
    void progressReportsEveryBatchAndNoArrayIsLeftBehind() {
        int[] dims = {24, 24, 24};
        List<int[]> calls = new ArrayList<>();
        int before = manager.getManagedArrays().size();
        try (NDManager run = manager.newSubManager()) {
            SlidingWindowInference.builder().setPatch(16).optWindowBatch(3)
                    .optProgress((done, total) -> calls.add(new int[] {done, total})).build()
                    .predict(run, new float[24 * 24 * 24], dims, SlidingWindowInferenceTest::pointwise);
            assertEquals(0, run.getManagedArrays().size(), "window arrays are freed with their batch");
        }
        assertEquals(before, manager.getManagedArrays().size());
        // 2 x 2 x 2 = 8 windows in batches of 3: 3, 6, 8
        assertEquals(3, calls.size());
        assertArrayEquals(new int[] {3, 8}, calls.get(0));
        assertArrayEquals(new int[] {8, 8}, calls.get(2));
    }

    @Test
    void aPredictorOfTheWrongShapeIsReported() {
        var swi = SlidingWindowInference.builder().setPatch(8).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> swi.predict(manager, new float[8 * 8 * 8], new int[] {8, 8, 8}, x -> x.sum(new int[] {1})));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> swi.predict(manager, new float[10], new int[] {8, 8, 8}, x -> x));
    }
}
