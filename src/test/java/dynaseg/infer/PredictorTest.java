package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import dynaseg.nn.Networks;
import dynaseg.run.Checkpoints;
import dynaseg.run.NetworkFactory;
import dynaseg.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class PredictorTest {
    @TempDir Path tmp;

    /** Smooth random HU: a few Gaussian blobs of different intensities over noise, so a random UNet gives varied labels. */
    private static Volume scan(Geometry g, long seed) {
        Random r = new Random(seed);
        float[] v = new float[g.voxelCount()];
        double[][] blobs = new double[5][];
        for (int b = 0; b < blobs.length; b++) {
            blobs[b] = new double[] {r.nextDouble() * g.nx(), r.nextDouble() * g.ny(), r.nextDouble() * g.nz(), 2 + 3 * r.nextDouble(),
                    -400 + 800 * r.nextDouble()};
        }
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double hu = -100 + 30 * r.nextGaussian();
                    for (double[] b : blobs) {
                        double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]) + (z - b[2]) * (z - b[2]);
                        hu += b[4] * Math.exp(-d2 / (2 * b[3] * b[3]));
                    }
                    v[g.index(x, y, z)] = (float) hu;
                }
            }
        }
        return new Volume(g, v);
    }

    /** The same voxels on an LPS grid: x and y reversed, the affine changed so every voxel keeps its world position. */
    private static Volume toLps(Volume ras) {
        Geometry g = ras.geometry();
        double[][] a = g.affine();
        double[][] b = g.affine();
        for (int r = 0; r < 3; r++) {
            b[r][0] = -a[r][0];
            b[r][1] = -a[r][1];
            b[r][3] = a[r][3] + a[r][0] * (g.nx() - 1) + a[r][1] * (g.ny() - 1);
        }
        Geometry lps = new Geometry(g.dims(), g.spacing(), b, 1, 1);
        float[] v = new float[g.voxelCount()];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) v[lps.index(g.nx() - 1 - x, g.ny() - 1 - y, z)] = ras.get(x, y, z);
            }
        }
        return new Volume(lps, v);
    }

    @Test
    void onTheTargetGridThePredictionIsTheSlidingWindowOfTheWindowedImage() throws IOException {
        RunConfig config = PredictRuns.tinyConfig();
        Path run = PredictRuns.randomRun(tmp.resolve("run"), config, "best");
        Geometry g = Geometry.axisAligned(20, 18, 17, 2.0, 2.0, 2.0);
        Volume hu = scan(g, 1);
        PredictedCase predicted;
        try (Predictor p = Predictor.builder(run).optOverlap(0.25).optWindowBatch(2).build()) {
            assertEquals(4, p.classCount());
            predicted = p.predict(hu, true, null);
        }
        assertTrue(predicted.labels().geometry() == g, "the result lies on the input's own Geometry");

        // independent path: window by hand, load the parameters into a fresh network, slide
        float[] windowed = new float[hu.voxels().length];
        for (int i = 0; i < windowed.length; i++) windowed[i] = (float) Math.max(0, Math.min(1, (hu.voxels()[i] + 200) / 500.0));
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = NetworkFactory.create(config, 4);
            NetworkFactory.initialize(net, m, config);
            Networks.load(net, run.resolve("checkpoints/best").resolve(Checkpoints.MODEL), m);
            ParameterStore ps = new ParameterStore(m, false);
            SlidingWindowInference.Prediction expected = SlidingWindowInference.builder().setPatch(16).optOverlap(0.25).build()
                    .predict(m, windowed, new int[] {17, 18, 20}, x -> net.forward(ps, new NDList(x), false).singletonOrThrow());
            for (int c = 0; c < 4; c++) {
                float[] e = expected.channel(c);
                float[] a = predicted.probabilities()[c];
                for (int v = 0; v < e.length; v++) assertEquals(e[v], a[v], 2e-5, "class " + c + " voxel " + v);
            }
            assertArrayEquals(expected.labels(), predicted.labels().labels());
        }
        long[] counts = predicted.labels().counts();
        int used = 0;
        for (long n : counts) if (n > 0) used++;
        assertTrue(used >= 2, "a random network on blobs gives more than one label");
    }

    @Test
    void anLpsCopyOfAScanGetsTheSameLabelsInItsOwnVoxelOrder() throws IOException {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Geometry g = new Geometry(new int[] {26, 22, 15}, new double[] {1.5, 1.5, 2.5},
                new double[][] {{1.5, 0, 0, -20}, {0, 1.5, 0, 10}, {0, 0, 2.5, 3}, {0, 0, 0, 1}}, 1, 1);
        Volume ras = scan(g, 2);
        Volume lps = toLps(ras);
        LabelMap a;
        LabelMap b;
        try (Predictor p = Predictor.builder(run).build()) {
            a = p.predict(ras);
            b = p.predict(lps);
        }
        assertTrue(b.geometry() == lps.geometry());
        int differ = 0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) if (a.get(x, y, z) != b.get(g.nx() - 1 - x, g.ny() - 1 - y, z)) differ++;
            }
        }
        assertEquals(0, differ, "voxels whose label depends on the storage order");
    }

    @Test
    void progressCountsEveryWindowOnceAndMirroringKeepsTheCount() throws IOException {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        // 40 x 30 x 20 voxels of 1 mm -> 20 x 15 x 10 at 2 mm -> padded to 20 x 16 x 16 (x, y, z): 2 x 1 x 1 windows at overlap 0.5
        Geometry g = Geometry.axisAligned(40, 30, 20, 1.0, 1.0, 1.0);
        for (boolean mirror : new boolean[] {false, true}) {
            try (Predictor p = Predictor.builder(run).optMirroring(mirror).optWindowBatch(1).build()) {
                assertEquals(2, p.windowCount(g));
                AtomicInteger calls = new AtomicInteger();
                int[] last = new int[2];
                PredictedCase c = p.predict(scan(g, 3), false, (done, total) -> {
                    calls.incrementAndGet();
                    last[0] = done;
                    last[1] = total;
                });
                assertEquals(2, calls.get());
                assertArrayEquals(new int[] {2, 2}, last);
                assertEquals(2, c.windows());
                assertArrayEquals(g.dims(), c.labels().geometry().dims());
                assertEquals(null, c.probabilities());
            }
        }
    }

    @Test
    void aMissingCheckpointSaysWhichOneExists() throws IOException {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "last");
        IOException e = assertThrows(IOException.class, () -> Predictor.builder(run).build());
        assertTrue(e.getMessage().contains("best") && e.getMessage().contains("--checkpoint last"), e.getMessage());
        try (Predictor p = Predictor.builder(run).optCheckpoint("last").build()) {
            assertTrue(p.checkpoint().endsWith("last"));
        }
        assertThrows(IllegalArgumentException.class, () -> Predictor.builder(run).optCheckpoint("newest").build());
        IOException noRun = assertThrows(IOException.class, () -> Predictor.builder(tmp.resolve("nothing")).build());
        assertTrue(noRun.getMessage().contains("config.yaml"), noRun.getMessage());
    }

    @Test
    void aCheckpointCaughtMidSwapIsReadFromTheOldCopy() throws IOException {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Path best = run.resolve("checkpoints/best");
        Files.move(best, best.resolveSibling("best.old"));
        try (Predictor p = Predictor.builder(run).build()) {
            assertTrue(p.checkpoint().endsWith("best.old"));
        }
        assertTrue(Files.isDirectory(best.resolveSibling("best.old")), "reading never repairs the run folder");
    }

    @Test
    void noGpuIsAClearError() throws IOException {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Predictor.builder(run).optDevice("gpu").build());
        assertTrue(e.getMessage().contains("--device cpu"), e.getMessage());
    }
}
