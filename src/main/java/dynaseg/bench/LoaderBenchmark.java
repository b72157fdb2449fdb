package dynaseg.bench;

import dynaseg.data.sampling.Augmentation;
import dynaseg.data.sampling.Batch;
import dynaseg.data.sampling.PatchLoader;
import dynaseg.data.sampling.PatchSampler;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How fast the patch loader delivers training patches (sampling with foreground oversampling +
 * default augmentation, background threads) from in-memory cases: patches per second as seen by a
 * consumer that does nothing else. The trainer needs ~2-4 patches/s (batch 2 at 0.5-1 s a step);
 * the loader should be far faster.
 */
public final class LoaderBenchmark {
    private LoaderBenchmark() {}

    /** What one run measured. */
    public record Result(int threads, int batchSize, int patchSize, int patches, double seconds) {
        public double patchesPerSecond() { return patches / seconds; }
    }

    /** The setting: batch 2 of 96^3 patches from 4 cases of 192 x 192 x 128 voxels, 20 warm-up + 50 timed batches. */
    public static Result run(int threads) {
        return run(4, new int[] {192, 192, 128}, 96, 2, threads, 20, 50);
    }

    /**
     * @param caseDims x, y, z voxels of each synthetic case
     * @param patchSize edge of the cubic patch
     */
    public static Result run(int cases, int[] caseDims, int patchSize, int batchSize, int threads, int warmupBatches, int batches) {
        List<PreprocessedCase> data = new ArrayList<>();
        for (int i = 0; i < cases; i++) data.add(syntheticCase("bench_" + i, caseDims, i));
        PatchSampler sampler = new PatchSampler(data, 4, new int[] {patchSize, patchSize, patchSize});
        try (PatchLoader loader = new PatchLoader(sampler, Augmentation.defaults(), batchSize, 1234, threads)) {
            Iterator<Batch> warm = loader.epoch(0, warmupBatches);
            while (warm.hasNext()) warm.next();
            Iterator<Batch> it = loader.epoch(1, batches);
            long start = System.nanoTime();
            long checksum = 0;
            while (it.hasNext()) checksum += it.next().labels()[0];
            double seconds = (System.nanoTime() - start) / 1e9;
            if (checksum == Long.MIN_VALUE) System.out.print(""); // keep the batches alive
            return new Result(threads, batchSize, patchSize, batches * batchSize, seconds);
        }
    }

    /** Noise in [0, 1] with three box "organs" of decreasing size. */
    static PreprocessedCase syntheticCase(String id, int[] dims, long seed) {
        Geometry g = Geometry.axisAligned(dims[0], dims[1], dims[2], 1.5, 1.5, 2.0);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] img = new float[g.voxelCount()];
        byte[] lab = new byte[g.voxelCount()];
        for (int i = 0; i < img.length; i++) img[i] = (float) rng.nextDouble();
        for (int c = 1; c <= 3; c++) {
            int size = Math.max(1, dims[0] / (4 * c));
            int x0 = rng.nextInt(dims[0] - size + 1), y0 = rng.nextInt(dims[1] - size + 1), z0 = rng.nextInt(Math.max(1, dims[2] - size + 1));
            for (int z = z0; z < Math.min(dims[2], z0 + size); z++) {
                for (int y = y0; y < y0 + size; y++) for (int x = x0; x < x0 + size; x++) lab[g.index(x, y, z)] = (byte) c;
            }
        }
        return new PreprocessedCase(id, new Volume(g, img), new LabelMap(g, lab));
    }
}
