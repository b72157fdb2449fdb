package dynaseg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.sampling.PatchSampler;
import dynaseg.data.sampling.PatchLoader;
import dynaseg.data.sampling.Batch;
import dynaseg.data.sampling.Augmentation;

public class SamplingTest {
    /** Image value = linear index (so that a patch tells where it came from); labels: big organ 1, one-voxel organ 2. */
    public static PreprocessedCase indexedCase(String id, int nx, int ny, int nz) {
        Geometry g = Geometry.axisAligned(nx, ny, nz, 1, 1, 1);
        float[] img = new float[g.voxelCount()];
        byte[] lab = new byte[g.voxelCount()];
        for (int i = 0; i < img.length; i++) img[i] = i;
        for (int z = 0; z < nz / 2; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx / 2; x++) lab[g.index(x, y, z)] = 1;
        lab[g.index(nx - 2, ny - 2, nz - 2)] = 2;
        return new PreprocessedCase(id, new Volume(g, img), new LabelMap(g, lab));
    }

    @Test
    void patchIsExactCopyOfItsLocation() {
        PreprocessedCase c = indexedCase("a", 20, 18, 16);
        PatchSampler s = new PatchSampler(List.of(c), 3, new int[] {4, 5, 6});
        SplittableRandom rng = new SplittableRandom(1);
        float[] img = new float[2 * 120];
        byte[] lab = new byte[2 * 120];
        for (int k = 0; k < 50; k++) {
            PatchSampler.Location loc = s.draw(rng);
            s.extract(loc, img, lab, 1);
            for (int z = 0; z < 4; z++) for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++) {
                int i = 120 + (z * 5 + y) * 6 + x;
                assertEquals(c.image().get(loc.x0() + x, loc.y0() + y, loc.z0() + z), img[i]);
                assertEquals(c.labels().get(loc.x0() + x, loc.y0() + y, loc.z0() + z), lab[i]);
            }
        }
    }

    @Test
    void foregroundOversamplingFindsRareOrgan() {
        PreprocessedCase c = indexedCase("a", 40, 40, 40);
        int[] patch = {8, 8, 8};
        PatchSampler s = new PatchSampler(List.of(c), 3, patch);
        SplittableRandom rng = new SplittableRandom(7);
        int n = 6000, fg = 0, rare = 0, rareInPatch = 0;
        for (int k = 0; k < n; k++) {
            PatchSampler.Location loc = s.draw(rng);
            if (loc.foregroundClass() > 0) fg++;
            if (loc.foregroundClass() == 2) {
                rare++;
                int x = 38 - loc.x0(), y = 38 - loc.y0(), z = 38 - loc.z0();
                if (x >= 0 && x < 8 && y >= 0 && y < 8 && z >= 0 && z < 8) rareInPatch++;
            }
        }
        // a third of the patches are foreground-centred, half of those on the one-voxel organ
        assertEquals(n / 3.0, fg, 4 * Math.sqrt(n * (1 / 3.0) * (2 / 3.0)));
        assertEquals(fg / 2.0, rare, 4 * Math.sqrt(fg * 0.25));
        assertEquals(rare, rareInPatch);
    }

    @Test
    void smallCaseIsPaddedWithZeros() {
        PreprocessedCase c = indexedCase("a", 4, 4, 4);
        PatchSampler s = new PatchSampler(List.of(c), 3, new int[] {6, 6, 6}, 0);
        SplittableRandom rng = new SplittableRandom(3);
        float[] img = new float[216];
        byte[] lab = new byte[216];
        for (int k = 0; k < 20; k++) {
            PatchSampler.Location loc = s.draw(rng);
            assertTrue(loc.x0() <= 0 && loc.x0() >= -2 && loc.z0() <= 0 && loc.z0() >= -2);
            s.extract(loc, img, lab, 0);
            double sum = 0;
            for (float v : img) sum += v;
            assertEquals(63 * 64 / 2.0, sum, 1e-6, "the whole case is inside the patch, zeros around it");
        }
    }

    @Test
    void rotationMatchesNumpyRot90AndAugmentationInverts() {
        int[] patch = {2, 3, 3};
        float[] img = new float[18];
        byte[] lab = new byte[18];
        for (int i = 0; i < 18; i++) {
            img[i] = i;
            lab[i] = (byte) i;
        }
        // np.rot90(np.arange(9).reshape(3, 3)) == [[2, 5, 8], [1, 4, 7], [0, 3, 6]]
        Augmentation.apply(new Augmentation.Transform(false, false, false, 1, 1f, 0f), img, lab, 0, patch);
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, java.util.Arrays.copyOf(img, 9));
        // flip x of np.arange(9).reshape(3, 3) == [[2, 1, 0], ...]
        float[] f = new float[18];
        for (int i = 0; i < 18; i++) f[i] = i;
        Augmentation.apply(new Augmentation.Transform(true, false, true, 0, 1f, 0f), f, new byte[18], 0, patch);
        assertArrayEquals(new float[] {11, 10, 9, 14, 13, 12, 17, 16, 15}, java.util.Arrays.copyOf(f, 9));

        Augmentation all = new Augmentation(0.5, 0.5, 1, 0.1, 1, 0.1);
        int[] p = {4, 6, 6};
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 30; k++) {
            float[] a = TestArrays.randomFloats(2 * 144, k, 1);
            byte[] l = new byte[2 * 144];
            for (int i = 0; i < l.length; i++) l[i] = (byte) (i * 7);
            float[] a0 = a.clone();
            byte[] l0 = l.clone();
            Augmentation.Transform t = all.apply(rng, a, l, 1, p);
            assertTrue(t.scale() >= 0.9f && t.scale() <= 1.1f && Math.abs(t.shift()) <= 0.1f);
            Augmentation.invert(t, a, l, 1, p);
            assertArrayEquals(l0, l);
            assertArrayEquals(a0, a, 1e-5f);
        }
    }

    @Test
    void loaderBatchesDependOnSeedNotOnThreads() throws Exception {
        List<PreprocessedCase> cases = List.of(indexedCase("a", 20, 20, 16), indexedCase("b", 16, 24, 20));
        PatchSampler s = new PatchSampler(cases, 3, new int[] {8, 12, 12});
        List<Batch> reference = batches(s, 0, 5L, 1);
        assertEquals(7, reference.size());
        for (int threads : new int[] {1, 2, 3}) {
            List<Batch> got = batches(s, threads, 5L, 1);
            for (int b = 0; b < reference.size(); b++) {
                assertArrayEquals(reference.get(b).images(), got.get(b).images(), "threads " + threads + " batch " + b);
                assertArrayEquals(reference.get(b).labels(), got.get(b).labels());
            }
        }
        assertTrue(!java.util.Arrays.equals(reference.get(0).images(), batches(s, 2, 5L, 2).get(0).images()), "epochs differ");
        assertTrue(!java.util.Arrays.equals(reference.get(0).images(), batches(s, 2, 6L, 1).get(0).images()), "seeds differ");
    }

    private static List<Batch> batches(PatchSampler s, int threads, long seed, int epoch) {
        try (PatchLoader loader = new PatchLoader(s, Augmentation.defaults(), 2, seed, threads, 3)) {
            loader.epoch(epoch - 1, 3).next(); // an abandoned epoch must not disturb the next one
            List<Batch> out = new java.util.ArrayList<>();
            loader.epoch(epoch, 7).forEachRemaining(out::add);
            return out;
        }
    }
}
